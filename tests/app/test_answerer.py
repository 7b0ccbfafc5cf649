"""The answerer on the bundled corpus: regions, grounded facts, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.answerer import Answerer
from kb.knowledge_base import KnowledgeBase

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def answerer(bundled_home: Path) -> Answerer:
    return Answerer(KnowledgeBase(bundled_home))


def verbatim(answerer: Answerer, answer) -> bool:  # type: ignore[no-untyped-def]
    return all(c.quote == answerer.kb.document(c.doc_id).text[c.start : c.end]
               for c in answer.citations)


@pytest.mark.parametrize("question", ["威海企业获得驰名商标有奖励吗？",
                                      "山东的企业拿到中国质量奖，省里奖多少钱？"])
def test_another_regions_reward_is_shown_as_such_and_never_as_the_asked_regions(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.ask(question)
    assert answer.refused  # the asked region rewards nothing
    assert "不适用于山东省" in answer.answer and "湖北省" in answer.answer
    assert {c.region for c in answer.citations if "万元" in c.quote} == {"湖北省(推断)"}
    assert verbatim(answerer, answer)


def test_a_paraphrase_is_answered_from_the_facts_of_the_passage_found(answerer: Answerer) -> None:
    # no task wording is shared with the fact beyond 质量强县; retrieval finds the item
    answer = answerer.ask("威海要争创山东省质量强县，这事由哪些单位负责落实？")
    assert not answer.refused and answer.intent == "responsibility"
    assert "市市场监管局" in answer.answer and "各区市政府" in answer.answer
    assert verbatim(answerer, answer)


def test_an_explicit_region_filter_keeps_other_regions_out(answerer: Answerer) -> None:
    answer = answerer.ask("获得中国质量奖奖励多少？", region="湖北")
    assert not answer.refused and "200万元" in answer.answer
    assert {c.region for c in answer.citations} == {"湖北省(推断)"}
    assert answerer.ask("获得中国质量奖奖励多少？", region="广东").refused


def test_questions_about_a_documents_number_are_refused_when_it_has_none(
    answerer: Answerer,
) -> None:
    answer = answerer.ask("《共建共享“好品山东”推进落实分工方案》的文号是多少？")
    assert answer.refused and not answer.citations
