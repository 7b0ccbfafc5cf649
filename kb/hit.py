"""A retrieved chunk with the document it belongs to and how it was found."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.document import Chunk, DocumentMeta


@dataclass(frozen=True)
class Hit:
    """One search result; `coverage` is the share of the query's weight the chunk contains."""

    chunk: Chunk
    meta: DocumentMeta
    score: float  # fused (reciprocal rank) score
    coverage: float = 0.0  # IDF-weighted share of query tokens present in the chunk
    bm25_rank: int | None = None
    vector_rank: int | None = None
    vector_similarity: float | None = None
