"""Answering a question: route by intent to the extracted facts, else quote passages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from app.answer import Answer, Intent
from app.errors import BadQuestion
from app.fact_answers import (
    answer_duties,
    answer_qualification,
    answer_responsibility,
    answer_reward,
    answer_target,
)
from app.intent import classify, extract_region
from app.passages import answer_from_passages
from ingest.document import DocumentMeta
from ingest.fact import Fact, FactKind
from kb.knowledge_base import KnowledgeBase

MAX_QUESTION_CHARS = 500
# what a passage must hold to answer "奖励多少": an amount of money (200万元, 5000元)
AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?元")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

FactAnswer = Callable[[str, Sequence[Fact], Mapping[str, DocumentMeta]], Answer | None]
# the reward answer also reads targets and qualifications: an honour that is only a target
# (省长质量奖) is cited as such, with no amount borrowed from a similar award
_BY_INTENT: dict[Intent, tuple[FactKind | None, FactAnswer]] = {
    Intent.RESPONSIBILITY: (FactKind.RESPONSIBILITY, answer_responsibility),
    Intent.DUTIES: (FactKind.RESPONSIBILITY, answer_duties),
    Intent.REWARD: (None, answer_reward),
    Intent.QUALIFICATION: (FactKind.QUALIFICATION, answer_qualification),
    Intent.TARGET: (FactKind.TARGET, answer_target),
}


def clean_question(question: str) -> str:
    """The question as text to match: NFKC, no control characters, bounded length."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", question or "")).strip()
    if not text:
        raise BadQuestion("问题为空 (the question is empty)")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(
            f"问题过长:{len(text)} 字,最多 {MAX_QUESTION_CHARS} 字 "
            f"(the question has {len(text)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return text


class Answerer:
    """The extractive answerer: exact facts first, verbatim passages otherwise."""

    def __init__(self, kb: KnowledgeBase, top_k: int = 5) -> None:
        self.kb = kb
        self.top_k = top_k

    def ask(self, question: str, region: str | None = None) -> Answer:
        """Answer one question, optionally only from documents of `region`."""
        # 1. normalise and classify
        text = clean_question(question)
        intent = classify(text)
        region = region or extract_region(text)
        metas = {meta.doc_id: meta for meta in self.kb.documents()}
        # 2. an exact answer from extracted facts, where the intent has some
        if intent in _BY_INTENT:
            kind, answer_with = _BY_INTENT[intent]
            facts = self.kb.facts(str(kind) if kind else None, region=region)
            answer = answer_with(text, facts, metas)
            if answer is not None:
                return _with_question(answer, question)
        # 3. otherwise the best passages, quoted; or a refusal when none is relevant
        hits = self.kb.search(text, k=self.top_k, region=region)
        must_match = AMOUNT if intent == Intent.REWARD else None
        answer = answer_from_passages(text, str(intent), hits, self.kb.tokenize, must_match)
        return _with_question(answer, question)


def _with_question(answer: Answer, question: str) -> Answer:
    """The answer carrying the question as the user asked it."""
    from dataclasses import replace

    return replace(answer, question=question)
