"""Reward checks for an enterprise's honours: counts, totals per document, unmatched honours."""

from __future__ import annotations

import pytest

from app.rewards import check_rewards, format_reward_check, parse_honour
from tests.conftest import seed_corpus

HUBEI = "003_3226a30af70900b0"


corpus = seed_corpus


@pytest.mark.parametrize(("text", "expected"), [
    ("主导制定行业标准 2 项", ("主导制定行业标准", 2)), ("中国驰名商标", ("中国驰名商标", 1)),
    ("4A级景区×3", ("4A级景区", 3)), ("5A级旅游景区", ("5A级旅游景区", 1)),
])
def test_parse_honour(text: str, expected: tuple[str, int]) -> None:
    assert parse_honour(text) == expected


def test_check_counts_multiply_and_total_per_document() -> None:
    facts, metas, _ = corpus()
    check = check_rewards(["中国驰名商标", "主导制定行业标准 2 项", "4A级景区", "省长质量奖"],
                          facts, metas)
    assert [(m.key, [r.amount for r in m.rewards]) for m in check.matches] == [
        ("中国驰名商标", ["50万元"]), ("行业标准", ["15万元"]), ("4A级旅游景区", ["50万元"]),
        ("省长质量奖", []),
    ]
    assert check.totals == ((HUBEI, 130.0),)  # 50 + 2 × 15 + 50
    assert check.unmatched == ("省长质量奖",)


def test_format_names_document_region_and_unmatched() -> None:
    facts, metas, texts = corpus()
    answer = format_reward_check(check_rewards(["中国驰名商标", "主导制定行业标准 2 项", "省长质量奖"],
                                               facts, metas))
    assert not answer.refused and answer.intent == "reward"
    assert "中国驰名商标:一次性奖励50万元" in answer.answer
    assert "主导制修订行业标准:一次性资助15万元 × 2" in answer.answer
    assert "合计:80万元" in answer.answer and "湖北省(推断)" in answer.answer
    assert "未规定奖励金额的荣誉:省长质量奖" in answer.answer
    for citation in answer.citations:
        assert texts[citation.doc_id][citation.start:citation.end] == citation.quote


def test_region_filter_keeps_other_regions_out() -> None:
    facts, metas, _ = corpus()
    check = check_rewards(["中国驰名商标", "鲁班奖"], facts, metas, region="山东省")
    assert check.totals == () and check.unmatched == ("中国驰名商标", "鲁班奖")
    answer = format_reward_check(check)
    assert answer.refused and answer.citations == () and "万元" not in answer.answer
    assert "山东省" in answer.answer


def test_similar_names_do_not_match() -> None:
    facts, metas, _ = corpus()
    check = check_rewards(["中国质量奖提名奖", "老字号", "质量标杆企业"], facts, metas)
    assert [[r.amount for r in m.rewards] for m in check.matches] == [["100万元"], ["30万元"], []]
