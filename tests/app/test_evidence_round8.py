"""Reading, round eight: a question that asks "多少" asks a number though it names no kind of
number ("重量线是多少", "多少比例", "要多少委员赞成"), and only a passage that states one, in
the measure asked ("多少岁"), answers it; a question in a user's own words that asks for nothing
a passage must carry is answered by the best passages of the document retrieval is about; what a
body must do is read where the rule says so, the whole article, not where it is fined for not
doing it; a list's lead is read with its items, also where a sentence of its own follows it; the
day a rule takes effect stands in the clause that says so; "叫什么名字" is answered by a passage
that gives a name.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, ask, home_with, refused

pytestmark = pytest.mark.slow

BUS = """江城市城市公共交通条例
(2012年3月1日江城市人民代表大会常务委员会通过)
第一条 为了规范城市公共交通管理,保障乘客合法权益,制定本条例。
第二条 市交通运输主管部门负责本市城市公共交通的监督管理工作。
第三十四条 乘客乘坐公交车辆应当遵守乘车规则,不得有下列行为:
(一)携带易燃、易爆等危险物品;
(二)携带重量超过二十五公斤或者长度超过一点八米的物品;
(三)在车厢内吸烟、随地吐痰。
乘客有前款行为之一的,驾驶员可以拒绝为其提供运营服务。
第三十五条 公交企业应当建立安全管理制度,配备专职安全管理人员。
第三十六条 公交企业发现车辆存在安全隐患的,应当立即停止运营并组织检修,及时报告市交通运输主管部门。
第三十七条 违反本条例第三十六条规定,公交企业发现车辆安全隐患未停止运营的,由市交通运输主管部门责令改正,处一万元以上三万元以下的罚款。
第三十八条 车辆维修的费用由公交企业承担。
第三十九条 本条例自2012年5月1日起施行。
"""

AWARD = """江城市市长质量奖评审管理办法
第一条 为推动全市企业提高质量管理水平,设立江城市市长质量奖。
第十条 评审委员会对候选名单进行投票,获三分之二以上委员赞成票的,列入拟获奖名单。
第十六条 获奖企业在获奖后三年内如发生下列情形之一的,由评审委员会提请市政府撤销其市长质量奖。撤销奖项的企业不得参加下一届评审。
(一)发生重大质量、安全事故的;
(二)弄虚作假骗取荣誉的。
第十二条 区县质量技术监督部门应当对申报材料进行资格审核。符合条件的,报送评审委员会;不符合条件的,退回申请并书面说明理由。
第十七条 到2025年,全市实施卓越绩效管理的企业达到200家。
第十八条 对在质量工作中作出突出贡献的人才实行荣誉称号表彰制度。对评选出的人员,授予“江城质量工匠”称号。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round8"), {
        "jiangcheng_bus": BUS, "jiangcheng_award": AWARD})


def test_a_number_is_asked_where_the_question_asks_how_much_of_anything(home: Path) -> None:
    # the question names no kind of number: a weight, in the user's words
    answered(home, "在江城坐公交，行李太重司机可以不让上车，这个重量线是多少？", "二十五公斤")
    answered(home, "江城市长质量奖的候选名单要多少委员投赞成票才能进？", "三分之二以上")


def test_a_passage_without_a_number_does_not_answer_how_much(home: Path) -> None:
    # the regulation names the upkeep's costs but no share or sum of them
    refused(home, "江城公交车辆维修的费用，公交企业要承担多少比例？")


def test_a_quantity_is_given_in_the_measure_asked(home: Path) -> None:
    # the regulation states lengths and weights, no age
    refused(home, "江城市规定，乘坐公交的乘客年龄最大不能超过多少岁？")


def test_who_pays_may_be_asked_in_everyday_words(home: Path) -> None:
    answered(home, "江城的公交车坏了要修，修车的钱该由谁来掏？", "公交企业承担")


def test_what_a_body_must_do_is_not_read_from_its_fine(home: Path) -> None:
    reply = answered(home, "在江城，公交公司发现车辆有安全隐患，应该怎么处理？",
                     "立即停止运营", "组织检修")
    assert "一万元以上三万元以下" not in reply["answer"], reply["answer"]


def test_a_procedure_asked_is_the_whole_article_that_states_it(home: Path) -> None:
    answered(home, "江城市长质量奖的申报材料交到区县质监部门以后，质监部门要怎么处理？",
             "资格审核", "书面说明理由")


def test_a_list_s_lead_is_read_with_its_items_past_a_sentence_of_its_own(home: Path) -> None:
    # the lead ("如发生下列情形之一的,…撤销") is followed by a sentence before its items
    answered(home, "江城市长质量奖拿到以后，企业要是出了重大安全事故，这个奖还算数吗？", "撤销")


def test_the_day_a_rule_takes_effect_is_said_in_the_clause_giving_the_day(home: Path) -> None:
    answered(home, "江城市城市公共交通条例从哪天开始施行？", "2012年5月1日")
    # "到2025年,…实施卓越绩效管理": a target's year with 实施 in another clause is no such day
    reply = ask(home, "江城市长质量奖评审管理办法从哪天开始施行？")
    assert "2025" not in reply["answer"], reply["answer"]


def test_a_name_asked_is_answered_by_the_passage_that_gives_it(home: Path) -> None:
    # the article's first sentence holds more of the question; its second gives the name
    answered(home, "江城给质量工作有突出贡献的人才设的荣誉称号叫什么名字？", "江城质量工匠")


def test_quantities_are_read_as_written() -> None:
    from app.asked import Kind, asked_kinds
    from ingest.numbers import has_quantity, measure_asked, states_measure

    assert has_quantity("携带重量超过三十公斤的物品") and has_quantity("须经三分之二以上委员同意")
    assert has_quantity("半径不得小于5000米") and has_quantity("按1.5%缴纳")
    # an article's number, an item's marker and a date measure nothing
    assert not has_quantity("第十九条 对实施召回的缺陷汽车产品") and not has_quantity("(一)在站点区域外拦车")
    assert not has_quantity("2021年12月1日起施行")
    assert measure_asked("最大不能超过多少岁") == "岁" and measure_asked("重量线是多少") == ""
    assert states_measure("年满十八周岁", "岁") and not states_measure("理事为5人至25人", "岁")
    # a quantity is asked where no other kind of number is; "奖励多少钱" asks money
    assert asked_kinds("半径最小不能低于多少？") == {Kind.QUANTITY}
    assert asked_kinds("奖励多少钱？") == {Kind.MONEY}
    # a number asked where a reward is named is its sum
    assert asked_kinds("有没有奖金？具体是多少？") == {Kind.MONEY}
    # … unless it names another measure
    assert asked_kinds("献血累计达到多少毫升可以获得表彰奖励？") == {Kind.QUANTITY}
    assert asked_kinds("省级大奖叫什么名字？") == {Kind.NAME}
    # "一个" is how prose says "a": no quantity
    assert not has_quantity("不得将应当由一个承包单位完成的工程肢解发包")
    # a count in the story told is not what is asked; an ordinal asks which
    assert Kind.QUANTITY not in asked_kinds("有几头猪应激死了，政府给不给补偿？")
    assert Kind.QUANTITY not in asked_kinds("是市政府第几次常务会议通过的？")
