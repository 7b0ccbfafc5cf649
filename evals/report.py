"""Write an evaluation as Markdown for people, JSON for machines, and a PNG chart."""

from __future__ import annotations

import json
from pathlib import Path

from evals.metrics import ItemResult, Summary
from evals.runner import EvalResult

ANSWER_CUT = 240  # characters of a failing answer shown in the report
QUOTE_CUT = 80


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def milliseconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:.1f} ms"


def cut(text: str, limit: int) -> str:
    """One line of at most `limit` characters, safe inside a Markdown table cell."""
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def summary_rows(summary: Summary, ks: tuple[int, ...]) -> list[tuple[str, str]]:
    """(metric, value) pairs in report order."""
    counts = f"{summary.items} ({summary.answerable} / {summary.unanswerable})"
    validity = f"{percent(summary.citation_validity)} of {summary.citations}"
    rows = [
        ("items (answerable / unanswerable)", counts),
        ("answer accuracy", percent(summary.accuracy)),
        ("citation validity (verbatim quotes)", validity),
        ("citation support recall", percent(summary.support_recall)),
        ("citation support precision", percent(summary.support_precision)),
        ("refusal rate on unanswerable", percent(summary.refusal_rate)),
        ("answer rate on answerable", percent(summary.answer_rate)),
        ("refusal accuracy", percent(summary.refusal_accuracy)),
    ]
    rows += [(f"retrieval recall@{k}", percent(summary.recall_at.get(k))) for k in ks]
    rows += [
        ("latency median / p95 / max",
         (f"{milliseconds(summary.latency_median)} / {milliseconds(summary.latency_p95)}"
          f" / {milliseconds(summary.latency_max)}")),
        ("errors", str(summary.errors)),
    ]
    return rows


def intent_table(result: EvalResult) -> list[str]:
    ks = " | ".join(f"R@{k}" for k in result.ks)
    lines = [
        f"| intent | items | accuracy | validity | support R | support P | refusal acc. | {ks} |",
        "|" + "---|" * (7 + len(result.ks)),
    ]
    for intent, s in result.by_intent.items():
        recalls = " | ".join(percent(s.recall_at.get(k)) for k in result.ks)
        lines.append(
            f"| {intent} | {s.items} | {percent(s.accuracy)} | {percent(s.citation_validity)} | "
            f"{percent(s.support_recall)} | {percent(s.support_precision)} | "
            f"{percent(s.refusal_accuracy)} | {recalls} |"
        )
    return lines


def failure_reasons(r: ItemResult) -> list[str]:
    """Why an item failed, in words."""
    reasons = []
    if r.error:
        reasons.append(f"error: {r.error}")
    if not r.item.answerable and not r.refused:
        reasons.append("answered a question the documents do not answer")
    if r.item.answerable and r.refused:
        reasons.append("refused an answerable question")
    if r.missing and not r.refused:
        reasons.append("missing: " + ", ".join(r.missing))
    invalid = [str(c.n) for c in r.citations if not c.valid]
    if invalid:
        reasons.append("quote not verbatim in citation " + ", ".join(invalid))
    if r.supported is False:
        reasons.append("no cited quote carries every expected string")
    return reasons


def failure_section(r: ItemResult, depth: int) -> list[str]:
    expected = "、".join(r.item.must_contain) if r.item.answerable else "(refusal)"
    answered = "(refused) " if r.refused else ""
    lines = [
        f"### {r.item.id} ({r.item.intent})",
        "",
        f"- question: {cut(r.item.question, ANSWER_CUT)}",
        f"- expected: {expected}",
        f"- answered: {answered}{cut(r.answer, ANSWER_CUT) or '(empty)'}",
        f"- why: {'; '.join(failure_reasons(r))}",
    ]
    for c in r.citations:
        mark = "ok" if c.valid else "NOT VERBATIM"
        lines.append(f"- [{c.n}] {c.doc_id} ({mark}): {cut(c.quote, QUOTE_CUT)}")
    if r.item.answerable and r.searched:
        found = f"rank {r.evidence_rank}" if r.evidence_rank else f"not in top {depth}"
        lines.append(f"- evidence ({found}): {cut(r.item.evidence, QUOTE_CUT)}")
    return lines + [""]


def render_markdown(result: EvalResult, title: str, chart_name: str) -> str:
    failures = result.failures
    lines = [f"# {title}", "", f"Run {result.started_at}, {result.duration:.1f} s.", ""]
    lines += ["## Overall", "", "| metric | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in summary_rows(result.overall, result.ks)]
    lines += ["", "## Per intent", ""] + intent_table(result)
    lines += ["", f"![per-intent scores]({chart_name})", ""]
    lines += [f"## Failing items ({len(failures)} of {len(result.items)})", ""]
    if not failures:
        lines.append("None.")
    for r in failures:
        lines += failure_section(r, max(result.ks))
    return "\n".join(lines).rstrip() + "\n"


def draw_chart(result: EvalResult, path: Path, title: str) -> None:
    """Per-intent bars of accuracy, citation support and validity (English labels: CJK fonts
    may be missing)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    intents = list(result.by_intent)
    series = [
        ("accuracy", [s.accuracy for s in result.by_intent.values()]),
        ("citation support recall", [s.support_recall for s in result.by_intent.values()]),
        ("citation validity", [s.citation_validity for s in result.by_intent.values()]),
    ]
    figure = Figure(figsize=(max(6.0, 1.3 * len(intents) + 2), 4.2))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    width = 0.8 / len(series)
    for index, (label, values) in enumerate(series):
        positions = [i + (index - 1) * width for i in range(len(intents))]
        axes.bar(positions, [v or 0.0 for v in values], width=width, label=label)
    axes.set_xticks(range(len(intents)), intents, rotation=20)
    axes.set_ylim(0, 1.05)
    axes.set_ylabel("share")
    axes.set_title(title.encode("ascii", "ignore").decode() or "evaluation")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(series), fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def write_report(result: EvalResult, out_dir: Path, title: str) -> dict[str, Path]:
    """Write report.md, report.json and report.png into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "markdown": out_dir / "report.md",
        "json": out_dir / "report.json",
        "chart": out_dir / "report.png",
    }
    markdown = render_markdown(result, title, paths["chart"].name)
    paths["markdown"].write_text(markdown, encoding="utf-8")
    data = {"title": title, **result.to_json(), "failures": [r.item.id for r in result.failures]}
    paths["json"].write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    draw_chart(result, paths["chart"], title)
    return paths


def format_summary(result: EvalResult) -> str:
    """A few lines for the terminal."""
    width = max(len(name) for name, _ in summary_rows(result.overall, result.ks))
    lines = [f"{name:<{width}}  {value}" for name, value in summary_rows(result.overall, result.ks)]
    for intent, s in result.by_intent.items():
        lines.append(
            f"  {intent:<15} n={s.items:<4} accuracy {percent(s.accuracy):>6}"
            f"  support {percent(s.support_recall):>6}"
        )
    lines.append(f"failing items: {len(result.failures)} of {len(result.items)}")
    return "\n".join(lines)
