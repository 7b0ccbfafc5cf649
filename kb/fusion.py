"""Reciprocal rank fusion of several rankings (Cormack et al., 2009)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

RRF_K = 60


def fuse_rankings(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Items of all rankings, best first, scored by the sum of 1 / (k + rank)."""
    scores: dict[int, float] = defaultdict(float)
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] += 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
