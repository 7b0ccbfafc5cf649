"""The bundled dataset: enough items per intent, every evidence verbatim in the raw documents."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from evals.dataset import DEFAULT_DATASET, INTENTS, load_dataset

DOCUMENTS = Path(__file__).resolve().parents[2] / "corpus" / "documents"
MIN_PER_INTENT = {
    "responsibility": 30,
    "duties": 10,
    "reward": 30,
    "qualification": 12,
    "target": 15,
    "general": 15,
    "unanswerable": 20,
}
# Spots cleaning rewrites in 003 (OCR slips, site markers): evidence must steer clear of them.
NOISE = ("IOO", "(-)", "()", "第1页", "点击查看", "|")
# 003 breaks its text at "\n\n2、" page markers mid-sentence: evidence must sit inside one line.


def squeeze(text: str) -> str:
    return "".join(text.split())


def normalise(text: str) -> str:
    return squeeze(unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def items():
    return load_dataset(DEFAULT_DATASET)


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[str, str]]:
    """doc id -> (raw text, region from the sidecar)."""
    found = {}
    for path in sorted(DOCUMENTS.glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        found[path.stem] = (path.read_text(encoding="utf-8"), meta["region"])
    assert len(found) == 4
    return found


def test_size_ids_and_intents(items):
    counts = Counter(item.intent for item in items)
    assert len(items) >= 130
    assert len({item.id for item in items}) == len(items)
    assert len({normalise(item.question) for item in items}) == len(items)
    assert set(counts) <= set(INTENTS)
    for intent, minimum in MIN_PER_INTENT.items():
        assert counts[intent] >= minimum, intent


def test_evidence_is_verbatim_in_one_line_of_a_raw_document(items, documents):
    lines = [squeeze(line) for text, _ in documents.values() for line in text.splitlines()]
    for item in items:
        if not item.answerable:
            continue
        assert 20 <= len(item.evidence) <= 80, item.id
        assert not any(mark in item.evidence for mark in NOISE), item.id
        assert any(squeeze(item.evidence) in line for line in lines), item.id


def test_must_contain_is_what_the_cited_document_says(items, documents):
    for item in items:
        if not item.answerable:
            assert item.must_contain == () and item.evidence == "", item.id
            continue
        holders = [(t, r) for t, r in documents.values() if squeeze(item.evidence) in squeeze(t)]
        for needle in item.must_contain:
            # a region is named from the sidecar (003 never names its province)
            assert any(normalise(needle) in normalise(t + r) for t, r in holders), (item.id, needle)


def test_questions_are_paraphrased_not_copied(items, documents):
    text = normalise("".join(t for t, _ in documents.values()))
    for item in items:
        question = re.sub(r"[？?。，,]", "", normalise(item.question))
        assert question not in text, item.id
