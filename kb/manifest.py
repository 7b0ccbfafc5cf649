"""The index manifest: which embedding model and settings built the data on disk."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from kb.errors import CorruptIndex, EmbeddingMismatch

SCHEMA_VERSION = 2  # 2: vectors carry their document under policykb_doc_id
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """What an index on disk was built with; a mismatch means its vectors are meaningless."""

    embedding_model: str
    dimensions: int
    schema_version: int = SCHEMA_VERSION
    tokenizer: str = "jieba+domain"
    chunking: str = "structure-v1"
    # the tokenizer's dictionary (kb/tokenizer.py `fingerprint`); "" for indexes built before
    # it was recorded: their stored tokens are rebuilt on open
    lexicon: str = ""

    def check_compatible(self, embedding_model: str, dimensions: int, home: Path) -> None:
        """Raise `EmbeddingMismatch` unless this index can be used with that model."""
        if self.schema_version != SCHEMA_VERSION:
            raise CorruptIndex(
                f"index at {home} has schema version {self.schema_version}, this policykb "
                f"reads {SCHEMA_VERSION}: rebuild it with `policykb ingest --rebuild`"
            )
        if (self.embedding_model, self.dimensions) != (embedding_model, dimensions):
            raise EmbeddingMismatch(
                f"index at {home} was built with embedding model {self.embedding_model!r} "
                f"({self.dimensions} dims), but {embedding_model!r} ({dimensions} dims) is "
                "configured: use the same model, or rebuild with `policykb ingest --rebuild`"
            )


def read_manifest(home: Path) -> Manifest | None:
    """The manifest of the index at `home`, or None where none was written yet."""
    path = home / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as error:
        raise CorruptIndex(
            f"cannot read {path} ({error}); rebuild with `policykb ingest --rebuild`"
        ) from error


def write_manifest(home: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (a crash never leaves half a file)."""
    path = home / MANIFEST_NAME
    temporary = path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps(asdict(manifest), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    os.replace(temporary, path)
