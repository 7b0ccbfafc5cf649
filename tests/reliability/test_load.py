"""Load: many clients against a real `policykb serve`, also while documents are written, and
answers during a re-ingest."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.reliability.conftest import AdminSite, cli_env, copy_kb
from tests.servers import free_port, wait_until_healthy

pytestmark = pytest.mark.slow
LOADTEST = Path(__file__).resolve().parents[2] / "scripts" / "loadtest.py"


@pytest.fixture(scope="module")
def served(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str,
                                                                                           int]]:
    """`policykb serve` in its own process, rate limit off (every client is 127.0.0.1)."""
    home = copy_kb(bundled_home, tmp_path_factory.mktemp("served") / "kb")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--kb", str(home)],
        env=cli_env(POLICYKB_RATE_LIMIT_PER_MINUTE="0"), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url)
        yield url, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_ten_clients_for_five_seconds_get_no_errors(served: tuple[str, int]) -> None:
    url, pid = served
    run = subprocess.run([sys.executable, str(LOADTEST), "--url", url, "--clients", "10",
                          "--seconds", "5", "--max-requests", "2000", "--pid", str(pid),
                          "--json"], check=False, capture_output=True, text=True, timeout=120)
    result = json.loads(run.stdout)
    assert run.returncode == 0 and result["errors"] == 0, result["error_samples"]
    assert result["requests"] >= 20 and result["p95_ms"] >= result["median_ms"] > 0
    memory = result["rss_mb"]
    assert set(memory) == {"start", "middle", "end"}
    assert memory["end"] < memory["start"] * 1.25  # warm at the start: no growth per request


def test_clients_get_no_errors_during_an_upload_and_an_external_ingest(
        bundled_home: Path, tmp_path: Path) -> None:
    """The operator's load test, briefly: its own server over a copy of the folder, an upload
    and a `policykb ingest` from another process while five clients ask."""
    run = subprocess.run([sys.executable, str(LOADTEST), "--kb", str(bundled_home),
                          "--clients", "5", "--seconds", "5", "--write-after", "1",
                          "--write-passages", "5", "--json"], check=False, capture_output=True,
                         text=True, timeout=900, env=cli_env(TMPDIR=str(tmp_path)))
    assert run.stdout, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert result["errors"] == 0 and result["rate_limited"] == 0, result["error_samples"]
    assert result["requests"] >= 5 and result["p95_ms"] >= result["median_ms"] > 0
    writes = {write["kind"]: write for write in result["writes"]}
    assert set(writes) == {"upload", "external ingest"}
    for write in writes.values():
        assert write["completed"], write["detail"]
        assert write["searchable"] and write["answerable"], write
    # the clients asked until both writes had finished, so every write ran under load
    # (both count from one origin; the run's length is printed to 0.01 s, the writes' ends not)
    assert result["seconds"] >= max(write["finished_s"] for write in writes.values()) - 0.01
    health = result["healthz"]
    assert health["polls"] > 0 and health["failed"] == 0
    assert health["longest_stall_ms"] >= health["p95_ms"] >= health["median_ms"] > 0
    assert not list(tmp_path.glob("policykb-load-*"))  # the copy and the server's log are gone


def test_answers_come_from_the_old_or_new_version_during_a_reingest(admin_site: AdminSite,
                                                                    admin: httpx.Client) -> None:
    question = "可靠性测试奖奖励多少？"

    def notice(amount: str, filler: int) -> bytes:
        lines = ["可靠市关于可靠性测试奖的通知", "一、奖励",
                 f"对获得可靠性测试奖的企业,一次性给予{amount}奖励。(责任单位:市可靠局)"]
        lines += [f"({n})第{n}项可靠性工作要求:加强质量管理,完善标准体系。" for n in range(filler)]
        return "\n".join(lines).encode("utf-8")

    def upload(amount: str, filler: int) -> None:
        response = admin.post("/api/documents", data={"region": "可靠市"},
                              files={"file": ("reliability_notice.txt", notice(amount, filler))})
        assert response.status_code == 201, response.text

    upload("100万元", 0)
    answers: list[tuple[float, int, dict[str, object]]] = []
    stop = threading.Event()

    def reader() -> None:
        with admin_site.client(token=None) as http:
            while not stop.is_set():
                response = http.post("/api/ask", json={"question": question})
                body = response.json() if response.status_code == 200 else {}
                answers.append((time.monotonic(), response.status_code, body))

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for thread in readers:
        thread.start()
    time.sleep(1.0)
    upload("200万元", 30)  # a bigger new version: its embedding takes a while
    swapped = time.monotonic()
    time.sleep(1.0)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)

    assert admin.delete("/api/documents/reliability_notice").status_code == 200
    assert all(status == 200 for _, status, _ in answers)
    versions = []
    for _, _, body in answers:
        text = str(body["answer"])
        assert body["refused"] is False and ("100万元" in text) != ("200万元" in text), text
        versions.append("200万元" in text)
    assert not versions[0] and versions[-1]
    assert all(new for (at, _, _), new in zip(answers, versions) if at > swapped + 0.5)
    assert versions == sorted(versions)  # once the new version answers, the old never again
