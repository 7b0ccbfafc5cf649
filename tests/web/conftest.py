"""A real server on a loopback port, host pages on other origins, and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.servers import wait_until_healthy

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = "/usr/bin/chromedriver"


@dataclass(frozen=True)
class LiveSite:
    """The API server, and two pages on other origins: one allowed by CORS, one not."""

    url: str
    allowed_page: str
    foreign_page: str


def _bound_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _serve_folder(folder: Path, sock: socket.socket) -> http.server.ThreadingHTTPServer:
    """A static file server on an already bound socket (another origin than the API)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(sock.getsockname(), handler, bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    sock.listen()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _host_page(api_url: str) -> str:
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<title>第三方网站</title></head><body><h1>某区政务服务中心</h1>"
            f"<script src=\"{api_url}/widget.js\" data-title=\"政策问答\"></script></body></html>")


@pytest.fixture(scope="session")
def live_site(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """uvicorn serving `create_api` on 127.0.0.1 in a thread, until the session ends."""
    import uvicorn

    from app.api import create_api
    from app.settings import load_settings

    api_sock, allowed_sock, foreign_sock = _bound_socket(), _bound_socket(), _bound_socket()
    allowed_origin = f"http://127.0.0.1:{allowed_sock.getsockname()[1]}"
    settings = load_settings(bundled_home).model_copy(update={"cors_origins": allowed_origin})
    server = uvicorn.Server(uvicorn.Config(create_api(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [api_sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{api_sock.getsockname()[1]}"
    wait_until_healthy(url)
    pages = tmp_path_factory.mktemp("host_pages")
    (pages / "index.html").write_text(_host_page(url), encoding="utf-8")
    hosts = [_serve_folder(pages, allowed_sock), _serve_folder(pages, foreign_sock)]
    yield LiveSite(url, f"{allowed_origin}/index.html",
                   f"http://127.0.0.1:{foreign_sock.getsockname()[1]}/index.html")
    for host in hosts:
        host.shutdown()
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def client(live_site: LiveSite) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_site.url, timeout=30) as http:
        yield http


def _chromium() -> str:
    found = next((path for path in CHROMIUM if Path(path).exists()), shutil.which("chromium"))
    if not found or not Path(CHROMEDRIVER).exists():
        pytest.fail("Chromium and chromedriver are needed for the browser tests: "
                    "apt-get install -y chromium chromium-driver (and fonts-wqy-microhei "
                    "for readable screenshots)", pytrace=False)
    return found


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Headless Chromium with a fresh profile per test."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _chromium()
    for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,900",
                     f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()

