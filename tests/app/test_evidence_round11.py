"""Reading, round eleven: "哪几块" asks which, not how many; a period word used as a time in
which something happens ("还在有效期里") asks no period; a question of level ("什么级别") is
answered by a unit that names one; a document's title line answers nothing; a sentence that
points back ("该企业…") is read with the one before it; the same words at two places of a
document are quoted once; a notice's rules keep their own note in the source line ("(试行)");
the size of a fund is not the prize paid from it; each case asked ("各自怎么处理") is answered.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.asked import Kind, asked_kinds
from app.citer import short_title
from tests.app.asking import answered, ask, home_with, refused

AWARDS = """河川县质量强县奖励办法
第一条 为推进质量强县建设,制定本办法。
第二条 奖励对象为河川县获得国家级、省级品牌(称号)的企业、公司、组织。
第三条 奖励范围分为以下几类:
(一)质量管理类。质量管理体系认证、环境管理体系认证。
(二)知识产权类。商标、专利、知识产权规范化管理。
(三)标准化类。主导制定国际标准、国家标准、行业标准。
第四条 同一品牌同一年度获得同一性质不同等级称号的,以最高等级标准奖励,不重复奖励。同一品牌在有效期内,只奖励一次。
第五条 获得国家级品牌称号的企业,一次性奖励10万元;获得省级品牌称号的企业,一次性奖励5万元。
第六条 对弄虚作假、以不正当手段骗取奖励的企业,由县人民政府撤销其奖励,收回证书,追缴奖金,并向社会公告。该企业不得参加下两届品牌奖励的评审。
第七条 县财政设立品牌发展专项资金,用于支持品牌培育、品牌宣传等。对获得中国质量奖的企业一次性给予100万元奖励。
第八条 自本办法实施以来,全县对列入《河川县质量强县奖励办法》、符合奖励条件的企业共55家予以了兑现奖励。本办法适用于纳税关系在本县的企业、行业协会和其他机构。
第九条 品牌奖励资金,由县级财政负担。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round11"), {"hechuan_awards": AWARDS})


@pytest.mark.slow
def test_which_of_a_category_is_not_an_amount(home: Path) -> None:
    answered(home, "河川县质量强县奖励办法里,知识产权这一大类具体奖励哪几块内容?", "商标", "规范化管理")


@pytest.mark.slow
def test_within_a_validity_period_is_a_condition_not_a_period(home: Path) -> None:
    answered(home, "河川县的品牌奖励,同一个品牌还在称号有效期里,能不能每年都去领一次奖?", "只奖励一次")


@pytest.mark.slow
def test_a_question_of_level_is_answered_by_the_levels(home: Path) -> None:
    reply = answered(home, "河川县质量强县奖励办法奖励的是拿到什么级别品牌称号的单位?", "国家级、省级")
    first = reply["answer"].split("\n")[0]
    assert first.strip("- ") != "河川县质量强县奖励办法[1]", reply["answer"]


@pytest.mark.slow
def test_a_sentence_pointing_back_is_read_with_the_one_before(home: Path) -> None:
    answered(home, "河川县要是有企业弄虚作假骗了品牌奖励,会受到什么处理?以后还能再参评吗?",
             "追缴奖金", "下两届")


def test_which_ones_asks_no_number() -> None:
    assert Kind.MONEY not in asked_kinds("知识产权这一大类具体奖励哪几块内容?")
    assert Kind.MONEY in asked_kinds("获得驰名商标奖励几万?")


def test_a_period_word_as_a_time_asks_no_period() -> None:
    assert Kind.PERIOD not in asked_kinds("同一个品牌还在称号有效期里,能不能每年都去领一次奖?")
    assert Kind.PERIOD in asked_kinds("名牌产品称号的有效期是几年?")


def test_what_level_is_asked() -> None:
    assert Kind.LEVEL in asked_kinds("奖励的是拿到什么级别品牌称号的单位?")
    assert Kind.LEVEL not in asked_kinds("奖励由哪级财政承担?")


def test_a_notices_rules_keep_their_note() -> None:
    assert short_title("韶关市人民政府办公室关于印发《韶关市人民政府质量奖评审管理办法》(试行)的通知") \
        == "韶关市人民政府质量奖评审管理办法(试行)"
    assert short_title("南昌市人民政府关于印发南昌市市长质量奖管理办法的通知") == "南昌市市长质量奖管理办法"


@pytest.mark.slow
def test_the_size_of_a_fund_is_not_a_prize_paid_from_it(home: Path) -> None:
    refused(home, "河川县财政设立的品牌发展专项资金,每年安排多少钱?", "100万元")


@pytest.mark.slow
def test_each_case_asked_is_answered(bundled_home: Path) -> None:
    reply = ask(bundled_home, "好品山东品牌抽查的时候,毛病轻一些的企业和质量达不到标准的企业各自怎么处理?")
    assert "约谈" in reply["answer"] and "撤销其相应" in reply["answer"], reply["answer"]


def test_to_whom_rules_apply_is_no_department_and_a_supposed_count_no_count() -> None:
    assert Kind.UNITS not in asked_kinds("河川县质量强县奖励办法适用哪些单位?")
    assert Kind.COUNT not in asked_kinds("同一个品牌在同一年拿到同类但级别不同的几个称号,是不是每个都奖?")
    assert Kind.COUNT in asked_kinds("同一年最多能评出几个称号?")


@pytest.mark.slow
def test_facts_are_matched_in_the_words_documents_write(bundled_home: Path) -> None:
    # "问题不大" is the "问题轻微" the document writes; "没经过授权" its "未经授权"
    reply = ask(bundled_home, "我们公司有好品山东资格,这次检查发现的问题不大,一般会被怎么处理?")
    assert "约谈" in reply["answer"], reply["answer"]
    reply = ask(bundled_home, "别人没经过授权就在包装上印好品山东的标识,会怎么处理?")
    assert "依法追究其责任" in reply["answer"], reply["answer"]


APPRAISAL = """河川市司法鉴定管理条例
(2020年9月25日河川市第十五届人民代表大会常务委员会第二十五次会议通过)
第一条 为了规范司法鉴定活动,制定本条例。
第六条 司法鉴定行业协会实行自律管理,组织业务培训和交流,制定行业规范,建立健全行业投诉处理和纠纷调解机制,开展鉴定质量评查、信用评估和行业惩戒,维护会员合法权益。
第九条 本市对从事司法鉴定业务实行登记管理;未经登记不得从事司法鉴定业务。
第二十条 司法鉴定机构收取鉴定费用,应当出具票据。
第三十五条 违反本条例第九条规定,个人、法人或者其他组织未经登记从事司法鉴定业务的,由市司法行政部门责令停止违法活动;有违法所得的,没收违法所得,并处三万元以上五万元以下罚款。
第三十七条 司法鉴定人或者司法鉴定机构有下列情形之一的,由市司法行政部门给予停止从事司法鉴定业务3个月以上1年以下的处罚;情节严重的,撤销登记:
(一)因严重不负责任给当事人合法权益造成重大损失的;
(二)提供虚假证明文件或者采取其他欺诈手段,骗取登记的。
"""


WETLANDS = """河川省湿地保护条例
(2022年11月30日河川省第十三届人民代表大会常务委员会第三十八次会议通过)
第一条 为了加强湿地保护,制定本条例。
第五条 县级以上人民政府林业主管部门负责湿地保护的组织协调工作;水行政主管部门负责湖泊湿地、河流湿地的保护工作;自然资源主管部门负责滨海湿地的保护工作。
"""


@pytest.fixture(scope="module")
def law_home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round11_law"),
                     {"hechuan_appraisal": APPRAISAL, "hechuan_wetlands": WETLANDS})


@pytest.mark.slow
def test_a_fine_asked_by_name_is_the_article_that_fines(law_home: Path) -> None:
    answered(law_home, "在河川没有经过登记就接活做司法鉴定,还赚了钱,会被怎么罚款?", "三万元以上五万元以下")


@pytest.mark.slow
def test_duties_stated_as_a_row_of_actions(law_home: Path) -> None:
    answered(law_home, "河川的司法鉴定行业协会平时要负责哪些工作?", "业务培训", "鉴定质量评查")


def test_some_firms_is_no_count_asked() -> None:
    assert Kind.COUNT not in asked_kinds("几家企业已经签了垄断协议、但还没真正执行,最多能罚多少钱?")
    assert Kind.COUNT in asked_kinds("这次一共有几家企业签了垄断协议?")


def test_everyday_words_of_laws() -> None:
    from ingest.plain import expansion

    assert "未经" in expansion("没有经过登记就接活做司法鉴定")
    assert "违法所得" in expansion("还赚了钱")
    assert "首聘" in expansion("第一次聘的时候多大岁数可以")
    assert "调解不成" in expansion("如果最后没谈拢")


@pytest.mark.slow
def test_which_level_pays_is_answered_at_any_level(home: Path) -> None:
    answered(home, "我们公司拿了省级品牌称号,按河川县的奖励办法,这笔奖金由哪一级财政出钱?", "县级财政")


@pytest.mark.slow
def test_each_part_of_a_who_question_gets_its_own_task(law_home: Path) -> None:
    answered(law_home, "河川的滨海湿地归哪个部门管?河流、湖泊湿地又归谁?", "自然资源主管部门", "水行政主管部门")


@pytest.mark.slow
def test_a_short_list_of_duties_says_what_each_is(bundled_home: Path) -> None:
    # four tasks: each is listed with what its text says, not by its heading alone
    reply = ask(bundled_home, "那个湖北城市的质量品牌提升意见中,市农业农村局承担哪些工作?")
    assert "(共4项)" in reply["answer"], reply["answer"]
    assert "合格证制度" in reply["answer"] and "农业龙头企业" in reply["answer"], reply["answer"]


def test_which_n_is_read() -> None:
    from app.evidence.reader import _WHICH_OF_N

    match = _WHICH_OF_N.search("把这个品牌比作了哪三张“证”?")
    assert match is not None and match.group(1) == "三" and match.group(2) == "证"
    assert _WHICH_OF_N.search("哪几个部门负责?") is None
