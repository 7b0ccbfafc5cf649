"""One question, read once: its text, what it asks, its parts and its region; passed down."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.answer import Intent
from app.asked import Kind, asked_kinds
from app.intent import classify, extract_region


@dataclass(frozen=True)
class Query:
    """A question as the answerer reads it. `region` is where answers may come from: the one
    the caller chose (`explicit_region`, a region selector or `--region`), else the one the
    question names."""

    text: str  # cleaned: NFKC, no control characters
    asked: str  # as the user wrote it, printable
    intent: Intent
    kinds: frozenset[Kind]  # the kinds of answer asked for (money, period, units …)
    parts: tuple[str, ...]  # the parts of a compound question; one part if simple
    region: str | None
    explicit_region: str | None


def make_query(text: str, asked: str, explicit_region: str | None = None,
               library: Iterable[str] = ()) -> Query:
    """Read a cleaned question once; `library` holds the regions of the documents held."""
    from app.evidence import question_parts

    return Query(text=text, asked=asked, intent=classify(text), kinds=asked_kinds(text),
                 parts=tuple(question_parts(text)),
                 region=explicit_region or extract_region(text, library),
                 explicit_region=explicit_region)


Asked = str | Query


def read_query(question: Asked, regions: Iterable[str] = ()) -> Query:
    """The query a fact answer reads: the one the answerer built, or, for a question given as
    text (tests, the reward form), one read now against the library's regions."""
    if isinstance(question, Query):
        return question
    return make_query(question, question, None, regions)
