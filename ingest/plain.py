"""Everyday words and the words documents write for them (ingest/data/plain_words.json).

A user asks "坐过牢的人能不能当业委会成员"; the regulation writes "受过刑事处罚" and "业主委员会".
The question is searched with the written words beside its own, and a passage that holds the
written word holds the everyday one."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    raw = resources.files("ingest").joinpath("data/plain_words.json").read_text("utf-8")
    return {plain: tuple(written) for plain, written in json.loads(raw)["words"].items()}


def written_for(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """The everyday phrases a question holds, longest first, not overlapping and each once,
    with the words documents write for it."""
    compact = re.sub(r"\s+", "", question)
    taken = [False] * len(compact)
    found: dict[str, tuple[str, ...]] = {}
    for plain in sorted(_words(), key=len, reverse=True):
        for match in re.finditer(re.escape(plain), compact):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
            found[plain] = _words()[plain]
    return list(found.items())


def expansion(question: str) -> str:
    """The written words for a question's everyday ones that it does not hold itself."""
    compact = re.sub(r"\s+", "", question)
    words = [word for _, written in written_for(question) for word in written
             if word not in compact]
    return " ".join(dict.fromkeys(words))
