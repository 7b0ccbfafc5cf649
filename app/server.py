"""Serving the API, chat page and widget from one uvicorn process."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.settings import Settings

log = logging.getLogger(__name__)


class IdleLimitedH11(H11Protocol):
    """uvicorn's h11 protocol, with a deadline for a request's headers as well.

    uvicorn times out a keep-alive connection only after a response; a connection that never
    completes a request would stay open forever (20,000 of them exhaust the file descriptors).
    Here every connection must complete its request headers within the idle timeout after it
    opens or after its last response."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()

    def _arm_header_deadline(self) -> None:
        self.loop.call_later(self.timeout_keep_alive, self._close_if_waiting, self.cycle)

    def _close_if_waiting(self, cycle_then: Any) -> None:
        """Close unless a new request's headers came in since the deadline was armed."""
        if self.cycle is cycle_then and not self.transport.is_closing():
            self.transport.close()


def server_config(settings: Settings, app: Any, host: str = "127.0.0.1", port: int = 8000,
                  **extra: Any) -> uvicorn.Config:
    """uvicorn with the connection limits of the settings (docs/deployment.md)."""
    return uvicorn.Config(
        app, host=host, port=port, http=IdleLimitedH11,
        limit_concurrency=settings.max_connections,
        h11_max_incomplete_event_size=settings.max_header_bytes,
        timeout_keep_alive=settings.idle_timeout_seconds,
        # the client address comes from app.security.ForwardedHeaders, which believes
        # X-Forwarded-For from POLICYKB_TRUSTED_PROXIES only
        proxy_headers=False, server_header=False, **extra)


def run_server(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Open the knowledge base and serve until interrupted."""
    from app.api import create_api
    from app.generation import make_answerer
    from app.library import open_knowledge_base

    app = create_api(settings, answerer=make_answerer(open_knowledge_base(settings), settings))
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    log.info("问答页 chat: http://%s:%d/chat/  演示 demo: http://%s:%d/demo  API: /docs",
             shown, port, shown, port)
    uvicorn.Server(server_config(settings, app, host, port, log_level="info")).run()
