"""Structured policy facts read from a cleaned document and its chunks."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.document import Chunk, Document
from ingest.fact import Fact
from ingest.facts.qualification import extract_qualifications
from ingest.facts.responsibility import extract_responsibilities, parse_units
from ingest.facts.reward import extract_rewards
from ingest.facts.source import Source
from ingest.facts.target import extract_targets

__all__ = ["extract_facts", "parse_units"]


def extract_facts(document: Document, chunks: Sequence[Chunk] = ()) -> tuple[Fact, ...]:
    """Every responsibility, reward, qualification and target fact, each with its verbatim span."""
    source = Source(document, chunks)
    facts: dict[str, Fact] = {}
    for extract in (extract_responsibilities, extract_rewards, extract_qualifications,
                    extract_targets):
        for fact in extract(source):  # type: ignore[operator]
            facts.setdefault(fact.fact_id, fact)
    return tuple(sorted(facts.values(), key=lambda fact: (fact.span.start, str(fact.kind))))
