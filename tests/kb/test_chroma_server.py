"""Scale-out: vectors in a real `chroma run` server, records in a shared folder, and separate
processes (an ingester and a serving replica) that see each other's work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kb.knowledge_base import KnowledgeBase
from tests.servers import free_port

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
NEW_DOCUMENT = """威海市海洋牧场示范企业奖励办法

第一条 对新认定的国家级海洋牧场示范企业,一次性奖励20万元。
"""
NEW_QUESTION = "海洋牧场示范企业奖励多少？"


def chroma_command() -> str:
    found = shutil.which("chroma") or shutil.which("chroma", path=str(BIN))
    if found is None:
        pytest.fail("`chroma` is not on PATH: it ships with the chromadb package "
                    "(pip install chromadb==1.5.9); this test needs `chroma run`")
    return found


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server on a free loopback port, stopped at teardown."""
    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [chroma_command(), "run", "--path", str(folder / "data"), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, server, folder / "server.log")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_for_heartbeat(url: str, server: subprocess.Popen[bytes], log: Path,
                       seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"chroma run exited with {server.returncode}: {log.read_text()[-500:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"chroma run did not answer its heartbeat within {seconds:g} s")


def policykb(*args: str, env: dict[str, str], **options: Any) -> subprocess.Popen[str]:
    return subprocess.Popen([str(BIN / "policykb"), *args], env=env, text=True, **options)


def run(*args: str, env: dict[str, str]) -> str:
    process = policykb(*args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-2000:]
    return out


class Replica:
    """A long-running `policykb ask --batch` reading questions from its stdin, one at a time."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.process = policykb("ask", "--json", "--kb", str(home), "--batch", "/dev/stdin",
                                env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)

    def ask(self, question: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"question": question}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the replica exited"
        return dict(json.loads(line))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def test_replicas_share_a_chroma_server_and_a_data_folder(chroma_url: str, tmp_path: Path) -> None:
    home = tmp_path / "shared"
    env = {**os.environ, "POLICYKB_CHROMA_URL": chroma_url}
    env.pop("POLICYKB_HOME", None)
    # 1. one process ingests the bundled corpus: records in the folder, vectors on the server
    assert "added 4" in run("ingest", "--kb", str(home), env=env)
    assert (home / "records.sqlite").exists() and not (home / "chroma").exists()
    # 2. another process answers, citing verbatim (a passage question needs the vectors)
    answer = json.loads(run("ask", "--json", "--kb", str(home), "好品山东建设有哪些组织保障？",
                            env=env))
    assert not answer["refused"] and answer["citations"]
    kb = KnowledgeBase(home, chroma_url=chroma_url)
    for citation in answer["citations"]:
        assert citation["quote"] in kb.document(citation["doc_id"]).text
    hits = kb.search("加强组织领导", k=3)
    assert any(hit.vector_rank is not None for hit in hits), "no vector came from the server"
    # 3. a replica started before a new document is ingested answers from it afterwards
    replica = Replica(home, env)
    try:
        before = replica.ask(NEW_QUESTION)
        assert not any("海洋牧场" in c["quote"] for c in before["citations"])
        folder = tmp_path / "new"
        folder.mkdir()
        (folder / "haiyang.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
        assert "added 1" in run("ingest", "--kb", str(home), str(folder), env=env)
        after = replica.ask(NEW_QUESTION)
    finally:
        replica.close()
    assert not after["refused"] and "20万元" in after["answer"]
    assert any("海洋牧场示范企业,一次性奖励20万元" in c["quote"] for c in after["citations"])
