"""Evaluation questions: one JSON object a line, loaded and checked with line numbers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DATASET = Path(__file__).parent / "data" / "policy_qa.jsonl"

UNANSWERABLE = "unanswerable"
INTENTS = (
    "responsibility",
    "duties",
    "reward",
    "qualification",
    "target",
    "general",
    UNANSWERABLE,
)
FIELDS = ("id", "question", "intent", "must_contain", "evidence")


class EvalError(ValueError):
    """Base of the errors the evaluation raises; the CLI prints one line and exits."""


class DatasetError(EvalError):
    """A dataset file that cannot be read as evaluation items."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line


@dataclass(frozen=True)
class EvalItem:
    """One question with what a correct answer must say and the passage that says it."""

    id: str
    question: str
    intent: str
    must_contain: tuple[str, ...] = ()
    evidence: str = ""

    @property
    def answerable(self) -> bool:
        return self.intent != UNANSWERABLE

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "intent": self.intent,
            "must_contain": list(self.must_contain),
            "evidence": self.evidence,
        }


def parse_item(data: Any, path: Path | str = "<data>", line: int = 0) -> EvalItem:
    """Check one decoded JSON value and turn it into an `EvalItem`."""
    if not isinstance(data, Mapping):
        raise DatasetError(path, line, f"expected a JSON object, got {type(data).__name__}")
    missing = [name for name in FIELDS if name not in data]
    if missing:
        raise DatasetError(path, line, f"missing field(s): {', '.join(missing)}")
    # real datasets carry notes, reference answers and source names: other fields are kept
    # out of the evaluation, not refused
    for name in ("id", "question", "intent", "evidence"):
        if not isinstance(data[name], str):
            raise DatasetError(path, line, f"field {name!r} must be a string")
    must_contain = data["must_contain"]
    if not isinstance(must_contain, list) or not all(isinstance(s, str) for s in must_contain):
        raise DatasetError(path, line, "field 'must_contain' must be a list of strings")
    item = EvalItem(
        id=data["id"].strip(),
        question=data["question"].strip(),
        intent=data["intent"].strip(),
        must_contain=tuple(s.strip() for s in must_contain),
        evidence=data["evidence"].strip(),
    )
    check_item(item, path, line)
    return item


def check_item(item: EvalItem, path: Path | str = "<data>", line: int = 0) -> None:
    """Raise `DatasetError` when an item contradicts the dataset rules."""
    if not item.id:
        raise DatasetError(path, line, "field 'id' is empty")
    if not item.question:
        raise DatasetError(path, line, "field 'question' is empty")
    if item.intent not in INTENTS:
        raise DatasetError(
            path, line, f"unknown intent {item.intent!r}; valid intents: {', '.join(INTENTS)}"
        )
    if any(not text for text in item.must_contain):
        raise DatasetError(path, line, "'must_contain' holds an empty string")
    if item.answerable:
        if not item.must_contain:
            message = f"intent {item.intent!r} needs a non-empty 'must_contain'"
            raise DatasetError(path, line, message)
        if not item.evidence:
            raise DatasetError(path, line, f"intent {item.intent!r} needs a non-empty 'evidence'")
    elif item.must_contain or item.evidence:
        raise DatasetError(
            path, line, "an 'unanswerable' item must have an empty 'must_contain' and 'evidence'"
        )


def parse_lines(lines: Iterable[str], path: Path | str = "<data>") -> tuple[EvalItem, ...]:
    """Items from JSON Lines; blank lines are skipped, ids must be unique."""
    items: list[EvalItem] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DatasetError(path, number, f"invalid JSON: {error.msg}") from error
        item = parse_item(data, path, number)
        if item.id in first_line:
            raise DatasetError(
                path, number, f"duplicate id {item.id!r} (first on line {first_line[item.id]})"
            )
        first_line[item.id] = number
        items.append(item)
    if not items:
        raise DatasetError(path, 0, "the dataset holds no items")
    return tuple(items)


def load_dataset(path: Path | str = DEFAULT_DATASET) -> tuple[EvalItem, ...]:
    """Read and validate a JSON Lines dataset file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise DatasetError(file, 0, "file not found") from error
    except UnicodeDecodeError as error:
        raise DatasetError(file, 0, f"not UTF-8 text: {error.reason}") from error
    return parse_lines(text.splitlines(), file)
