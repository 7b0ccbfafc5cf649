"""What the bot says: an answer and the verbatim citations it rests on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Intent(StrEnum):
    RESPONSIBILITY = "responsibility"  # 谁牵头 / 哪些部门负责
    DUTIES = "duties"  # 某部门负责哪些工作 (责任清单)
    REWARD = "reward"  # 奖励多少
    QUALIFICATION = "qualification"  # 哪些品牌纳入 / 何时撤销
    TARGET = "target"  # 到2025年目标
    GENERAL = "general"


class AnswerMode(StrEnum):
    EXTRACTIVE = "extractive"  # facts and verbatim passages, no model
    LLM = "llm"  # a model's sentences, each checked against the passages it cites
    LLM_FALLBACK = "llm_fallback"  # a model was asked, its reply failed: the extractive answer


REFUSAL = "未在已收录文件中找到依据。"


@dataclass(frozen=True)
class Citation:
    """One numbered source: `quote` is verbatim text of the document `doc_id`."""

    n: int
    doc_id: str
    title: str
    issuer: str
    date: str
    region: str
    quote: str
    start: int = 0
    end: int = 0
    section_path: tuple[str, ...] = ()
    row: int | None = None
    validity: str = ""  # 有效 / 已失效 / 已废止, where the document says

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "issuer": self.issuer,
            "date": self.date,
            "region": self.region,
            "validity": self.validity,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Answer:
    """The reply to one question; a refusal carries no citations."""

    question: str
    answer: str
    refused: bool
    intent: str
    citations: tuple[Citation, ...] = field(default=())
    mode: str = AnswerMode.EXTRACTIVE  # llm_fallback: a model was asked, its reply not shown
    note: str = ""  # why an llm_fallback answer is the extractive one

    def to_json(self) -> dict[str, Any]:
        """The stable `policykb ask --json` contract; "mode" and "note" only where a model was
        asked."""
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "intent": self.intent,
            "citations": [citation.to_json() for citation in self.citations],
        }
        if self.mode != AnswerMode.EXTRACTIVE:
            data |= {"mode": str(self.mode), "note": self.note}
        return data
