"""Serving the API, chat page and widget from one uvicorn process."""

from __future__ import annotations

import logging

from app.settings import Settings

log = logging.getLogger(__name__)


def run_server(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Open the knowledge base and serve until interrupted."""
    import uvicorn

    from app.api import create_api
    from app.generation import make_answerer
    from app.library import open_knowledge_base

    app = create_api(settings, answerer=make_answerer(open_knowledge_base(settings), settings))
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    log.info("问答页 chat: http://%s:%d/chat/  演示 demo: http://%s:%d/demo  API: /docs",
             shown, port, shown, port)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
