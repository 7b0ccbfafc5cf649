"""Private copies of the bundled knowledge base, served by real uvicorn servers on loopback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tests.servers import wait_until_healthy

ADMIN_TOKEN = "reliability-admin-token-0123456789"
DATASET = Path(__file__).resolve().parents[2] / "evals" / "data" / "policy_qa.jsonl"
# questions about the bundled documents that documents added by the tests do not touch
STABLE_QUESTIONS = ("resp-001", "resp-002", "duty-001", "reward-004", "qual-008",
                    "target-001", "gen-004", "none-002")


def stable_questions() -> list[str]:
    items = [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    by_id = {item["id"]: item["question"] for item in items}
    return [by_id[key] for key in STABLE_QUESTIONS]


def answer_key(body: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """What must not change: the answer text and the documents it cites."""
    return body["answer"], tuple(c["doc_id"] for c in body["citations"])


def copy_kb(source: Path, target: Path) -> Path:
    """A private copy of a knowledge base folder; the records through SQLite's backup API."""
    target.mkdir(parents=True)
    shutil.copy2(source / "manifest.json", target / "manifest.json")
    shutil.copytree(source / "chroma", target / "chroma")
    with sqlite3.connect(source / "records.sqlite") as old, \
            sqlite3.connect(target / "records.sqlite") as new:
        old.backup(new)
    return target


@contextmanager
def serving(app: Any, config: Any = None) -> Iterator[str]:
    """`app` on a loopback port in a thread, under `config` (a uvicorn.Config; a default one
    if none); yields its URL, stops it afterwards."""
    import uvicorn

    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(config or uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        wait_until_healthy(url)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def policykb(*args: str, timeout: float = 300, **extra: Any) -> subprocess.CompletedProcess[str]:
    """Run the real `policykb` command line."""
    return subprocess.run([sys.executable, "-m", "app.cli", *args], check=False,
                          capture_output=True,
                          text=True, timeout=timeout, env=cli_env(), **extra)


def cli_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKB_")}
    return {**env, **settings}


@dataclass(frozen=True)
class AdminSite:
    """A server with the admin endpoints on and no rate limit, over its own writable KB."""

    url: str
    home: Path
    answerer: Any

    def client(self, token: str | None = ADMIN_TOKEN) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, timeout=60, headers=headers)


@pytest.fixture(scope="session")
def admin_site(bundled_home: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[AdminSite]:
    from app.answerer import Answerer
    from app.api import create_api
    from app.settings import load_settings
    from kb.knowledge_base import KnowledgeBase

    home = copy_kb(bundled_home, tmp_path_factory.mktemp("admin") / "kb")
    settings = load_settings(home).model_copy(update={
        "admin_token": SecretStr(ADMIN_TOKEN), "rate_limit_per_minute": 0})
    answerer = Answerer(KnowledgeBase(home), top_k=settings.top_k)
    with serving(create_api(settings, answerer, chat_page=False)) as url:
        yield AdminSite(url, home, answerer)


@pytest.fixture
def admin(admin_site: AdminSite) -> Iterator[httpx.Client]:
    with admin_site.client() as http:
        yield http
