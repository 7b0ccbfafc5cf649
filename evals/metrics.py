"""Scores for one answer and their totals: accuracy, citations, refusals, retrieval, latency.

Rules, all deterministic:

- text comparison ("contains") is done after `normalise`: Unicode NFKC, all whitespace removed;
- a citation is *valid* only if its quote is a verbatim substring of `document_text(doc_id)`
  (no normalisation at all: a quote must be copy-pasteable into a search of the document);
- a citation *supports* an item if it is valid and its normalised quote contains at least one of
  the item's normalised `must_contain` strings (ALCE-style citation precision); an answer is
  *supported* if each `must_contain` string sits inside at least one valid quote (citation recall);
- the evidence passage is *retrieved* by a chunk if the normalised evidence is a substring of the
  normalised chunk, or the evidence was cut by a chunk boundary and this chunk holds at least 60 %
  of it: the chunk ends with the evidence's first 60 % or more, or starts with its last 60 % or
  more. Only boundary overlaps count, because policy texts repeat long runs mid-text (department
  lists such as "省市场监管局、青岛海关、济南海关" stand in many rows).
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.answer import Answer, Citation
from evals.dataset import EvalItem

DocumentText = Callable[[str], str]

RECALL_KS = (1, 3, 5)
MIN_EVIDENCE_OVERLAP = 0.6


def normalise(text: str) -> str:
    """NFKC with all whitespace removed, so full-width and line breaks do not matter."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def find_missing(text: str, required: Sequence[str]) -> tuple[str, ...]:
    """The required strings that do not occur in `text` (normalised comparison)."""
    haystack = normalise(text)
    return tuple(needle for needle in required if normalise(needle) not in haystack)


def quote_is_verbatim(citation: Citation, document_text: DocumentText) -> bool:
    """The quote is a non-empty exact substring of the cited document's text."""
    if not citation.quote.strip():
        return False
    try:
        text = document_text(citation.doc_id)
    except (KeyError, LookupError, FileNotFoundError, ValueError):
        return False
    return citation.quote in text


def chunk_holds_evidence(
    evidence: str, chunk: str, min_overlap: float = MIN_EVIDENCE_OVERLAP
) -> bool:
    """The chunk contains the evidence, or `min_overlap` of it across a chunk boundary."""
    wanted, text = normalise(evidence), normalise(chunk)
    if not wanted:
        return False
    return wanted in text or boundary_overlap(wanted, text) >= min_overlap * len(wanted)


def boundary_overlap(evidence: str, chunk: str) -> int:
    """Length of the longest evidence prefix ending the chunk or evidence suffix starting it."""
    for size in range(min(len(evidence), len(chunk)), 0, -1):
        if chunk.endswith(evidence[:size]) or chunk.startswith(evidence[-size:]):
            return size
    return 0


def evidence_rank(evidence: str, chunks: Sequence[str]) -> int | None:
    """1-based rank of the first chunk holding the evidence, None when none does."""
    for rank, chunk in enumerate(chunks, start=1):
        if chunk_holds_evidence(evidence, chunk):
            return rank
    return None


@dataclass(frozen=True)
class CitationCheck:
    """One citation of an answer and what the checks found."""

    n: int
    doc_id: str
    quote: str
    valid: bool
    supports: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "quote": self.quote,
            "valid": self.valid,
            "supports": self.supports,
        }


@dataclass(frozen=True)
class ItemResult:
    """Everything measured for one question."""

    item: EvalItem
    answer: str
    refused: bool
    answer_intent: str
    correct: bool
    missing: tuple[str, ...]
    citations: tuple[CitationCheck, ...]
    supported: bool | None  # None: not an answered, answerable item
    evidence_rank: int | None  # None: evidence not in the retrieved chunks, or not searched
    searched: bool
    latency: float  # seconds spent in `ask`
    error: str = ""

    @property
    def refusal_correct(self) -> bool:
        return self.refused != self.item.answerable

    def to_json(self) -> dict[str, Any]:
        return {
            **self.item.to_json(),
            "answer": self.answer,
            "refused": self.refused,
            "answer_intent": self.answer_intent,
            "correct": self.correct,
            "missing": list(self.missing),
            "citations": [check.to_json() for check in self.citations],
            "supported": self.supported,
            "evidence_rank": self.evidence_rank,
            "searched": self.searched,
            "latency": self.latency,
            "error": self.error,
        }


def score_item(
    item: EvalItem,
    answer: Answer,
    chunks: Sequence[str] | None,
    document_text: DocumentText,
    latency: float,
) -> ItemResult:
    """Score one answer; `chunks` are the retrieved texts best first (None: not searched)."""
    missing = find_missing(answer.answer, item.must_contain) if item.answerable else ()
    correct = (not answer.refused and not missing) if item.answerable else answer.refused
    wanted = [normalise(text) for text in item.must_contain]
    checks = []
    for citation in answer.citations:
        valid = quote_is_verbatim(citation, document_text)
        quote = normalise(citation.quote)
        supports = valid and any(needle in quote for needle in wanted)
        checks.append(CitationCheck(citation.n, citation.doc_id, citation.quote, valid, supports))
    supported = None
    if item.answerable and not answer.refused:
        quotes = [normalise(check.quote) for check in checks if check.valid]
        supported = all(any(needle in quote for quote in quotes) for needle in wanted)
    rank = evidence_rank(item.evidence, chunks) if chunks is not None and item.answerable else None
    return ItemResult(
        item=item,
        answer=answer.answer,
        refused=answer.refused,
        answer_intent=answer.intent,
        correct=correct,
        missing=missing,
        citations=tuple(checks),
        supported=supported,
        evidence_rank=rank,
        searched=chunks is not None,
        latency=latency,
    )


@dataclass(frozen=True)
class Summary:
    """Totals over a set of item results; a rate is None when nothing was there to count."""

    items: int
    answerable: int
    unanswerable: int
    correct: int
    accuracy: float | None
    citations: int
    citation_validity: float | None  # valid citations / all citations
    support_recall: float | None  # supported answers / answered answerable items
    support_precision: float | None  # supporting citations / citations of those answers
    refusal_rate: float | None  # unanswerable items refused
    answer_rate: float | None  # answerable items answered (not refused)
    refusal_accuracy: float | None  # items whose refused flag is right
    recall_at: dict[int, float | None]
    latency_median: float | None
    latency_p95: float | None
    latency_max: float | None
    errors: int

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["recall_at"] = {str(k): v for k, v in self.recall_at.items()}
        return data


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarise(results: Sequence[ItemResult], ks: Sequence[int] = RECALL_KS) -> Summary:
    """Overall figures for `results` (pass a subset for per-intent figures)."""
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    answered = [r for r in answerable if not r.refused]
    citations = [check for r in results for check in r.citations]
    backing = [check for r in answered for check in r.citations]
    searched = [r for r in answerable if r.searched]
    latencies = [r.latency for r in results if not r.error]
    ranks = [r.evidence_rank for r in searched]
    recall_at = {
        k: ratio(sum(rank is not None and rank <= k for rank in ranks), len(ranks)) for k in ks
    }
    return Summary(
        items=len(results),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        correct=sum(r.correct for r in results),
        accuracy=ratio(sum(r.correct for r in results), len(results)),
        citations=len(citations),
        citation_validity=ratio(sum(c.valid for c in citations), len(citations)),
        support_recall=ratio(sum(bool(r.supported) for r in answered), len(answered)),
        support_precision=ratio(sum(c.supports for c in backing), len(backing)),
        refusal_rate=ratio(sum(r.refused for r in unanswerable), len(unanswerable)),
        answer_rate=ratio(len(answered), len(answerable)),
        refusal_accuracy=ratio(sum(r.refusal_correct for r in results), len(results)),
        recall_at=recall_at,
        latency_median=statistics.median(latencies) if latencies else None,
        latency_p95=percentile(latencies, 0.95),
        latency_max=max(latencies) if latencies else None,
        errors=sum(bool(r.error) for r in results),
    )
