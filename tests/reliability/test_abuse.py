"""Abuse at the HTTP edge: rate limit, request size, admin token, CORS and headers."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from app.security import RateLimiter, bearer_matches, check_admin_token
from tests.reliability.conftest import ADMIN_TOKEN, AdminSite, serving

QUESTION = "好品山东宣传推广由哪个部门牵头？"
BURST = 3


def test_the_bucket_allows_a_burst_then_the_rate() -> None:
    limiter = RateLimiter(per_minute=60, burst=BURST)
    assert [limiter.acquire("a", now=0.0) for _ in range(BURST)] == [0.0] * BURST
    assert limiter.acquire("a", now=0.0) == pytest.approx(1.0)  # one a second
    assert limiter.acquire("b", now=0.0) == 0.0  # other clients are not affected
    assert limiter.acquire("a", now=1.0) == 0.0
    assert RateLimiter(per_minute=0, burst=1).acquire("a") == 0.0  # off


def test_the_bucket_forgets_idle_clients() -> None:
    limiter = RateLimiter(per_minute=60, burst=2, max_clients=100)
    for number in range(1000):
        limiter.acquire(f"10.0.{number // 250}.{number % 250}", now=float(number))
    assert len(limiter._buckets) <= 101


def test_tokens_are_compared_whole_and_short_ones_refused() -> None:
    assert bearer_matches(f"Bearer {ADMIN_TOKEN}", ADMIN_TOKEN)
    assert not bearer_matches(f"Bearer {ADMIN_TOKEN[:-1]}", ADMIN_TOKEN)
    assert not bearer_matches(f"Basic {ADMIN_TOKEN}", ADMIN_TOKEN)
    assert not bearer_matches("Bearer ", "")
    with pytest.raises(ValueError, match="at least 16"):
        check_admin_token("short")


@pytest.fixture(scope="module")
def limited(admin_site: AdminSite) -> Iterator[str]:
    """The same knowledge base behind a strict edge: a small burst, 1 KB bodies, no admin."""
    from app.api import create_api
    from app.settings import load_settings

    settings = load_settings(admin_site.home).model_copy(update={
        "rate_limit_per_minute": 30, "rate_limit_burst": BURST, "max_request_bytes": 1024,
        "cors_origins": "https://allowed.example"})
    with serving(create_api(settings, admin_site.answerer, chat_page=False)) as url:
        yield url


def _from(address: str) -> httpx.Client:
    """A client on its own loopback address: a rate limit is per client IP."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


@pytest.mark.slow
def test_a_client_over_its_rate_gets_429_with_retry_after(limited: str) -> None:
    with _from("127.0.0.2") as greedy, _from("127.0.0.3") as other:
        codes = [greedy.post(f"{limited}/api/ask", json={"question": QUESTION}).status_code
                 for _ in range(BURST)]
        refused = greedy.post(f"{limited}/api/ask/stream", json={"question": QUESTION})
        assert codes == [200] * BURST and refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert "retry after" in refused.json()["detail"]
        assert greedy.get(f"{limited}/api/search", params={"q": "奖励"}).status_code == 429
        assert greedy.get(f"{limited}/healthz").status_code == 200  # not an ask endpoint
        assert other.post(f"{limited}/api/ask", json={"question": QUESTION}).status_code == 200


@pytest.mark.slow
def test_a_body_over_the_limit_is_413_before_it_is_read(limited: str) -> None:
    with _from("127.0.0.4") as http:
        response = http.post(f"{limited}/api/ask", json={"question": "奖" * 2000})
        assert response.status_code == 413 and "1024" in response.json()["detail"]
        chunked = http.post(f"{limited}/api/ask", content=iter([b'{"question": "', b"x" * 2000,
                                                                 b'"}']),
                            headers={"content-type": "application/json"})
        assert chunked.status_code == 413
        assert http.post(f"{limited}/api/ask", json={"question": QUESTION}).status_code == 200
    # the declared length alone is enough: the server answers without waiting for the body
    host, port = limited.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 209715200\r\n\r\n{\"question\": \"")
        assert raw.recv(200).startswith(b"HTTP/1.1 413")


@pytest.mark.slow
def test_admin_endpoints_are_off_without_a_token(limited: str) -> None:
    with _from("127.0.0.5") as http:
        upload = http.post(f"{limited}/api/documents", files={"file": ("a.txt", b"text")},
                           headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        delete = http.delete(f"{limited}/api/documents/000_7d6cf43977e1ccb8")
        for response in (upload, delete):
            assert response.status_code == 403
            assert "POLICYKB_ADMIN_TOKEN" in response.json()["detail"]
        assert http.get(f"{limited}/api/documents/000_7d6cf43977e1ccb8").status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token-wrong-token", ADMIN_TOKEN,
                                           f"Basic {ADMIN_TOKEN}"])
def test_admin_endpoints_need_the_bearer_token(admin_site: AdminSite,
                                               authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    with httpx.Client(base_url=admin_site.url, headers=headers, timeout=30) as http:
        upload = http.post("/api/documents", files={"file": ("a.txt", "奖励".encode())})
        delete = http.delete("/api/documents/000_7d6cf43977e1ccb8")
    for response in (upload, delete):
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    with admin_site.client() as http:  # nothing happened
        assert http.get("/api/documents/000_7d6cf43977e1ccb8").status_code == 200


@pytest.mark.slow
def test_cors_never_lets_another_site_use_the_admin_token(limited: str) -> None:
    with _from("127.0.0.6") as http:
        preflight = http.options(f"{limited}/api/documents/x", headers={
            "Origin": "https://allowed.example", "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "authorization"})
        foreign = http.options(f"{limited}/api/ask", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "DELETE" not in preflight.headers.get("access-control-allow-methods", "")
    assert "authorization" not in preflight.headers.get("access-control-allow-headers", "")
    assert "access-control-allow-origin" not in foreign.headers


@pytest.mark.slow
def test_responses_carry_security_headers(limited: str) -> None:
    with _from("127.0.0.7") as http:
        for path in ("/demo", "/source", "/api/documents", "/widget.js"):
            response = http.get(f"{limited}{path}")
            assert response.headers["x-content-type-options"] == "nosniff", path
            assert response.headers["x-frame-options"] == "SAMEORIGIN", path
            assert "script-src 'self'" in response.headers["content-security-policy"], path
        refused = http.post(f"{limited}/api/ask", content=b"x" * 2000)
        assert refused.status_code == 413 and refused.headers["x-content-type-options"]
