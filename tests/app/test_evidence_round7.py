"""Reading, round seven: "违反本条规定的" punishes its own article's act; a body's duties are
read where a passage states duties, every item of its list; a number that holds far less of the
question than the passage naming its subject is another thing's; a dateline says when a document
was issued, nothing else; "到2025年" is a deadline; a department asked how it handles something
is asked a procedure, not a penalty; the place a document is of says which document is meant, as
its title does.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, ask, home_with, refused

pytestmark = pytest.mark.slow

SAND = """阳春市河道采砂管理规定
(2021年6月30日阳春市人民代表大会常务委员会通过)
第一条 为了加强河道采砂管理,维护河势稳定,制定本规定。
第二条 市水务局负责本市河道采砂的监督管理工作。
第三条 每年4月1日至6月30日为禁采期,禁采期内任何单位和个人不得在河道内采砂。
违反本条规定的,由市水务局责令改正,处一万元以上五万元以下的罚款。
第四条 采砂船舶应当在市水务局指定的地点集中停靠,不得在河道内随意停泊。
违反本条规定的,由市水务局责令改正,处二千元以上一万元以下的罚款。
第五条 本规定自2021年8月1日起施行。
"""

BRAND = """阳春市品牌建设领导小组工作规则
第一条 为加强全市品牌建设工作的组织领导,制定本规则。
第二条 成立阳春市品牌建设领导小组(以下简称领导小组),组长由分管副市长担任,成员由市有关部门主要负责人组成。
第三条 领导小组职责:
1.审定全市品牌发展规划和年度工作计划;
2.研究决定品牌建设中的重大事项;
3.协调解决品牌培育工作中的重大问题。
第四条 领导小组办公室设在市市场监管局,承担领导小组的日常工作。
第五条 申报阳春名牌产品的企业,向所在镇(街)经济发展办公室提交申请材料。
第六条 镇(街)经济发展办公室应当对申请材料进行资格审核。符合条件的,报送领导小组办公室;不符合条件的,退回申请并书面说明理由。
第七条 企业在申报中弄虚作假的,撤销其阳春名牌产品称号,三年内不得再次申报。
"""

PLAN = """阳春市推进质量强市工作方案
各镇人民政府、街道办事处,市直各单位:
现将《阳春市推进质量强市工作方案》印发给你们,请认真组织实施。
一、工作目标
到2025年,全市质量总体水平显著提升,培育市级以上名牌产品30个,新增国家级质检中心1个。
二、主要措施
(一)设立市质量品牌发展专项资金,用于支持质量基础设施建设、品牌培育和品牌宣传。
(二)加强质量人才培养,每年组织质量管理培训不少于5期。
三、奖励措施
对获得省长质量奖的企业一次性奖励50万元;对获得市长质量奖的企业一次性奖励20万元。
对获评国家4A级旅游景区的一次性奖励30万元。
阳春市人民政府办公室
2023年5月8日
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round7"), {
        "yangchun_sand": SAND, "yangchun_brand": BRAND, "yangchun_plan": PLAN})


def test_a_penalty_for_this_article_punishes_the_article_s_own_act(home: Path) -> None:
    # the article names the act; its second paragraph, the fine, names it only as "本条"
    reply = answered(home, "在阳春，禁采期跑到河里挖沙子，会被罚多少钱？", "一万元以上五万元以下")
    assert "二千元" not in reply["answer"], reply["answer"]


def test_a_body_s_duties_are_the_items_its_list_of_duties_holds(home: Path) -> None:
    reply = answered(home, "阳春市品牌建设领导小组都负责些什么？",
                     "品牌发展规划", "重大事项", "重大问题")
    # the article that sets the group up states who leads it, no duty
    assert "分管副市长" not in reply["answer"], reply["answer"]


def test_a_department_asked_how_it_handles_something_is_asked_a_procedure(home: Path) -> None:
    reply = answered(home, "阳春名牌产品的申请材料，镇街经济发展办公室收到后应当怎么处理？", "资格审核")
    assert "弄虚作假" not in reply["answer"], reply["answer"]


def test_a_sum_for_another_thing_does_not_answer_for_the_subject(home: Path) -> None:
    # the fund is set up without a sum; the prizes three paragraphs on are not its budget
    refused(home, "阳春那个质量强市工作方案里，新建国家级质检中心能拿多少一次性奖励？", "30万元", "50万元")


def test_a_deadline_may_be_written_as_by_a_year(home: Path) -> None:
    answered(home, "阳春推进质量强市的工作目标要在哪一年之前实现？", "2025年")


def test_a_dateline_says_when_a_document_was_issued_and_nothing_else(home: Path) -> None:
    reply = ask(home, "阳春质量强市工作方案要求市直各单位每年什么时候报送工作进展？")
    assert "2023年5月8日" not in reply["answer"], reply["answer"]


def test_kinds_and_levels_are_not_things_a_passage_must_name(home: Path) -> None:
    from app.evidence.keys import _key_words
    from kb.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(home)

    def keys(question: str) -> list[str]:
        return [key.word for key in _key_words(question, kb.term_weights, kb.tokenize)]

    # "同类称号" says what kind of title, "省政府" which level pays: neither names a thing
    assert "同类称号" not in keys("同一个品牌同一年拿了市级又拿了国家级的同类称号，两份奖励能一起领吗？")
    assert "省政府" not in keys("见义勇为牺牲的，省政府发的奖金是多少？")
    # a court is named by the note of those responsible, not by the sentence saying what to do
    assert "检察院" not in keys("对法院、检察院这些司法机关提了哪些要求？")


def test_duties_are_a_kind_of_answer() -> None:
    from app.asked import Kind, asked_kinds, carried_kinds

    assert Kind.DUTY in asked_kinds("领导小组都负责些什么？")
    assert Kind.DUTY in asked_kinds("评审委员会的主要职责有哪些？")
    assert Kind.DUTY in carried_kinds("评委会主要职责是组织、推动、指导评审活动")
    assert Kind.DUTY in carried_kinds("区财政局负责落实专项资金的预算安排")
    # who it falls to is no statement of what a body does
    assert Kind.DUTY not in carried_kinds("品牌建设管理由市商务局负责,成立领导小组")


def test_a_year_is_no_period() -> None:
    from ingest.numbers import has_period, period_units

    assert not has_period("到2025年,全市质量总体水平显著提升") and not period_units("2021年起")
    assert has_period("有效期为3年") and period_units("十年内") == {"年"}


def test_what_a_document_is_about_may_only_say_which_document_is_meant() -> None:
    from app.asked import Kind
    from app.query import identifying_names, make_query

    question = "那个针对骗购外汇、套汇行为给予行政处分的暂行规定，适用于哪些人员？"
    assert identifying_names(question) == ("骗购外汇、套汇行为给予行政处分",)
    # the sanction names the document; who it applies to is asked
    assert Kind.PENALTY not in make_query(question, question).kinds
