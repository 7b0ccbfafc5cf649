"""Which retrieved passages are relevant enough to read facts from."""

from __future__ import annotations

from collections.abc import Sequence

from kb.hit import Hit

# A hit answers only if it holds enough of the question's weight (IDF share of its tokens).
MIN_COVERAGE = 0.42
# ... or less of it, where BM25 and the vectors both rank the hit first
AGREED_MIN_COVERAGE = 0.2


def relevant_hits(hits: Sequence[Hit], min_coverage: float = MIN_COVERAGE) -> list[Hit]:
    """The hits good enough to quote, best first; none means the documents do not say.

    A hit is relevant when it holds enough of the question's weight, or when keywords and
    meaning both rank it first and it holds some of that weight: colloquial questions
    ("评出来", "小问题") share few words with the text they are about.
    """
    agreed = [hit for hit in hits if hit.bm25_rank == 1 and hit.vector_rank == 1
              and hit.coverage >= AGREED_MIN_COVERAGE]
    covered = [hit for hit in hits if hit.coverage >= min_coverage]
    if not covered:
        return agreed
    best = max(hit.coverage for hit in covered)
    return [hit for hit in hits
            if hit.coverage >= max(min_coverage, 0.6 * best) or hit in agreed]
