"""Run the evaluation: ask every question, retrieve its evidence, score, and total up."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.answer import Answer
from evals.dataset import INTENTS, EvalError, EvalItem, load_dataset
from evals.metrics import RECALL_KS, DocumentText, ItemResult, Summary, score_item, summarise

Ask = Callable[[str], Answer]
Search = Callable[[str, int], Sequence[str]]  # question, k -> top-k chunk texts, best first


@dataclass(frozen=True)
class EvalResult:
    """The scored items of one run, with overall and per-intent totals."""

    items: tuple[ItemResult, ...]
    overall: Summary
    by_intent: dict[str, Summary]
    ks: tuple[int, ...]
    started_at: str
    duration: float

    @property
    def failures(self) -> tuple[ItemResult, ...]:
        """Items answered wrongly, or with an invalid or unsupporting citation."""
        return tuple(r for r in self.items if not passed(r))

    def to_json(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at,
            "duration": self.duration,
            "ks": list(self.ks),
            "overall": self.overall.to_json(),
            "by_intent": {intent: s.to_json() for intent, s in self.by_intent.items()},
            "items": [r.to_json() for r in self.items],
        }


def passed(result: ItemResult) -> bool:
    """Right answer (or right refusal), every citation verbatim, facts backed by a quote."""
    return (
        result.correct
        and not result.error
        and all(check.valid for check in result.citations)
        and result.supported is not False
    )


def ask_timed(ask: Ask, item: EvalItem) -> tuple[Answer, float, str]:
    """The answer, seconds spent, and the error text if `ask` raised (a failed item)."""
    start = time.perf_counter()
    try:
        answer = ask(item.question)
    except Exception as error:  # noqa: BLE001 - one broken question must not end the run
        empty = Answer(question=item.question, answer="", refused=False, intent="")
        return empty, time.perf_counter() - start, f"{type(error).__name__}: {error}"
    return answer, time.perf_counter() - start, ""


def run_evaluation(
    items: Sequence[EvalItem],
    ask: Ask,
    search: Search | None,
    document_text: DocumentText,
    progress: bool = True,
    ks: Sequence[int] = RECALL_KS,
) -> EvalResult:
    """Ask each item's question, check the answer and its citations, and total up.

    `search` may be None (a remote bot without retrieval access): recall@k is then not
    measured. A question whose `ask` raises is recorded as failed with the error text.
    """
    from tqdm import tqdm

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    start = time.perf_counter()
    depth = max(ks)
    results = []
    for item in tqdm(items, desc="eval", unit="q", file=sys.stderr, disable=not progress):
        # 1. ask, timing only the answer
        answer, latency, error = ask_timed(ask, item)
        # 2. retrieve, for recall@k of the evidence passage
        chunks = list(search(item.question, depth)) if search and item.answerable else None
        # 3. score
        result = score_item(item, answer, chunks, document_text, latency)
        results.append(replace(result, error=error) if error else result)
    present = [intent for intent in INTENTS if any(r.item.intent == intent for r in results)]
    return EvalResult(
        items=tuple(results),
        overall=summarise(results, ks),
        by_intent={
            intent: summarise([r for r in results if r.item.intent == intent], ks)
            for intent in present
        },
        ks=tuple(ks),
        started_at=started_at,
        duration=time.perf_counter() - start,
    )


def evaluate_command(
    dataset: Path,
    ask: Ask,
    search: Search | None,
    document_text: DocumentText,
    out_dir: Path,
    min_accuracy: float | None,
    *,
    title: str | None = None,
    progress: bool = True,
) -> int:
    """`policykb eval`: run, write the report, print the summary; 1 if below `min_accuracy`.

    Raises `EvalError` (e.g. `DatasetError`) for a bad dataset or threshold; the CLI prints it.
    """
    from evals.report import format_summary, write_report

    if min_accuracy is not None and not 0.0 <= min_accuracy <= 1.0:
        raise EvalError(f"--min-accuracy must be between 0 and 1, got {min_accuracy}")
    items = load_dataset(dataset)
    result = run_evaluation(items, ask, search, document_text, progress=progress)
    title = title or f"policykb evaluation: {Path(dataset).name}"
    paths = write_report(result, Path(out_dir), title)
    print(format_summary(result))
    for kind, path in paths.items():
        print(f"{kind}: {path}")
    accuracy = result.overall.accuracy or 0.0
    if min_accuracy is not None and accuracy < min_accuracy:
        print(f"FAILED: accuracy {accuracy:.1%} is below --min-accuracy {min_accuracy:.1%}")
        return 1
    return 0
