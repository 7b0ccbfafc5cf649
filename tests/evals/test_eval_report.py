"""Report files, the terminal summary, the exit code, and the layering rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.dataset import DatasetError, EvalError
from evals.report import format_summary, write_report
from evals.runner import evaluate_command, run_evaluation


def write_dataset(items, path: Path) -> Path:
    path.write_text(
        "".join(json.dumps(i.to_json(), ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
    )
    return path


def test_report_files_hold_every_failing_item(tiny_items, bot, tmp_path):
    result = run_evaluation(tiny_items, *bot, progress=False)
    paths = write_report(result, tmp_path / "out", "tiny evaluation")
    assert set(paths) == {"markdown", "json", "chart"}

    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "| answer accuracy | 42.9% |" in markdown
    assert "| reward | 2 | 50.0% |" in markdown
    assert "## Failing items (5 of 7)" in markdown
    for item_id, question in [("wrong", "乙奖奖多少钱"), ("badquote", "宣传推广谁牵头"),
                              ("answered", "深圳对甲奖奖多少"), ("missed", "高新技术企业目标"),
                              ("crash", "质量强市意见是什么")]:
        assert f"### {item_id} " in markdown
        assert f"- question: {question}" in markdown
    assert "### ok " not in markdown and "### refused " not in markdown
    assert "- expected: 50万元" in markdown and "- answered: 乙奖奖励30万元[1]" in markdown
    assert "missing: 50万元" in markdown
    assert "quote not verbatim in citation 1" in markdown
    assert "answered a question the documents do not answer" in markdown
    assert "error: RuntimeError: bot is down" in markdown
    assert "evidence (not in top 5)" in markdown

    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["overall"]["accuracy"] == pytest.approx(3 / 7)
    assert data["overall"]["recall_at"]["1"] == pytest.approx(2 / 5)
    assert data["failures"] == ["wrong", "badquote", "answered", "missed", "crash"]
    assert len(data["items"]) == 7 and data["by_intent"]["target"]["answer_rate"] == 0.0

    assert paths["chart"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert paths["chart"].stat().st_size > 5000


def test_long_answers_are_cut(tiny_items, bot, tmp_path):
    ask, search, text = bot
    result = run_evaluation(tiny_items[:1], lambda q: ask(q).__class__(q, "长" * 1000, False, "x"),
                            search, text, progress=False)
    markdown = write_report(result, tmp_path, "t")["markdown"].read_text(encoding="utf-8")
    answered = next(line for line in markdown.splitlines() if line.startswith("- answered:"))
    assert len(answered) < 300 and answered.endswith("…")


def test_format_summary(tiny_items, bot):
    summary = format_summary(run_evaluation(tiny_items, *bot, progress=False))
    assert "answer accuracy" in summary and "42.9%" in summary
    assert "retrieval recall@3" in summary and "60.0%" in summary
    assert "failing items: 5 of 7" in summary


def test_evaluate_command_exit_code(tiny_items, bot, tmp_path, capsys):
    dataset = write_dataset(tiny_items, tmp_path / "qa.jsonl")
    assert evaluate_command(dataset, *bot, tmp_path / "a", min_accuracy=0.9, progress=False) == 1
    assert "FAILED: accuracy 42.9% is below --min-accuracy 90.0%" in capsys.readouterr().out
    assert evaluate_command(dataset, *bot, tmp_path / "b", min_accuracy=0.4, progress=False) == 0
    assert evaluate_command(dataset, *bot, tmp_path / "c", min_accuracy=None, progress=False) == 0
    out = capsys.readouterr().out
    assert "answer accuracy" in out and str(tmp_path / "c" / "report.md") in out
    assert (tmp_path / "a" / "report.md").exists()


def test_evaluate_command_errors(tiny_items, bot, tmp_path):
    dataset = write_dataset(tiny_items, tmp_path / "qa.jsonl")
    with pytest.raises(EvalError, match="between 0 and 1"):
        evaluate_command(dataset, *bot, tmp_path, min_accuracy=80, progress=False)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(dataset.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"broken.jsonl:8: invalid JSON"):
        evaluate_command(broken, *bot, tmp_path, min_accuracy=None, progress=False)


def test_nothing_but_the_cli_imports_evals():
    root = Path(__file__).resolve().parents[2]
    for package in ("corpus", "ingest", "kb", "app"):
        for source in (root / package).rglob("*.py"):
            if source == root / "app" / "cli.py":  # the edge that runs `policykb eval`
                continue
            text = source.read_text(encoding="utf-8")
            assert "from evals" not in text and "import evals" not in text, source
