"""Dense vectors in Chroma (embedded on disk, or a Chroma server), through llama-index."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from ingest.document import Chunk

COLLECTION = "policykb_chunks"
# llama-index writes its own "doc_id" (the node's ref_doc_id) into the metadata it stores, so
# our document id lives under a key of its own, or a filter on it matches nothing
DOCUMENT_KEY = "policykb_doc_id"
log = logging.getLogger(__name__)


def _client(path: Path | None, url: str | None) -> Any:
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    assert path is not None
    return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorStore:
    """Chunk vectors keyed by chunk id; a thin layer over llama-index's ChromaVectorStore."""

    def __init__(self, path: Path | None = None, url: str | None = None,
                 collection: str = COLLECTION) -> None:
        self._path, self._url, self._collection_name = path, url, collection
        self._client: Any = None
        self._store: Any = None
        self._collection: Any = None

    def _loaded(self) -> Any:
        if self._store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._client = client = _client(self._path, self._url)
            self._collection = client.get_or_create_collection(
                self._collection_name, metadata={"hnsw:space": "cosine"}
            )
            self._store = ChromaVectorStore(chroma_collection=self._collection)
        return self._store

    def reopen(self) -> None:
        """Read the store afresh at next use: embedded Chroma keeps its index in memory, so the
        vectors another process wrote are not searched until the client is opened again."""
        if self._url is None:
            self.close()

    def close(self) -> None:
        """Release the client; the last one of a folder in this process stops its Chroma system,
        so the next client loads the index from disk."""
        client, self._client = self._client, None
        self._store = self._collection = None
        if client is not None:
            client.close()

    def drop(self) -> None:
        """Delete the whole collection (a rebuild against a Chroma server)."""
        try:
            _client(self._path, self._url).delete_collection(self._collection_name)
        except Exception as error:  # chromadb raises NotFoundError or ValueError by version
            if "does not exist" not in str(error) and "NotFound" not in type(error).__name__:
                raise
        self._store = self._collection = None

    def ids(self) -> set[str]:
        self._loaded()
        return set(self._collection.get(include=[])["ids"])

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Store vectors for chunks (re-adding an id overwrites it)."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                embedding=vector.tolist(),
                metadata={DOCUMENT_KEY: chunk.doc_id},
            )
            for chunk, vector in zip(chunks, vectors)
        ]
        if nodes:
            self._loaded().add(nodes)

    def delete(self, chunk_ids: Sequence[str]) -> None:
        if chunk_ids:
            self._loaded().delete_nodes(node_ids=list(chunk_ids))

    def query(self, vector: np.ndarray, k: int,
              doc_ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The k nearest chunk ids with cosine similarity, optionally within some documents."""
        from llama_index.core.vector_stores.types import (
            FilterOperator,
            MetadataFilter,
            MetadataFilters,
            VectorStoreQuery,
        )

        store = self._loaded()
        filters = None
        if doc_ids is not None:
            if not doc_ids:
                return []
            filters = MetadataFilters(
                filters=[MetadataFilter(key=DOCUMENT_KEY, value=list(doc_ids),
                                        operator=FilterOperator.IN)]
            )
        count = self._collection.count()
        if count == 0:
            return []
        result = store.query(
            VectorStoreQuery(
                query_embedding=vector.tolist(), similarity_top_k=min(k, count), filters=filters
            )
        )
        similarities = result.similarities or [0.0] * len(result.ids or [])
        return list(zip(result.ids or [], similarities))
