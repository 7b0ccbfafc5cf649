"""A knowledge base of the bundled corpus plus documents written for a test, and questions put
to it through `policykb ask --json`, as a user would."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli


def home_with(bundled_home: Path, folder: Path, documents: Mapping[str, str]) -> Path:
    """A copy of the bundled knowledge base in `folder`, with `documents` (name: text) added."""
    home = folder / "kb"
    shutil.copytree(bundled_home, home)
    uploads = folder / "uploads"
    uploads.mkdir()
    for name, text in documents.items():
        (uploads / f"{name}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--kb", str(home), str(uploads)])
    assert result.exit_code == 0, result.stderr
    return home


def ask(home: Path, question: str) -> dict:
    result = CliRunner().invoke(cli, ["ask", "--json", "--kb", str(home), question])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def answered(home: Path, question: str, *expected: str) -> dict:
    """The reply, which must answer and hold every `expected` text."""
    reply = ask(home, question)
    assert not reply["refused"], reply["answer"]
    for text in expected:
        assert text in reply["answer"], (text, reply["answer"])
    return reply


def refused(home: Path, question: str, *absent: str) -> dict:
    """The reply, which must refuse and, before any other region's rules it lists for
    reference, hold none of `absent`."""
    reply = ask(home, question)
    assert reply["refused"], reply["answer"]
    for text in absent:
        assert text not in reply["answer"].split("其他地区")[0], (text, reply["answer"])
    return reply
