"""One writer at a time on a data folder, and readers that follow other processes' commits:
real `policykb ingest` processes against the embedded Chroma store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.knowledge_base import KnowledgeBase
from tests.reliability.conftest import cli_env, copy_kb

pytestmark = pytest.mark.slow

NOTICE = "关于单写测试奖的通知\n对获得单写测试奖的企业,一次性给予300万元奖励。(责任单位:市测试局)\n"
NEW_DOCUMENT = "威海市海洋牧场示范企业奖励办法\n\n第一条 对新认定的国家级海洋牧场示范企业,一次性奖励20万元。\n"
NEW_QUESTION = "海洋牧场示范企业奖励多少？"


def _ingest(home: Path, folder: Path, **settings: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "app.cli", "ingest", str(folder), "--kb",
                             str(home)], env=cli_env(**settings), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _committed(home: Path) -> int:
    """Documents committed so far, read as another process would: read-only."""
    try:
        with sqlite3.connect(f"file:{home / 'records.sqlite'}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def _folder(path: Path, name: str, text: str) -> Path:
    path.mkdir()
    (path / name).write_text(text, encoding="utf-8")
    return path


def test_a_second_ingest_waits_or_fails_with_one_line(tmp_path: Path) -> None:
    from evals.synthetic import write_corpus

    home = tmp_path / "kb"
    # documents of 40 passages: each takes seconds to embed, its vectors written before its
    # records, so a second writer always meets one that has uncommitted vectors
    big = write_corpus(tmp_path / "big", 3, chunks_per_doc=40)
    small = _folder(tmp_path / "small", "notice.txt", NOTICE)
    first = _ingest(home, big)
    deadline = time.monotonic() + 240
    while _committed(home) < 1:
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the first ingest committed nothing"
        time.sleep(0.05)

    # 1. told not to wait, a second ingest refuses in one line naming the other writer
    impatient = _ingest(home, small, POLICYKB_LOCK_TIMEOUT="0")
    out, err = impatient.communicate(timeout=120)
    assert first.poll() is None, "the first ingest ended too soon for this test"
    assert impatient.returncode == 1, (out, err)
    errors = [line for line in err.splitlines() if line.startswith("错误 Error:")]
    assert len(errors) == 1 and "Traceback" not in err, err
    assert "another ingest or upload" in errors[0] and f"process {first.pid}" in errors[0]

    # 2. by default it waits for the first one, then does its work
    patient = _ingest(home, small)
    out, err = patient.communicate(timeout=600)
    assert patient.returncode == 0, err
    assert "waiting up to" in err and "added 1" in out
    first_out, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err
    assert "added 3" in first_out

    # 3. the knowledge base opens (its start-up check: a vector for every passage) and holds both
    kb = KnowledgeBase(home)
    assert len(kb.documents()) == 4
    assert kb._vectors.ids() == kb._records.chunk_ids()
    kb.close()


def test_a_reader_follows_an_external_ingest_vectors_included(bundled_home: Path,
                                                              tmp_path: Path) -> None:
    from app.answerer import Answerer

    home = copy_kb(bundled_home, tmp_path / "kb")
    kb = KnowledgeBase(home)  # this process is the serving replica
    answerer = Answerer(kb)
    before = answerer.ask(NEW_QUESTION)
    assert not any("海洋牧场" in citation.quote for citation in before.citations)

    folder = _folder(tmp_path / "new", "haiyang.txt", NEW_DOCUMENT)
    run = _ingest(home, folder)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0 and "added 1" in out, err

    hits = [hit for hit in kb.search(NEW_QUESTION, k=5) if hit.chunk.doc_id == "haiyang"]
    assert hits and hits[0].vector_rank is not None, "the new passage has no vector here"
    after = answerer.ask(NEW_QUESTION)
    assert not after.refused and "20万元" in after.answer
    assert after.citations[0].doc_id == "haiyang"
    kb.close()
