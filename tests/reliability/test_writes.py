"""Writes that must not stop or break the service: an upload being embedded, a full disk while
staging, and the staging folders a killed server leaves behind."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingest.pipeline import parse_text
from kb.knowledge_base import KnowledgeBase
from tests.reliability.conftest import AdminSite, cli_env, copy_kb

pytestmark = pytest.mark.slow

NOTICE = "关于读写测试奖的通知\n对获得读写测试奖的企业,一次性给予300万元奖励。(责任单位:市测试局)\n"


def test_reads_go_on_while_an_upload_is_embedded(bundled_home: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.answerer import Answerer
    from app.api import Library

    library = Library(Answerer(KnowledgeBase(copy_kb(bundled_home, tmp_path / "kb"))))
    embedder = library.kb._embedder
    embed_passages = embedder.embed_passages
    embedding, read = threading.Event(), threading.Event()
    order: list[str] = []

    def held_embedding(texts: Any) -> Any:
        embedding.set()
        read.wait(timeout=30)  # were the readers' lock held here, the read would wait this out
        order.append("embedded")
        return embed_passages(texts)

    monkeypatch.setattr(embedder, "embed_passages", held_embedding)
    with ThreadPoolExecutor(max_workers=1) as pool:
        upload = pool.submit(library.add, parse_text(NOTICE, doc_id="upload"))
        assert embedding.wait(timeout=60), "the upload never reached its embedding"
        reply = library.ask("好品山东宣传推广由哪个部门牵头？")
        during = {meta.doc_id for meta in library.documents()}  # what /healthz reads
        order.append("read")
        read.set()
        assert upload.result(timeout=120).added == ["upload"]
    assert order == ["read", "embedded"], "the read waited for the embedding"
    assert "省商务厅牵头" in reply.answer.answer
    assert "upload" not in during  # the old version is served until the swap
    assert "upload" in {meta.doc_id for meta in library.documents()}
    assert library.kb._vectors.ids() == library.kb._records.chunk_ids()


def test_a_full_disk_while_staging_is_507(admin_site: AdminSite, admin: httpx.Client,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: object, source: object, target: Path) -> None:
        with target.open("wb"):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.uploads.UploadFolder._copy", full)  # the server shares this process
    response = admin.post("/api/documents", files={"file": ("full.txt", NOTICE.encode())})
    assert response.status_code == 507, response.text
    assert "磁盘已满" in response.json()["detail"]
    assert not list((admin_site.home / "uploads").glob(".incoming-*"))


_STAGING = """
import sys
from pathlib import Path
from app.uploads import UploadFolder
# an upload whose body never ends: it stays in its staging folder until killed
UploadFolder(Path(sys.argv[1]), 1 << 20, 1 << 20).parse("notice.txt", sys.stdin.buffer, {})
"""


@pytest.fixture
def uploading(tmp_path: Path) -> Iterator[Any]:
    """Start processes that each stage an upload in a folder and stay in the middle of it."""
    started: list[subprocess.Popen[bytes]] = []

    def start(folder: Path) -> tuple[subprocess.Popen[bytes], Path]:
        before = set(folder.glob(".incoming-*")) if folder.is_dir() else set()
        process = subprocess.Popen([sys.executable, "-c", _STAGING, str(folder)],
                                   env=cli_env(), stdin=subprocess.PIPE)
        started.append(process)
        assert process.stdin is not None
        process.stdin.write(NOTICE.encode())
        process.stdin.flush()
        deadline = time.monotonic() + 60
        while True:
            new = [path for path in set(folder.glob(".incoming-*")) - before if path.is_dir()]
            if new and any(path.iterdir() for path in new):
                return process, new[0]
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_a_killed_upload_leaves_no_staging_folder_after_a_restart(
        bundled_home: Path, tmp_path: Path, uploading: Any) -> None:
    from app.answerer import Answerer
    from app.api import create_api
    from app.settings import load_settings

    home = copy_kb(bundled_home, tmp_path / "kb")
    killed, abandoned = uploading(home / "uploads")
    os.kill(killed.pid, signal.SIGKILL)
    assert killed.wait(timeout=30) == -signal.SIGKILL
    living, in_use = uploading(home / "uploads")  # another replica's upload, under way
    assert abandoned.is_dir() and in_use.is_dir()

    create_api(load_settings(home), Answerer(KnowledgeBase(home)), chat_page=False)  # a restart

    assert not abandoned.exists(), "the killed upload's staging folder was left behind"
    assert in_use.is_dir() and living.poll() is None, "a living upload's folder was removed"
    remaining = {path.name for path in (home / "uploads").iterdir()}
    assert remaining <= {in_use.name, in_use.name + ".lock"}, remaining


def test_a_question_is_embedded_before_it_waits_for_the_lock(bundled_home: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Under load, questions queue on the readers' lock; each is embedded before it queues, so
    the lock is held only to search and read, and a repeated question is embedded once."""
    from app.answerer import Answerer
    from app.api import Library

    library = Library(Answerer(KnowledgeBase(copy_kb(bundled_home, tmp_path / "kb"))))
    embedder = library.kb._embedder
    embed_query = embedder.embed_query
    embedded: list[str] = []
    monkeypatch.setattr(embedder, "embed_query",
                        lambda text: embedded.append(text) or embed_query(text))
    with ThreadPoolExecutor(max_workers=1) as pool:
        with library._lock:
            waiting = pool.submit(library.ask, "好品山东宣传推广由哪个部门牵头？")
            for _ in range(600):  # the lock is held: the question can only embed, not answer
                if embedded:
                    break
                time.sleep(0.05)
            assert embedded == ["好品山东宣传推广由哪个部门牵头?"]
            assert not waiting.done()
        assert "省商务厅牵头" in waiting.result(timeout=60).answer.answer
    library.ask("好品山东宣传推广由哪个部门牵头？")
    assert embedded.count("好品山东宣传推广由哪个部门牵头?") == 1


def test_the_health_check_never_waits_for_the_answer_lock(bundled_home: Path,
                                                          tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.answerer import Answerer
    from app.api import create_api
    from app.settings import Settings

    answerer = Answerer(KnowledgeBase(copy_kb(bundled_home, tmp_path / "kb")))
    app = create_api(Settings(home=tmp_path / "kb"), answerer, chat_page=False)
    with TestClient(app) as client, ThreadPoolExecutor(max_workers=1) as pool:
        with app.state.library._lock:  # a question being answered, and more queued behind it
            health = pool.submit(client.get, "/healthz")
            reply = health.result(timeout=30)
        assert reply.status_code == 200
        assert reply.json() == {"status": "ok", "documents": 4}
