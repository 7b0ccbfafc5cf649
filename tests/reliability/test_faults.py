"""Faults: an ingest killed mid-way, a read-only or full disk, damaged index files."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.errors import CorruptIndex, StorageError
from kb.knowledge_base import KnowledgeBase
from tests.conftest import make_parsed
from tests.reliability.conftest import cli_env, copy_kb, policykb, stable_questions

SYNTHETIC_DOCUMENTS = 12
NOTICE = ["关于故障测试奖的通知", "对获得故障测试奖的企业,一次性给予300万元奖励。(责任单位:市测试局)"]


def _documents(home: Path) -> dict[str, str]:
    """doc_id -> content hash, read the way another process would: read-only."""
    with sqlite3.connect(f"file:{home / 'records.sqlite'}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT doc_id, content_hash FROM documents").fetchall())


def _cli_answers(home: Path, questions: Path) -> list[tuple[str, list[str]]]:
    run = policykb("ask", "--batch", str(questions), "--json", "--kb", str(home))
    assert run.returncode == 0, run.stderr
    items = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return [(item["answer"], [c["doc_id"] for c in item["citations"]]) for item in items]


def _one_error_line(run: subprocess.CompletedProcess[str], *words: str) -> str:
    """The run failed with exactly one `错误 Error:` line that holds `words`, no traceback."""
    assert run.returncode == 1, (run.stdout, run.stderr)
    errors = [line for line in run.stderr.splitlines() if line.startswith("错误 Error:")]
    assert len(errors) == 1 and "Traceback" not in run.stderr, run.stderr
    assert all(word in errors[0] for word in words), errors[0]
    return errors[0]


@pytest.mark.slow
def test_a_killed_ingest_leaves_the_knowledge_base_usable(bundled_home: Path,
                                                          tmp_path: Path) -> None:
    from evals.synthetic import write_corpus

    home = copy_kb(bundled_home, tmp_path / "kb")
    corpus = write_corpus(tmp_path / "synthetic", SYNTHETIC_DOCUMENTS, chunks_per_doc=2)
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps({"question": q}, ensure_ascii=False) + "\n"
                                 for q in stable_questions()), encoding="utf-8")
    documents, answers = _documents(home), _cli_answers(home, questions)

    # 1. kill -9 once a few documents are committed: the ingest is in its indexing phase
    ingest = subprocess.Popen([sys.executable, "-m", "app.cli", "ingest", str(corpus), "--kb",
                               str(home)], env=cli_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while len(_documents(home)) < len(documents) + 2 and time.monotonic() < deadline:
        assert ingest.poll() is None, "the ingest ended before it could be killed"
        time.sleep(0.05)
    os.kill(ingest.pid, signal.SIGKILL)
    assert ingest.wait(timeout=30) == -signal.SIGKILL
    committed = len(_documents(home)) - len(documents)
    assert 2 <= committed < SYNTHETIC_DOCUMENTS, "not killed in the middle"

    # 2. what was there is untouched, and answers the same (this also passes start-up checks)
    after = _documents(home)
    assert {doc_id: after[doc_id] for doc_id in documents} == documents
    assert _cli_answers(home, questions) == answers

    # 3. the next ingest finishes the job and leaves no vector of the killed one behind
    run = policykb("ingest", str(corpus), "--kb", str(home))
    assert run.returncode == 0, run.stderr
    assert f"added {SYNTHETIC_DOCUMENTS - committed}, replaced 0, unchanged {committed}" \
        in run.stdout
    assert len(_documents(home)) == len(documents) + SYNTHETIC_DOCUMENTS
    reopened = KnowledgeBase(home)
    assert reopened._vectors.ids() == reopened._records.chunk_ids()


@pytest.fixture(scope="module")
def pristine_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("pristine") / "kb"
    kb = KnowledgeBase(home)
    kb.add([make_parsed("notice", NOTICE)])
    kb.close()  # the last connection folds the write-ahead log into records.sqlite
    return home


@pytest.fixture
def small_kb(pristine_kb: Path, tmp_path: Path) -> Path:
    """A copy at a path this process never opened: Chroma caches its clients by path."""
    return Path(shutil.copytree(pristine_kb, tmp_path / "kb"))


def _garble(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


DAMAGE = {
    "records garbage": lambda home: _garble(home / "records.sqlite"),
    "records truncated": lambda home: os.truncate(home / "records.sqlite", 5000),
    "manifest garbage": lambda home: (home / "manifest.json").write_text("{\x00garbage"),
    "manifest missing": lambda home: (home / "manifest.json").unlink(),
    "chroma garbage": lambda home: [_garble(path) for path in (home / "chroma").rglob("*")
                                    if path.is_file()],
    "chroma missing": lambda home: shutil.rmtree(home / "chroma"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_is_found_at_start_up(small_kb: Path, damage: str) -> None:
    DAMAGE[damage](small_kb)
    with pytest.raises(CorruptIndex, match="policykb ingest --rebuild"):
        KnowledgeBase(small_kb)


@pytest.mark.slow
def test_the_command_line_says_how_to_rebuild_and_the_rebuild_works(small_kb: Path,
                                                                    tmp_path: Path) -> None:
    DAMAGE["chroma garbage"](small_kb)
    _one_error_line(policykb("ask", "故障测试奖奖励多少？", "--kb", str(small_kb)),
                    "policykb ingest --rebuild")
    source = tmp_path / "source"
    source.mkdir()
    (source / "notice.txt").write_text("\n".join(NOTICE), encoding="utf-8")
    assert policykb("ingest", "--rebuild", str(source), "--kb", str(small_kb)).returncode == 0
    answered = policykb("ask", "故障测试奖奖励多少？", "--kb", str(small_kb))
    assert answered.returncode == 0 and "300万元" in answered.stdout


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (root only; skipped where mounting is not permitted)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4M", "tmpfs", str(folder)],
                             check=False, capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _write_notice(folder: Path, name: str, lines: list[str]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_full_disk_is_one_clear_error_and_loses_nothing(tmpfs: Path, tmp_path: Path) -> None:
    home = tmpfs / "kb"
    first = _write_notice(tmp_path / "first", "notice.txt", NOTICE)
    assert policykb("ingest", str(first), "--kb", str(home)).returncode == 0
    from evals.synthetic import write_corpus

    more = write_corpus(tmp_path / "more", 3, chunks_per_doc=2)
    filler = tmpfs / "filler"
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    with filler.open("wb") as out:  # leave about 100 KB
        out.write(b"\0" * max(0, free - 100_000))
    _one_error_line(policykb("ingest", str(more), "--kb", str(home)), "磁盘已满", "is full")
    filler.unlink()
    answered = policykb("ask", "故障测试奖奖励多少？", "--kb", str(home))
    assert answered.returncode == 0 and "300万元" in answered.stdout
    run = policykb("ingest", str(more), "--kb", str(home))
    assert run.returncode == 0 and "skipped 0" in run.stdout


@pytest.mark.slow
def test_a_read_only_data_folder_is_one_clear_error(tmpfs: Path, tmp_path: Path) -> None:
    first = _write_notice(tmp_path / "first", "notice.txt", NOTICE)
    assert policykb("ingest", str(first), "--kb", str(tmpfs / "kb")).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    for home in (tmpfs / "kb", tmpfs / "new"):
        _one_error_line(policykb("ingest", str(first), "--kb", str(home)), "不可写",
                        "not writable", str(home))


def test_write_errors_become_storage_errors(small_kb: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no tmpfs can be mounted: the same translation, with the errors injected."""
    kb = KnowledgeBase(small_kb)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kb.records.RecordStore.replace", full)
    with pytest.raises(StorageError, match="磁盘已满"):
        kb.add([make_parsed("other", ["另一份文件的内容:宣传推广由市文旅局牵头。"])])
    monkeypatch.undo()
    assert [meta.doc_id for meta in kb.documents()] == ["notice"]
    assert kb.search("故障测试奖 奖励", k=1)[0].chunk.doc_id == "notice"

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(StorageError, match="not writable"):
        KnowledgeBase(small_kb.parent / "elsewhere")
