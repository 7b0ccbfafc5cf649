"""`policykb bench` on the bundled corpus alone: every figure measured, table and chart written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.bench import format_table, run_bench

pytestmark = pytest.mark.slow


def test_the_bench_measures_the_bundled_corpus(tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps({"question": q}, ensure_ascii=False) for q in (
        "好品山东宣传推广由哪个部门牵头？", "获得中国质量奖奖励多少？", "个人所得税怎么申报？")),
        encoding="utf-8")
    out = tmp_path / "bench"
    rows = run_bench([0], out, questions)
    (row,) = rows
    assert row["documents"] == 4 and row["chunks"] > 50 and row["questions"] == 3
    assert row["ingest_s"] > row["embed_s"] > 0 and row["chars_per_s"] > 0
    assert row["reingest_share"] < 0.5  # nothing re-embedded the second time
    assert 0 < row["latency_median_ms"] <= row["latency_p95_ms"] <= row["latency_max_ms"]
    assert row["peak_rss_mb"] > 50 and row["index_mb"] > 0
    assert json.loads((out / "bench.json").read_text("utf-8")) == rows
    assert (out / "bench.md").read_text("utf-8").strip() == format_table(rows)
    assert (out / "bench.png").stat().st_size > 10_000
