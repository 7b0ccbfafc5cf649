"""Crafted files through the edges: a folder ingest skips them with their reason and indexes the
rest (exit 0, as the README promises), and an upload of one is a 422, never a 500."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.ingest.crafted_files import CRAFTED
from tests.reliability.conftest import policykb

pytestmark = pytest.mark.slow

NOTICE = "关于坏文件测试奖的通知\n对获得坏文件测试奖的企业,一次性给予300万元奖励。(责任单位:市测试局)\n"


def test_a_folder_ingest_skips_bad_files_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    for name, craft in CRAFTED.items():
        craft(folder / name)
    (folder / "notice.txt").write_text(NOTICE, encoding="utf-8")
    home = tmp_path / "kb"
    run = policykb("ingest", str(folder), "--kb", str(home))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert f"added 1, replaced 0, unchanged 0, skipped {len(CRAFTED)}" in run.stdout, run.stdout
    skipped = [line for line in run.stdout.splitlines() if line.startswith("  skipped ")]
    assert sorted(Path(line.split()[1].rstrip(":")).name for line in skipped) == sorted(CRAFTED)
    answered = policykb("ask", "坏文件测试奖奖励多少？", "--kb", str(home))
    assert answered.returncode == 0 and "300万元" in answered.stdout, answered.stderr


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_an_upload_of_a_crafted_file_is_422(admin: httpx.Client, tmp_path: Path,
                                            name: str) -> None:
    data = CRAFTED[name](tmp_path / name).read_bytes()
    response = admin.post("/api/documents", files={"file": (name, data)})
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith(f"{name}: ")
