"""BM25 keyword index over jieba tokens (bm25s), with per-token IDF for coverage scores."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np


class BM25:
    """Okapi BM25 over pre-tokenised chunks; rebuilt whenever the knowledge base changes."""

    def __init__(self, corpus_tokens: Sequence[Sequence[str]]) -> None:
        import bm25s

        self._size = len(corpus_tokens)
        self._retriever = bm25s.BM25()
        if self._size:
            self._retriever.index([list(t) or [""] for t in corpus_tokens], show_progress=False)
        frequencies: Counter[str] = Counter()
        for tokens in corpus_tokens:
            frequencies.update(set(tokens))
        # the same smoothed IDF as Lucene: never negative, rare terms weigh most
        self._idf = {
            token: math.log(1 + (self._size - df + 0.5) / (df + 0.5))
            for token, df in frequencies.items()
        }
        self._unseen_idf = math.log(1 + (self._size + 0.5) / 0.5)

    def idf(self, token: str) -> float:
        """IDF of a token; a token no chunk contains weighs as the rarest possible."""
        return self._idf.get(token, self._unseen_idf)

    def known(self, token: str) -> bool:
        return token in self._idf

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk, in corpus order."""
        known = [token for token in query_tokens if token in self._idf]
        if not self._size or not known:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)
