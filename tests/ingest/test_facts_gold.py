"""Precision and recall of the extractor against the hand-checked facts of 000, 001 and 003."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ingest.fact import Fact, Responsibility, Reward
from ingest.facts import extract_facts
from ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "data" / "facts_gold.json").read_text("utf-8"))["facts"]
DOCUMENTS = sorted({item["doc_id"] for item in GOLD})


def same(gold: dict[str, Any], fact: Fact) -> bool:
    """A gold entry and an extracted fact agree on the document, kind and key fields."""
    if gold["doc_id"] != fact.span.doc_id or gold["kind"] != str(fact.kind):
        return False
    if isinstance(fact, Responsibility):
        return (tuple(gold["lead"]), tuple(gold["cooperate"]), tuple(gold["joint"])) == (
            fact.lead, fact.cooperate, fact.joint) and fact.task.startswith(gold["task"])
    if isinstance(fact, Reward):
        return (gold["honour"], gold["amount"]) == (fact.honour, fact.amount)
    return False


def scores(gold: list[dict[str, Any]], facts: list[Fact]) -> tuple[float, float]:
    """(precision, recall), each gold entry matched at most once."""
    unmatched = list(gold)
    correct = 0
    for fact in facts:
        hit = next((g for g in unmatched if same(g, fact)), None)
        if hit is not None:
            unmatched.remove(hit)
            correct += 1
    precision = correct / len(facts) if facts else 1.0
    recall = correct / len(gold) if gold else 1.0
    return precision, recall


def extracted(doc_id: str) -> list[Fact]:
    parsed = parse_file(ROOT / "corpus" / "documents" / f"{doc_id}.txt")
    return list(extract_facts(parsed.document, parsed.chunks))


@pytest.mark.parametrize("doc_id", DOCUMENTS)
@pytest.mark.parametrize("kind", ["responsibility", "reward"])
def test_precision_and_recall(doc_id: str, kind: str) -> None:
    gold = [g for g in GOLD if g["doc_id"] == doc_id and g["kind"] == kind]
    facts = [f for f in extracted(doc_id) if str(f.kind) == kind]
    precision, recall = scores(gold, facts)
    print(f"{doc_id} {kind}: gold {len(gold)} extracted {len(facts)} "
          f"precision {precision:.3f} recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0)


def test_gold_counts() -> None:
    count = {(g["doc_id"][:3], g["kind"]) for g in GOLD}
    assert len([g for g in GOLD if g["doc_id"].startswith("000")]) == 20
    assert len([g for g in GOLD if g["doc_id"].startswith("003") and g["kind"] == "reward"]) == 19
    assert ("001", "reward") not in count


def test_scoring_detects_a_wrong_amount() -> None:
    gold = [g for g in GOLD if g["kind"] == "reward"]
    facts = [f for f in extracted(gold[0]["doc_id"]) if isinstance(f, Reward)]
    broken = [replace(facts[0], amount="300万元"), *facts[1:]]
    precision, recall = scores(gold, broken)
    assert precision < 1.0 and recall < 1.0
