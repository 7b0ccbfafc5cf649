"""The project's knowledge of the texts, as data: every vocabulary file under ingest/data.

Department names and aliases, place names, honours, answer kinds and header labels live in
JSON files there. Their fingerprint goes into the index manifest and into every document's
content hash, so a changed vocabulary re-tokenizes the passages and re-extracts the facts
instead of leaving tokens and facts of the old vocabulary behind."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of every vocabulary file."""
    digest = hashlib.sha256()
    folder = resources.files("ingest").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".json"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]
