"""Each metric on a case built to pass and a case built to fail."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.answer import Answer, Citation
from evals.dataset import EvalItem
from evals.metrics import (
    chunk_holds_evidence,
    find_missing,
    percentile,
    quote_is_verbatim,
    score_item,
    summarise,
)
from evals.runner import passed, run_evaluation
from tests.evals.tiny_bot import DOCUMENTS, document_text


@pytest.fixture
def result(tiny_items, bot):
    ask, search, text = bot
    return run_evaluation(tiny_items, ask, search, text, progress=False)


def by_id(result, item_id):
    return next(r for r in result.items if r.item.id == item_id)


def test_answer_accuracy_per_item(result):
    assert by_id(result, "ok").correct
    assert not by_id(result, "wrong").correct
    assert by_id(result, "wrong").missing == ("50万元",)
    assert by_id(result, "badquote").correct
    assert not by_id(result, "answered").correct
    assert by_id(result, "refused").correct
    assert not by_id(result, "missed").correct
    assert not by_id(result, "crash").correct


def test_overall_accuracy_and_per_intent(result):
    assert result.overall.accuracy == pytest.approx(3 / 7)
    assert result.by_intent["reward"].accuracy == pytest.approx(1 / 2)
    assert result.by_intent["responsibility"].accuracy == 1.0
    assert result.by_intent["unanswerable"].accuracy == pytest.approx(1 / 2)
    intents = ["responsibility", "reward", "target", "general", "unanswerable"]
    assert list(result.by_intent) == intents


def test_citation_validity(result):
    checks = by_id(result, "badquote").citations
    assert [c.valid for c in checks] == [False, True]
    assert result.overall.citations == 5
    assert result.overall.citation_validity == pytest.approx(4 / 5)
    assert result.by_intent["reward"].citation_validity == 1.0
    assert result.by_intent["responsibility"].citation_validity == pytest.approx(1 / 2)


def test_validity_is_verbatim_not_normalised():
    full_width = Citation(1, "d1", "", "", "", "", "对获得甲奖的企业一次性给予２００万元奖励")
    exact = replace(full_width, quote="对获得甲奖的企业一次性给予200万元奖励")
    assert quote_is_verbatim(exact, document_text)
    assert not quote_is_verbatim(full_width, document_text)
    assert not quote_is_verbatim(replace(exact, doc_id="nope"), document_text)
    assert not quote_is_verbatim(replace(exact, quote="  "), document_text)


def test_citation_support(result):
    assert by_id(result, "ok").supported is True
    # the quote backs 50万元 though the answer lost it
    assert by_id(result, "wrong").supported is True
    # the only quote holding 省商务厅 is not verbatim, so it backs nothing
    assert by_id(result, "badquote").supported is False
    assert by_id(result, "refused").supported is None
    assert by_id(result, "crash").supported is False
    assert result.overall.support_recall == pytest.approx(2 / 4)
    assert result.overall.support_precision == pytest.approx(2 / 4)
    assert result.by_intent["reward"].support_recall == 1.0
    assert result.by_intent["responsibility"].support_precision == 0.0


def test_refusal_rates(result):
    assert result.overall.refusal_rate == pytest.approx(1 / 2)
    assert result.overall.answer_rate == pytest.approx(4 / 5)
    assert result.overall.refusal_accuracy == pytest.approx(5 / 7)
    assert result.by_intent["target"].answer_rate == 0.0
    assert result.by_intent["reward"].answer_rate == 1.0


def test_retrieval_recall(result):
    ranks = [by_id(result, i).evidence_rank for i in ("ok", "wrong", "badquote", "missed", "crash")]
    assert ranks == [1, 2, 1, None, 4]
    recall = result.overall.recall_at
    assert recall == {1: pytest.approx(2 / 5), 3: pytest.approx(3 / 5), 5: pytest.approx(4 / 5)}
    assert result.by_intent["target"].recall_at[5] == 0.0
    assert result.by_intent["unanswerable"].recall_at[1] is None  # nothing to retrieve


def test_errors_are_recorded_as_failures(result):
    crash = by_id(result, "crash")
    assert "bot is down" in crash.error
    assert result.overall.errors == 1
    assert not passed(crash)
    assert passed(by_id(result, "ok")) and passed(by_id(result, "refused"))
    failing = {r.item.id for r in result.failures}
    assert failing == {"wrong", "badquote", "answered", "missed", "crash"}


def test_without_search_recall_is_not_measured(tiny_items, bot):
    ask, _, text = bot
    result = run_evaluation(tiny_items, ask, None, text, progress=False)
    assert result.overall.recall_at[1] is None
    assert result.overall.accuracy == pytest.approx(3 / 7)


def test_progress_bar_on_stderr(tiny_items, bot, capsys):
    run_evaluation(tiny_items[:2], *bot, progress=True)
    captured = capsys.readouterr()
    assert "eval" in captured.err and "2/2" in captured.err
    assert captured.out == ""


def test_latency_median_p95_max(tiny_items, bot):
    results = run_evaluation(tiny_items, *bot, progress=False).items
    timed = [replace(r, latency=s) for r, s in zip(results, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 9.0])]
    summary = summarise(timed)
    # the crashed item's time does not count: six latencies 0.1 .. 0.6
    assert summary.latency_median == pytest.approx(0.35)
    assert summary.latency_p95 == pytest.approx(0.6)
    assert summary.latency_max == pytest.approx(0.6)
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0] * 4, 0.95) == 5.0
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([], 0.95) is None


def test_accuracy_compares_after_nfkc_and_whitespace():
    assert find_missing("奖励 ２００ 万元\n", ["200万元"]) == ()
    assert find_missing("奖励20万元", ["200万元"]) == ("200万元",)
    item = EvalItem("x", "q", "reward", ("200万元",), "对获得甲奖的企业一次性给予200万元奖励")
    refused = Answer("q", "200万元", refused=True, intent="reward")
    assert not score_item(item, refused, None, document_text, 0.0).correct


def test_evidence_rule_substring_or_sixty_percent_across_a_boundary():
    evidence = "对获得甲奖的企业一次性给予200万元奖励"  # 19 characters
    assert chunk_holds_evidence(evidence, "前文。" + evidence + "后文")
    assert chunk_holds_evidence(evidence.replace("200", "２００"), DOCUMENTS["d1"])
    # cut by chunking: the first chunk ends with 13/19 of it, the next starts with 12/19
    assert chunk_holds_evidence(evidence, "前文。对获得甲奖的企业一次性给予")
    assert chunk_holds_evidence(evidence, "企业一次性给予200万元奖励。后文")
    assert not chunk_holds_evidence(evidence, "前文。对获得甲奖的企业")  # 8/19 of it
    # a long shared run in the middle of another passage is not the evidence
    assert not chunk_holds_evidence(evidence, "前文获得甲奖的企业一次性给予200万元后文")
    lead = "省商务厅牵头,省市场监管局、青岛海关、济南海关配合"
    assert not chunk_holds_evidence(lead, "省商务厅、省市场监管局、青岛海关、济南海关按职责分工负责")
    assert not chunk_holds_evidence("", "anything")
