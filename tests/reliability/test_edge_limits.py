"""The HTTP edge under a real uvicorn with the settings' limits: admin guessing throttled,
X-Forwarded-For believed from the configured proxy only, connections, headers and idle time
bounded, /docs without a CDN (issue 11: Medium 8, 10, Low)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from app.security import TrustedProxies
from tests.reliability.conftest import ADMIN_TOKEN, AdminSite, serving

pytestmark = pytest.mark.slow
QUESTION = "好品山东宣传推广由哪个部门牵头？"


@contextmanager
def uvicorn_serving(admin_site: AdminSite, **settings: Any) -> Iterator[str]:
    """The app under uvicorn as `policykb serve` configures it (app.server.server_config)."""
    from app.api import create_api
    from app.server import server_config
    from app.settings import load_settings

    config = load_settings(admin_site.home).model_copy(update=settings)
    app = create_api(config, admin_site.answerer, chat_page=False)
    with serving(app, server_config(config, app, log_level="warning")) as url:
        yield url


def _from(address: str, **headers: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30,
                        headers=headers)


def test_admin_token_guessing_is_throttled_even_with_the_ask_limit_off(
        admin_site: AdminSite) -> None:
    with uvicorn_serving(admin_site, admin_token=ADMIN_TOKEN, rate_limit_per_minute=0,
                         admin_failures_per_minute=1, admin_failure_burst=3) as url:
        with _from("127.0.0.8", Authorization="Bearer guess-guess-guess-guess") as guesser:
            codes = [guesser.delete(f"{url}/api/documents/x").status_code for _ in range(5)]
            assert codes == [401, 401, 401, 429, 429]
            refused = guesser.delete(f"{url}/api/documents/x")
            assert int(refused.headers["retry-after"]) >= 1
            # locked out: not even the right token is tried
            right = guesser.delete(f"{url}/api/documents/x",
                                   headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
            assert right.status_code == 429
        with _from("127.0.0.9", Authorization=f"Bearer {ADMIN_TOKEN}") as admin:
            assert admin.delete(f"{url}/api/documents/x").status_code == 404  # other clients go on


def test_the_client_address_comes_from_the_trusted_proxy_only(admin_site: AdminSite) -> None:
    with uvicorn_serving(admin_site, rate_limit_per_minute=1, rate_limit_burst=2,
                         trusted_proxies="127.0.0.10") as url:
        def ask(http: httpx.Client, forwarded_for: str) -> int:
            return http.post(f"{url}/api/ask", json={"question": QUESTION},
                             headers={"X-Forwarded-For": forwarded_for}).status_code

        with _from("127.0.0.10") as proxy:  # two clients behind the proxy: two budgets
            assert [ask(proxy, "203.0.113.1") for _ in range(3)] == [200, 200, 429]
            assert ask(proxy, "203.0.113.2") == 200
            assert ask(proxy, "198.51.100.9, 203.0.113.3") == 200  # the proxy's own hop counts
        with _from("127.0.0.11") as spoofer:  # not the proxy: its header is ignored
            assert [ask(spoofer, f"192.0.2.{n}") for n in range(3)] == [200, 200, 429]


def test_trusted_proxies_take_addresses_and_networks() -> None:
    trusted = TrustedProxies("127.0.0.1, 10.0.0.0/8")
    assert "127.0.0.1" in trusted and "10.1.2.3" in trusted
    assert "127.0.0.2" not in trusted and "not-an-ip" not in trusted
    with pytest.raises(ValueError, match="POLICYKB_TRUSTED_PROXIES"):
        TrustedProxies("localhost")


def _raw(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes `sock` within `seconds` (any bytes it sends are read)."""
    sock.settimeout(seconds)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            if sock.recv(65536) == b"":
                return True
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return False


def test_idle_and_unfinished_connections_are_closed(admin_site: AdminSite) -> None:
    with uvicorn_serving(admin_site, idle_timeout_seconds=1) as url:
        with _raw(url) as silent, _raw(url) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # headers never finished
            assert _closed_within(silent, 5) and _closed_within(slow, 5)
        with _raw(url) as kept:  # after a response, the same idle time applies
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            assert kept.recv(100).startswith(b"HTTP/1.1 200")
            assert _closed_within(kept, 5)


def test_an_oversized_header_is_refused_before_it_is_buffered(admin_site: AdminSite) -> None:
    with uvicorn_serving(admin_site, max_header_bytes=8 * 1024) as url:
        with _raw(url) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
            try:
                for _ in range(64):  # up to 1 MiB of one header, never finished
                    sock.sendall(b"a" * 16384)
            except (BrokenPipeError, ConnectionResetError):
                pass
            sock.settimeout(5)
            try:
                answer = sock.recv(200)
            except ConnectionResetError:
                answer = b""
            assert answer == b"" or answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 431"))
        assert httpx.get(f"{url}/healthz", headers={"X-Ok": "a" * 4000}).status_code == 200


def test_connections_over_the_limit_get_503(admin_site: AdminSite) -> None:
    with uvicorn_serving(admin_site, max_connections=3, idle_timeout_seconds=30) as url:
        held = [_raw(url) for _ in range(3)]
        try:
            time.sleep(0.3)
            assert httpx.get(f"{url}/healthz", timeout=10).status_code == 503
        finally:
            for sock in held:
                sock.close()
        time.sleep(0.3)
        assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200


def test_docs_load_swagger_ui_from_this_server(admin_site: AdminSite) -> None:
    with uvicorn_serving(admin_site) as url:
        page = httpx.get(f"{url}/docs", timeout=30)
        assert page.status_code == 200
        assert "cdn" not in page.text.lower() and "https://" not in page.text
        for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"):
            response = httpx.get(f"{url}{asset}", timeout=30)
            assert response.status_code == 200 and len(response.content) > 10_000
        assert httpx.get(f"{url}/openapi.json", timeout=30).json()["paths"]["/api/ask"]
