"""`policykb eval --llm` reports the extractive and the LLM path side by side."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.app.fake_llm_server import FakeLLMServer

pytestmark = pytest.mark.slow

ITEMS = [
    {"id": "r1", "question": "获得中国质量奖奖励多少？", "intent": "reward",
     "must_contain": ["200万元"], "evidence": "对获得中国质量奖、中国质量奖提名奖的一次性分别给予"},
    {"id": "n1", "question": "个人所得税怎么申报？", "intent": "unanswerable",
     "must_contain": [], "evidence": ""},
]


@pytest.fixture
def fake() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


def test_both_paths_are_reported_and_an_unfaithful_model_changes_nothing(
    bundled_home: Path, tmp_path: Path, fake: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "kb"
    shutil.copytree(bundled_home, home)
    dataset = tmp_path / "items.jsonl"
    dataset.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS), "utf-8")
    # every reply invents an amount and cites nothing: each sentence must be dropped
    fake.reply_with("中国质量奖奖励500万元。")
    monkeypatch.setenv("POLICYKB_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("POLICYKB_LLM_MODEL", "scripted")
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["eval", str(dataset), "--kb", str(home), "--out", str(out),
                                      "--llm"])
    assert result.exit_code == 0, result.output
    extractive = json.loads((out / "report.json").read_text("utf-8"))
    generated = json.loads((out / "llm" / "report.json").read_text("utf-8"))
    assert extractive["overall"]["accuracy"] == 1.0
    assert generated["overall"]["accuracy"] == 1.0  # the fallback, not the invention
    assert len(fake.requests) == 1  # the unanswerable question never reached the model
    assert "500万元" not in (out / "llm" / "report.md").read_text("utf-8")
