"""What kind of answer a question asks for, and whether a passage carries it."""

from __future__ import annotations

import pytest

from app.asked import (
    Kind,
    asked_kinds,
    carried_kinds,
    date_events,
    money_flavour,
    required_kinds,
)
from app.evidence import question_parts
from app.evidence.reader import _measure


@pytest.mark.parametrize(("question", "kind"), [
    ("获奖组织能拿多少奖金?", Kind.MONEY),
    ("政府按多少比例补助?", Kind.MONEY),
    ("市长质量奖多久评一次?", Kind.PERIOD),
    ("每届最多评几个组织?", Kind.COUNT),
    ("这个办法什么时候开始施行?", Kind.DATE),
    ("谁可以申请?", Kind.CONDITION),
    ("奖金由哪级财政出?", Kind.FUNDING),
    ("发文字号是什么?", Kind.DOC_NUMBER),
    ("由哪个部门负责?", Kind.UNITS),
    ("志愿者累计服务满多少小时可以评五星级?", Kind.PERIOD),
    ("有偿分配的配额占多大比例?", Kind.MONEY),
    ("租房要交多少押金?", Kind.MONEY),
    ("中小学每周要上多少节体育课?", Kind.COUNT),
    ("申报网站地址是什么?", Kind.WEBSITE),
    ("爱国卫生月定在每年的哪个月?", Kind.DATE),
])
def test_the_kind_asked(question: str, kind: Kind) -> None:
    assert kind in asked_kinds(question)


def test_a_trade_name_is_no_document_number() -> None:
    assert Kind.DOC_NUMBER not in asked_kinds("被认定为中华老字号有没有奖励?")


def test_capital_withdrawn_is_no_question_of_who_pays() -> None:
    question = "银行注册资本造假或者偷偷把出资抽走，会被罚多少？"
    assert Kind.MONEY in required_kinds(asked_kinds(question), question)
    assert Kind.FUNDING in asked_kinds("这笔奖金由谁出资？")


def test_who_pays_needs_no_amount() -> None:
    assert required_kinds(asked_kinds("奖金由哪级财政出钱?")) == {Kind.FUNDING}
    assert required_kinds(asked_kinds("奖励多少钱?")) == {Kind.MONEY}


def test_what_a_passage_carries() -> None:
    carried = carried_kinds("对获得县长质量奖的组织给予一次性奖励五万元")
    assert Kind.MONEY in carried
    assert Kind.PERIOD in carried_kinds("县长质量奖每两年评选一次")
    assert Kind.DOC_NUMBER in carried_kinds("对现行的《办法》(武隆府办发〔2018〕79号)进行了修订")


def test_money_has_a_flavour() -> None:
    assert money_flavour("处五千元以上一万元以下罚款") == {"penalty"}
    assert money_flavour("给予一次性奖励20万元") == {"reward"}
    assert money_flavour("举报人奖励多少") == {"reward"}


@pytest.mark.parametrize(("question", "measure"), [
    ("贵州省著名商标的有效期是几年?", "有效期"),
    ("按照关税法,进口小汽车的关税税率是多少?", "税率"),
    ("奖励多少钱?", ""),  # a plain measure: passages say it in other words
    ("政府按多少比例补助?", ""),
])
def test_the_measure_asked(question: str, measure: str) -> None:
    assert _measure(question) == measure


def test_compound_questions_are_split_into_parts() -> None:
    assert question_parts("这个条例哪天起施行?同时废止了哪部法规?") == [
        "这个条例哪天起施行", "废止了哪部法规"]
    assert question_parts("县长质量奖多久评一次?") == ["县长质量奖多久评一次?"]


def test_which_ones_is_no_count() -> None:
    assert Kind.COUNT not in asked_kinds("由哪几个部门负责?")
    assert Kind.COUNT in asked_kinds("每年评几个?")


def test_a_meeting_must_be_carried() -> None:
    kinds = asked_kinds("这个办法是哪次会议通过的?")
    assert Kind.MEETING in kinds and Kind.MEETING in required_kinds(kinds)
    assert Kind.MEETING in carried_kinds("已经县政府第15次常务会议研究通过")


def test_a_sanction_is_required_only_where_the_question_names_one() -> None:
    named = "违反规定会被怎么处罚?"
    assert Kind.PENALTY in required_kinds(asked_kinds(named), named)
    loose = "违反规定会怎样?"
    assert Kind.PENALTY not in required_kinds(asked_kinds(loose), loose)


def test_who_is_required_where_nothing_numeric_is_asked() -> None:
    assert required_kinds(asked_kinds("由哪个部门牵头?")) == {Kind.UNITS}
    assert Kind.UNITS not in carried_kinds("把质量工作纳入地方国民经济和社会发展规划。")
    assert Kind.UNITS not in carried_kinds("举办实施学历教育的民办学校,")


def test_a_date_is_the_date_of_the_event_asked() -> None:
    events = date_events("这个条例是哪天开始施行的?")
    assert events and any(event.search("本条例自2021年12月15日起施行。") for event in events)
    assert not any(event.search("2021年10月21日第四十八次会议通过") for event in events)
    assert date_events("什么时候成文的?") == ()


def test_who_receives_a_reward_is_not_asked_as_a_department() -> None:
    from app.asked import Kind, asked_kinds, asks_recipient
    from app.intent import classify

    for question in ("黔西南州的品牌奖励，到底是奖给哪些单位的？", "哪些单位和个人有机会被通报表扬？",
                     "哪些企业可以申报区长质量奖？"):
        assert asks_recipient(question), question
        assert Kind.UNITS not in asked_kinds(question), question
        assert classify(question) != "responsibility", question
    for question in ("品牌奖励由哪个部门负责认定？", "哪些单位配合开展质量提升行动？"):
        assert not asks_recipient(question), question
        assert Kind.UNITS in asked_kinds(question), question


def test_a_part_that_makes_the_question_specific_is_not_another_question() -> None:
    from app.evidence import question_parts

    assert len(question_parts("企业负责人的家里人能当工会主席吗？具体是哪些亲属不行？")) == 1
    assert len(question_parts("电梯维保单位有什么要求？比如要不要有人值班？")) == 1
    assert len(question_parts("有效期多长？什么时候申请续展？")) == 2


def test_a_quantity_named_as_a_noun_is_not_a_count_asked() -> None:
    from app.asked import Kind, asked_kinds

    assert Kind.COUNT not in asked_kinds("中央储备粮数量质量出了问题找谁？")
    assert Kind.COUNT in asked_kinds("市长质量奖每年获奖数量是多少？")
    assert Kind.COUNT in asked_kinds("带进境的照相机数量上有什么限制？")


def test_the_document_asked_about_is_not_the_measure_counted() -> None:
    from app.evidence.reader import EvidenceReader

    def read(question: str) -> EvidenceReader:
        return EvidenceReader(question, lambda text: list(text), lambda words: dict.fromkeys(words, 1.0))

    assert read("按河南省开发区条例多少天内要审批完毕？").measure == ""
    assert read("选址意见书的有效期是几年？").measure == "有效期"


def test_a_website_asked_is_carried_only_by_a_named_site() -> None:
    assert Kind.WEBSITE in carried_kinds("名单在市人民政府门户网站公布")
    assert Kind.WEBSITE not in carried_kinds("推动网上申报、网上办理、网上查询工作")
    assert Kind.COUNT in carried_kinds("保证学生每周不少于三节体育课")


def test_a_day_of_every_year_is_a_date() -> None:
    assert Kind.DATE in carried_kinds("每年四月为爱国卫生月")
    assert Kind.DATE not in carried_kinds("本省实行爱国卫生月制度")
    assert Kind.PERIOD in carried_kinds("市长质量奖每年评选一次")


def test_the_recipient_a_text_speaks_of() -> None:
    from app.asked import recipient_classes
    assert recipient_classes("对个人处五百元以上一千元以下的罚款") == {"person"}
    assert recipient_classes("对单位处二千元以上二万元以下的罚款") == {"body"}
    assert recipient_classes("减免个人所得税") == frozenset()


def test_a_price_is_not_answered_by_a_share() -> None:
    from app.evidence.reader import EvidenceReader
    reader = EvidenceReader("集中供暖的基本热价是每平方米多少元？", list,
                            lambda words: dict.fromkeys(words, 1.0))
    assert reader.asks_sum
    assert not EvidenceReader("罚多少钱？", list, lambda words: dict.fromkeys(words, 1.0)).asks_sum
    assert not EvidenceReader("每平方米补助比例是多少？", list,
                              lambda words: dict.fromkeys(words, 1.0)).asks_sum


def test_a_level_and_above_holds_the_higher_levels() -> None:
    from app.evidence.reader import _other_level_only
    tiers = "对认定为省级“未来工厂”的奖励500万元;对认定为市级“未来工厂”的奖励50万元"
    assert _other_level_only(tiers, frozenset({"县级"}))
    assert not _other_level_only(tiers, frozenset({"市级"}))
    assert not _other_level_only("对获得省级以上品牌的奖励10万元", frozenset({"国家级"}))
    assert _other_level_only("对获得省级以上品牌的奖励10万元", frozenset({"县级"}))
