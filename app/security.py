"""What guards the HTTP edge: admin token, rate limit, body size, and security headers.

Plain ASGI, so it runs before any route reads a byte of the body: an over-long upload is
refused by its Content-Length header, a client over its rate never reaches the lock.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import math
import re
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MIN_TOKEN_CHARS = 16
# our own pages and the widget: scripts and styles only from here, data only to here
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'self'")
NO_CSP_PREFIXES = ("/chat", "/docs")  # gradio and Swagger UI run inline scripts
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "SAMEORIGIN",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
# who asks questions: the JSON API and the chat page's gradio calls
_PUBLIC_ASK = re.compile(r"^(POST /api/(ask|ask/stream|rewards)|GET /api/search|"
                         r"POST /chat/gradio_api/(queue/join|call/.+|run/.+|api/.+))$")
_ADMIN = {("POST", "/api/documents")}
_ADMIN_PREFIX = ("DELETE", "/api/documents/")
_WITH_BODY = {"POST", "PUT", "PATCH", "DELETE"}
_QUERY = re.compile(r"\?\S*")
# what a proxy says of the client; believed only from POLICYKB_TRUSTED_PROXIES
_FORWARDED = {b"forwarded", b"x-forwarded-for", b"x-forwarded-host", b"x-forwarded-proto",
              b"x-forwarded-port", b"x-forwarded-prefix", b"x-forwarded-server", b"x-real-ip"}


def secret_of(token: SecretStr | str | None) -> str:
    """The configured token as text ("" when none)."""
    if isinstance(token, SecretStr):
        return token.get_secret_value().strip()
    return (token or "").strip()


def check_admin_token(token: str) -> None:
    """Refuse a guessable token at start-up rather than serve with it."""
    if token and len(token) < MIN_TOKEN_CHARS:
        raise ValueError(f"POLICYKB_ADMIN_TOKEN is {len(token)} characters; use at least "
                         f"{MIN_TOKEN_CHARS} (e.g. `python -c 'import secrets; "
                         "print(secrets.token_urlsafe(32))'`)")


def bearer_matches(authorization: str, token: str) -> bool:
    """Constant-time comparison of an `Authorization: Bearer …` header with the token."""
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


class RateLimiter:
    """A token bucket per client: `burst` requests at once, then `per_minute` on average."""

    def __init__(self, per_minute: int, burst: int, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self._max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, updated)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def acquire(self, key: str, now: float | None = None) -> float:
        """0 if `key` may go ahead (one token taken), else seconds until it may."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens = self._tokens(key, now)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self._max_clients:
                    self._forget_idle(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def wait(self, key: str, now: float | None = None) -> float:
        """Seconds until `key` may go ahead, taking nothing (0 if it may now)."""
        if not self.enabled:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens = self._tokens(key, now)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def _tokens(self, key: str, now: float) -> float:
        """The tokens `key` holds at `now`, refilled since its last request (caller locks)."""
        tokens, updated = self._buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - updated) * self.rate)

    def _forget_idle(self, now: float) -> None:
        """Drop clients whose bucket has refilled: memory stays bounded under many IPs."""
        full = self.burst / self.rate
        for key, (_, updated) in list(self._buckets.items()):
            if now - updated >= full:
                del self._buckets[key]
        while len(self._buckets) > self._max_clients:  # all busy: the oldest go first
            del self._buckets[next(iter(self._buckets))]


@dataclass(frozen=True)
class Limits:
    """What the guard enforces; built once from the settings."""

    admin_token: str
    max_request_bytes: int
    max_upload_bytes: int


class Guard:
    """ASGI middleware: admin token, then rate limit, then body size, then the app.

    Wrong admin tokens are counted per client in their own bucket, on whatever the ask limit
    is (even off): past the burst, the client gets 429 until its bucket refills."""

    def __init__(self, app: ASGIApp, limits: Limits, limiter: RateLimiter,
                 admin_failures: RateLimiter) -> None:
        self.app, self.limits, self.limiter = app, limits, limiter
        self.admin_failures = admin_failures

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        client = (scope.get("client") or ("unknown", 0))[0]
        is_admin = (method, path) in _ADMIN or (
            method == _ADMIN_PREFIX[0] and path.startswith(_ADMIN_PREFIX[1]))
        if is_admin:
            refusal = self._refuse_admin(headers.get("authorization", ""), client)
            if refusal is not None:
                await send_json(send, *refusal)
                return
        elif _PUBLIC_ASK.match(f"{method} {path}"):
            wait = self.limiter.acquire(client)
            if wait:
                await send_json(send, *too_many(wait))
                return
        limit = self.limits.max_upload_bytes if is_admin else self.limits.max_request_bytes
        await self._within(limit, headers, scope, receive, send)

    def _refuse_admin(self, authorization: str, client: str) -> tuple[int, str,
                                                                      list[tuple[str, str]]] | None:
        if not self.limits.admin_token:
            return 403, ("文件管理接口未启用 (document upload and delete are off: set "
                         "POLICYKB_ADMIN_TOKEN to turn them on)"), []
        wait = self.admin_failures.wait(client)
        if wait:  # too many wrong tokens: not even the right one is tried until the bucket refills
            return too_many(wait)
        if bearer_matches(authorization, self.limits.admin_token):
            return None
        self.admin_failures.acquire(client)
        self.limiter.acquire(client)  # failed attempts cost the client its ask budget too
        return 401, "需要管理令牌 (an admin token is needed: Authorization: Bearer …)", [
            ("www-authenticate", "Bearer")]

    async def _within(self, limit: int, headers: dict[str, str], scope: Scope,
                      receive: Receive, send: Send) -> None:
        """Refuse a body over `limit` from its header, or while it streams in (chunked)."""
        too_large = (413, f"请求过大: 最多 {limit} 字节 (request body over {limit} bytes)",
                     [("connection", "close")])
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await send_json(send, *too_large)
                return
            await self.app(scope, receive, send)
            return
        if scope["method"] not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
            if len(body) > limit:
                await send_json(send, *too_large)
                return
        await self.app(scope, _replay(bytes(body), receive), send)


def too_many(wait: float) -> tuple[int, str, list[tuple[str, str]]]:
    """429 with the seconds to wait, in the body and in Retry-After."""
    retry = str(max(1, math.ceil(wait)))
    return 429, (f"请求过于频繁, 请 {retry} 秒后再试 (too many requests: retry after {retry} s)"), [
        ("retry-after", retry)]


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the buffered body once, then whatever the client sends next."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def send_json(send: Send, status: int, detail: str,
                    headers: list[tuple[str, str]] | None = None) -> None:
    """A complete JSON response `{"detail": …}`."""
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers or []]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class TrustedProxies:
    """The proxy addresses whose forwarded headers are believed (POLICYKB_TRUSTED_PROXIES)."""

    def __init__(self, addresses: str) -> None:
        try:
            self._networks = tuple(ipaddress.ip_network(part.strip(), strict=False)
                                   for part in addresses.split(",") if part.strip())
        except ValueError as error:
            raise ValueError(f"POLICYKB_TRUSTED_PROXIES: {error} (use addresses or networks "
                             "separated by commas, e.g. 127.0.0.1,10.0.0.0/8)") from None

    def __contains__(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self._networks)


class ForwardedHeaders:
    """ASGI middleware: what a trusted proxy says of the client is believed, nobody else's.

    From a trusted proxy the client address is the last one in X-Forwarded-For that is not
    itself a proxy (so per-client limits work behind nginx), and the scheme its
    X-Forwarded-Proto. From anyone else every forwarded header is dropped before the app sees
    it: gradio builds the page's script root from X-Forwarded-Host, and an attacker's host
    there would load the attacker's scripts."""

    def __init__(self, app: ASGIApp, trusted: TrustedProxies) -> None:
        self.app, self.trusted = app, trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            peer = (scope.get("client") or ("", 0))[0]
            headers = scope["headers"]
            scope = dict(scope)
            if peer in self.trusted:
                forwarded = dict(headers)
                chain = [part.strip() for part in forwarded.get(
                    b"x-forwarded-for", b"").decode("latin-1").split(",") if part.strip()]
                client = next((host for host in reversed(chain) if host not in self.trusted), None)
                if client:
                    scope["client"] = (client, 0)
                proto = forwarded.get(b"x-forwarded-proto", b"").decode("latin-1").strip()
                if proto in ("http", "https"):
                    scope["scheme"] = proto if scope["type"] == "http" else proto.replace("http", "ws")
            else:
                scope["headers"] = [(name, value) for name, value in headers
                                    if name.lower() not in _FORWARDED]
        await self.app(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware adding the security headers (and our CSP on our own pages)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = dict(HEADERS)
        if not scope["path"].startswith(NO_CSP_PREFIXES):
            wanted["content-security-policy"] = CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name.encode(), value.encode()) for name, value in wanted.items()
                         if name.encode() not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


class RedactQueries(logging.Filter):
    """Access-log lines without query strings: a search query is what someone asked."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("?…", arg) if isinstance(arg, str) and "?" in arg
                                else arg for arg in record.args)
        return True


def redact_access_log() -> None:
    """Install `RedactQueries` on uvicorn's access logger once."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactQueries) for f in access.filters):
        access.addFilter(RedactQueries())
