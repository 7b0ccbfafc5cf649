"""Answers built on facts: exact units and amounts, verbatim citations, regions never merged."""

from __future__ import annotations

import pytest

from app.answer import Answer
from app.citer import short_title
from app.fact_answers import (
    answer_duties,
    answer_qualification,
    answer_responsibility,
    answer_reward,
    answer_target,
)
from tests.conftest import seed_corpus

corpus = seed_corpus


def ask(function, question: str) -> Answer | None:  # type: ignore[no-untyped-def]
    facts, metas, _ = corpus()
    return function(question, facts, metas)


def assert_cited(answer: Answer) -> None:
    """Every citation is verbatim text of its document and is referenced in the answer."""
    _, metas, texts = corpus()
    assert answer.citations
    for citation in answer.citations:
        assert texts[citation.doc_id][citation.start:citation.end] == citation.quote
        assert f"[{citation.n}]" in answer.answer
        assert metas[citation.doc_id].title in answer.answer
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))


@pytest.mark.parametrize("question", ["构建好品山东品牌体系谁牵头", "好品山东品牌体系由哪个部门负责构建"])
def test_responsibility_names_lead_and_cooperating_units(question: str) -> None:
    answer = ask(answer_responsibility, question)
    assert answer is not None and not answer.refused
    first = answer.answer.splitlines()[0]  # the conclusion first, the source line after it
    assert "省市场监管局牵头,省发展改革委、省工业和信息化厅、省住房城乡建设厅、省农业农村厅、省商务厅配合" in first
    assert answer.answer.splitlines()[-1].startswith("来源:《")
    assert "山东省质量强省及品牌战略推进工作领导小组办公室" in answer.answer and "2021-06-29" in answer.answer
    assert_cited(answer)
    assert answer.citations[0].row == 1


def test_responsibility_without_a_lead_says_so() -> None:
    answer = ask(answer_responsibility, "开展工程质量提升行动由哪个部门牵头")
    assert answer is not None
    assert "市住建局、市交通运输局、市水利湖泊局" in answer.answer
    assert "未指定牵头单位" in answer.answer and "湖北省(推断)" in answer.answer
    assert_cited(answer)


def test_the_note_naming_who_is_quoted_as_written() -> None:
    answer = ask(answer_responsibility, "开展工程质量提升行动的责任单位是谁")
    assert answer is not None
    first = answer.answer.splitlines()[0]
    note = first[:first.index("[")]
    assert "市住建局、市交通运输局、市水利湖泊局" in note and "未指定牵头单位" not in note
    assert note in answer.citations[0].quote  # the document's own words


def test_responsibility_returns_none_when_no_task_matches() -> None:
    assert ask(answer_responsibility, "航天发射由哪个部门负责") is None


def test_duties_list_every_document_with_its_region() -> None:
    answer = ask(answer_duties, "市场监管局负责哪些工作")
    assert answer is not None and not answer.refused
    assert "共32项" in answer.answer
    for region in ("(山东省", "山东省威海市", "湖北省(推断)"):
        assert region in answer.answer
    assert "[省市场监管局牵头]" in answer.answer and "[市市场监管局负责]" in answer.answer
    assert len(answer.citations) == 32
    assert_cited(answer)


def test_duties_of_a_region_only() -> None:
    answer = ask(answer_duties, "威海市市场监管局负责哪些工作")
    assert answer is not None
    assert "湖北省(推断)" not in answer.answer
    # the city bureau's own 6 tasks of 001; the province bureau's rows of 000 are another unit's
    assert "共6项" in answer.answer
    assert "[省市场监管局" not in answer.answer


def test_duties_of_one_level_only() -> None:
    answer = ask(answer_duties, "省市场监管局负责哪些工作")
    assert answer is not None and not answer.refused
    assert "[市市场监管局" not in answer.answer and "[省市场监管局牵头]" in answer.answer


def test_reward_amount_exact_with_funding_and_region() -> None:
    answer = ask(answer_reward, "获得中国质量奖提名奖奖励多少")
    assert answer is not None and not answer.refused
    assert "中国质量奖提名奖:一次性奖励100万元" in answer.answer
    assert "200万元" not in answer.answer  # 中国质量奖 is not 中国质量奖提名奖
    assert "湖北省(推断)" in answer.answer and "由市级财政承担" in answer.answer
    assert_cited(answer)


@pytest.mark.parametrize("honour", ["省长质量奖", "制造业单项冠军企业", "质量标杆企业"])
def test_reward_never_borrowed_for_an_honour_without_amount(honour: str) -> None:
    answer = ask(answer_reward, f"{honour}奖励多少钱")
    assert answer is not None
    assert f"未规定「{honour}」的奖励金额" in answer.answer
    assert "万元" not in answer.answer  # not 长江质量奖's 100万元
    assert_cited(answer)  # cites where the honour stands only as a target


def test_reward_of_another_region_is_never_presented_as_shandong() -> None:
    answer = ask(answer_reward, "山东对中国驰名商标有什么奖励")
    assert answer is not None
    text = answer.answer
    assert answer.refused
    assert text.startswith("已收录山东省的文件均未规定「中国驰名商标」的奖励金额")
    assert "不适用于山东省" in text and text.index("不适用于山东省") < text.index("50万元")


def test_reward_unknown_honour_with_no_mention_is_refused() -> None:
    answer = ask(answer_reward, "中国专利金奖奖励多少")
    assert answer is not None and answer.refused and answer.citations == ()
    assert "未规定「中国专利金奖」的奖励金额" in answer.answer


def test_reward_honour_named_only_as_support_cites_that_place() -> None:
    answer = ask(answer_reward, "中国工业大奖奖励多少")
    assert answer is not None and answer.refused  # no amount: a refusal that still shows where
    assert "未规定「中国工业大奖」的奖励金额" in answer.answer and "万元" not in answer.answer
    assert_cited(answer)


def test_reward_several_honours_each_answered() -> None:
    answer = ask(answer_reward, "5A级景区和主导制定行业标准分别奖励多少")
    assert answer is not None
    assert "国家5A级旅游景区:一次性奖励100万元" in answer.answer
    assert "主导制修订行业标准:一次性资助15万元" in answer.answer
    assert_cited(answer)


def test_qualification_revocation_conditions() -> None:
    answer = ask(answer_qualification, "什么情况下撤销好品山东品牌资格")
    assert answer is not None
    assert "撤销其相应“好品山东”品牌资格" in answer.answer
    assert "撤销其所有“好品山东”品牌资格" in answer.answer
    assert "纳入" not in answer.answer
    assert_cited(answer)


def test_qualification_which_brands_qualify() -> None:
    answer = ask(answer_qualification, "哪些品牌可以纳入好品山东")
    assert answer is not None
    assert "依据法律法规、政策和品牌建设及相应技术标准产生的品牌" in answer.answer
    assert "部门解读" in answer.answer  # 002 says it too
    assert_cited(answer)


def test_target_with_deadline_and_units() -> None:
    answer = ask(answer_target, "到2025年新增省长质量奖企业的目标是多少")
    assert answer is not None
    assert "到2025年,新增省长质量奖企业20家以上(责任单位:省工业和信息化厅、省市场监管局)" in answer.answer
    assert_cited(answer)
    assert ask(answer_target, "到2030年新增省长质量奖企业的目标是多少") is None


@pytest.mark.parametrize("question", [
    "《共建共享好品山东推进落实分工方案》是由哪个单位发布的",  # a document's issuer, not a task
    "航空航天产业由哪个部门负责",
    "获得省级政府质量奖的奖金由谁来承担",  # funding: a reward question
])
def test_responsibility_weak_matches_fall_back(question: str) -> None:
    assert ask(answer_responsibility, question) is None


@pytest.mark.parametrize("question", [
    "威海想要打造什么样的品牌建设格局", "申报泰山学者要符合什么条件",
])
def test_qualification_weak_matches_fall_back(question: str) -> None:
    assert ask(answer_qualification, question) is None


@pytest.mark.parametrize(("question", "rule"), [
    ("国家级、省级政府质量奖的奖励资金由哪一级财政出？", "由市级财政承担"),
    ("中国质量奖提名奖的奖金谁出钱", "由市级财政承担"),
    ("鲁班奖的奖励资金从哪里出", "县市单位由所在县市财政承担"),
])
def test_funding_is_read_from_the_reward_facts(question: str, rule: str) -> None:
    answer = ask(answer_reward, question)
    assert answer is not None and not answer.refused
    assert rule in answer.answer and "湖北省(推断)" in answer.answer
    assert any(rule in citation.quote for citation in answer.citations)
    assert_cited(answer)


@pytest.mark.parametrize("question", ["威海企业拿到省长质量奖能奖励几万", "山东对鲁班奖奖励多少钱"])
def test_no_amount_in_the_region_is_a_refusal_with_its_evidence(question: str) -> None:
    answer = ask(answer_reward, question)
    assert answer is not None and answer.refused
    assert "的文件均未规定" in answer.answer
    assert all(c.region != "湖北省(推断)" or "不适用于" in answer.answer for c in answer.citations)


def test_a_written_incentive_answers_what_kind_of_reward() -> None:
    answer = ask(answer_reward, "威海对获得市长质量奖的企业给什么奖励")
    assert answer is not None and not answer.refused
    assert "给予相应政策激励" in answer.answer
    assert_cited(answer)


@pytest.mark.parametrize(("question", "amounts"), [
    ("中国质量奖及其提名奖分别奖励多少", ["200万元", "100万元"]),
    ("荆江质量奖和它的提名奖各奖多少", ["50万元", "30万元"]),
    ("3A、4A级景区分别奖励多少", ["20万元", "50万元"]),
])
def test_reward_every_listed_honour(question: str, amounts: list[str]) -> None:
    answer = ask(answer_reward, question)
    assert answer is not None and not answer.refused
    assert all(amount in answer.answer for amount in amounts)
    assert answer.answer.count("《关于全面开展质量品牌提升行动") == 1  # one block per document


@pytest.mark.parametrize(("question", "values"), [
    ("到2025年国家级、省级质检中心各要新增几个", ["到2025年,新增国家级质检中心2个",
                                                 "新增省级质检中心:到2025年1个"]),
    ("全员创新企业和高新技术企业分别要培育多少家", ["5000家", "30000家"]),
    ("好品山东在2025年、2030年的总体目标分别是什么", ["到2025年,竞争力位居全国区域品牌前列",
                                                   "到2030年成为具备国际竞争力的区域品牌"]),
])
def test_target_every_listed_item_and_year(question: str, values: list[str]) -> None:
    answer = ask(answer_target, question)
    assert answer is not None
    assert all(value in answer.answer for value in values)
    assert_cited(answer)


def test_target_of_a_province_is_not_a_citys() -> None:
    assert ask(answer_target, "威海到2025年要新增多少家质量标杆企业") is None


@pytest.mark.parametrize(("question", "outcome"), [
    ("问题轻微的好品山东企业会被怎样处理", "进行约谈"),
    ("未经授权使用好品山东标识有什么后果", "依法追究其责任"),
])
def test_qualification_sanctions(question: str, outcome: str) -> None:
    answer = ask(answer_qualification, question)
    assert answer is not None and outcome in answer.answer
    assert "撤销" not in answer.answer
    assert_cited(answer)


def test_duties_asked_for_one_role_list_only_that_role() -> None:
    sole = ask(answer_duties, "哪些活是省市场监督管理局一家单独负责的？")
    assert sole is not None and "[省市场监管局负责]" in sole.answer
    assert "牵头]" not in sole.answer and "配合]" not in sole.answer
    cooperating = ask(answer_duties, "省商务厅配合哪些工作？")
    assert cooperating is not None and "配合]" in cooperating.answer
    assert "[省商务厅牵头]" not in cooperating.answer


def test_the_source_line_names_the_rules_a_notice_prints() -> None:
    assert short_title("南昌市人民政府关于印发南昌市市长质量奖管理办法的通知") == "南昌市市长质量奖管理办法"
    assert short_title("关于印发《浦东新区商务高质量发展专项资金使用管理办法》的通知") \
        == "浦东新区商务高质量发展专项资金使用管理办法"
    assert short_title("威海市人民政府关于推进质量强市及品牌战略的意见") \
        == "威海市人民政府关于推进质量强市及品牌战略的意见"
