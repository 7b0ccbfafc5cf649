"""What `loadtest.py` runs beside the questions: its own `policykb serve` over a copy of a data
folder, an upload through the API, an external `policykb ingest`, and a `/healthz` probe."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))  # this checkout's packages, as the processes started run
from evals.metrics import percentile
from kb.folder_lock import WRITE_LOCK_NAME, FolderLock

log = logging.getLogger("loadtest")
# high enough that every client on this one address measures capacity, not the limiter
RATE_LIMIT = {"POLICYKB_RATE_LIMIT_PER_MINUTE": "1000000", "POLICYKB_RATE_LIMIT_BURST": "100000"}


def child_env(**settings: str) -> dict[str, str]:
    """The environment of a started `policykb`: no inherited POLICYKB_* settings, this
    checkout's code first on the path, then `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLICYKB_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY), env.get("PYTHONPATH")]))
    return {**env, **settings}


def policykb(*args: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *args]


def copy_kb(source: Path, target: Path) -> None:
    """Copy a data folder while no one writes to it (the records through SQLite's backup);
    a folder with no records leaves `target` empty, and the server builds the bundled corpus."""
    target.mkdir(parents=True)
    if not (source / "records.sqlite").is_file():
        log.info("no knowledge base in %s: serving the bundled corpus", source)
        return
    log.info("copying %s", source)
    waiting = f"waiting for the ingest or upload writing to {source} before copying it"
    with FolderLock(source / WRITE_LOCK_NAME).held(300, waiting=waiting):
        shutil.copy2(source / "manifest.json", target / "manifest.json")
        shutil.copytree(source / "chroma", target / "chroma")
        with sqlite3.connect(source / "records.sqlite") as old, \
                sqlite3.connect(target / "records.sqlite") as new:
            old.backup(new)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """`policykb serve` on a loopback port over `work`/kb, admin token set, limit raised."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.home = work / "kb"
        self.token = secrets.token_urlsafe(24)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.pid: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        port = self.url.rsplit(":", 1)[1]
        server_log = (self.work / "server.log").open("wb")
        self._process = subprocess.Popen(
            policykb("serve", "--port", port, "--kb", str(self.home)),
            env=child_env(POLICYKB_ADMIN_TOKEN=self.token, **RATE_LIMIT),
            stdout=server_log, stderr=subprocess.STDOUT)
        self.pid = self._process.pid
        log.info("server %s (process %d, log %s)", self.url, self.pid, server_log.name)
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self, seconds: float = 900) -> None:
        deadline = time.monotonic() + seconds  # an empty folder first builds the bundled corpus
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the server did not answer /healthz in {seconds:g} s")

    def log_tail(self, lines: int = 5) -> str:
        return " | ".join((self.work / "server.log").read_text(errors="replace")
                          .splitlines()[-lines:])

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._process is None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def clean(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def notice(name: str, amount: str, items: int) -> str:
    """A notice granting `amount` for the honour `name`, with `items` numbered requirements
    (each one passage to embed)."""
    lines = [f"负载市关于{name}的通知", "一、奖励",
             f"对获得{name}的企业,一次性给予{amount}奖励。(责任单位:市负载局)", "二、工作要求"]
    lines += [f"({n})第{n}项{name}工作要求:加强质量管理,完善标准体系,按季度报送第{n}批材料。"
              for n in range(1, items + 1)]
    return "\n".join(lines) + "\n"


@dataclass
class Write:
    """One document written during the load, and what became of it."""

    kind: str  # "upload" (POST /api/documents) or "external ingest" (another process)
    name: str  # the honour it rewards: in its title, its passages and its question
    amount: str
    started_s: float = 0.0  # from the start of the load
    finished_s: float = 0.0
    completed: bool = False
    detail: str = ""
    searchable: bool = False  # /api/search finds a passage of it
    answerable: bool = False  # /api/ask answers its question with its amount, citing it

    @property
    def question(self) -> str:
        return f"获得{self.name}奖励多少？"

    def check(self, url: str) -> None:
        """Whether the server now finds and answers from this document."""
        with httpx.Client(base_url=url, timeout=60) as http:
            hits = http.get("/api/search", params={"q": self.name, "k": 5}).json()["hits"]
            self.searchable = any(self.name in hit["title"] for hit in hits)
            body = http.post("/api/ask", json={"question": self.question}).json()
        self.answerable = (not body["refused"] and self.amount in body["answer"]
                           and any(self.name in c["title"] for c in body["citations"]))

    def describe(self) -> str:
        outcome = "completed" if self.completed else f"FAILED ({self.detail})"
        return (f"{self.kind}: {outcome}, {self.started_s:.1f}-{self.finished_s:.1f} s into the "
                f"load; searchable {self.searchable}, answered {self.answerable}")


def upload(served: Served, write: Write, text: str, origin: float, delay: float) -> Write:
    time.sleep(delay)
    log.info("upload of %s starts", write.name)
    write.started_s = time.monotonic() - origin
    headers = {"Authorization": f"Bearer {served.token}"}
    try:
        response = httpx.post(f"{served.url}/api/documents", headers=headers, timeout=900,
                              files={"file": (f"{write.name}.txt", text.encode("utf-8"))})
        write.completed = response.status_code == 201
        write.detail = f"HTTP {response.status_code} {response.text[:200]}"
    except httpx.HTTPError as error:
        write.detail = f"{type(error).__name__}: {error}"
    write.finished_s = time.monotonic() - origin
    log.info("upload finished: %s", write.detail[:80])
    return write


def external_ingest(served: Served, write: Write, text: str, origin: float,
                    delay: float) -> Write:
    path = served.work / "external" / f"{write.name}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    time.sleep(delay)
    log.info("policykb ingest of %s starts", write.name)
    write.started_s = time.monotonic() - origin
    run = subprocess.run(policykb("ingest", str(path), "--kb", str(served.home)),
                         env=child_env(), capture_output=True, text=True, timeout=900,
                         check=False)
    write.finished_s = time.monotonic() - origin
    write.completed = run.returncode == 0 and run.stdout.startswith("added 1,")
    write.detail = (run.stdout.strip() or run.stderr.strip()[-300:]).splitlines()[0][:200]
    log.info("policykb ingest finished: %s", write.detail[:80])
    return write


def start_writes(served: Served, after: float, items: int,
                 origin: float) -> list[asyncio.Task[Write]]:
    """The upload `after` seconds from `origin` (now), and the external ingest a second later;
    their times count from `origin`."""
    uploaded = Write("upload", "负载上传测试奖", "317万元")
    ingested = Write("external ingest", "负载导入测试奖", "429万元")
    return [
        asyncio.create_task(asyncio.to_thread(
            upload, served, uploaded, notice(uploaded.name, uploaded.amount, items), origin,
            after)),
        asyncio.create_task(asyncio.to_thread(
            external_ingest, served, ingested, notice(ingested.name, ingested.amount, items),
            origin, after + 1)),
    ]


class HealthProbe:
    """Asks `/healthz` every `interval` seconds on its own connection and thread; a stall is
    how long one poll waited for its answer."""

    def __init__(self, url: str, interval: float = 0.1, timeout: float = 60) -> None:
        self.url, self.interval, self.timeout = url, interval, timeout
        self.polls: list[tuple[float, float, bool]] = []  # (at s, waited ms, answered 200)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._origin = 0.0

    def start(self) -> None:
        self._origin = time.monotonic()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=self.timeout) as http:
            while not self._stop.is_set():
                sent = time.monotonic()
                try:
                    answered = http.get("/healthz").status_code == 200
                except httpx.HTTPError:
                    answered = False
                waited = time.monotonic() - sent
                self.polls.append((sent - self._origin, waited * 1000, answered))
                self._stop.wait(max(0.0, self.interval - waited))

    def summary(self) -> dict[str, Any]:
        waits = [waited for _, waited, _ in self.polls]
        at, longest, _ = max(self.polls, key=lambda poll: poll[1], default=(0.0, 0.0, True))
        slowest = sorted(self.polls, key=lambda poll: -poll[1])[:10]
        return {"polls": len(self.polls), "failed": sum(not ok for _, _, ok in self.polls),
                "longest_stall_ms": round(longest, 1), "longest_stall_at_s": round(at, 1),
                "median_ms": round(percentile(waits, 0.5) or 0.0, 1),
                "p95_ms": round(percentile(waits, 0.95) or 0.0, 1),
                "slowest": [[round(at, 1), round(waited)] for at, waited, _ in slowest]}
