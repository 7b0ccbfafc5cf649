"""The extractive answer from retrieved passages: the best sentences, quoted verbatim."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.answer import REFUSAL, Answer
from app.citer import Citer, document_label
from ingest.document import Span
from kb.hit import Hit

Tokenize = Callable[[str], list[str]]

# A hit answers only if it holds enough of the question's weight (IDF share of its tokens).
MIN_COVERAGE = 0.42
# ... or less of it, where BM25 and the vectors both rank the hit first
AGREED_MIN_COVERAGE = 0.2
_MAX_PASSAGES = 4
_MAX_QUOTE = 220
# sentence ends of policy prose; a table row is quoted whole
_SENTENCE_END = re.compile(r"[。;；!?！？]")


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


def best_span(hit: Hit, query_tokens: set[str], tokenize: Tokenize) -> Span:
    """The sentences of a chunk that carry the most query tokens, as a verbatim span."""
    chunk = hit.chunk
    if chunk.kind == "table_row" or len(chunk.text) <= _MAX_QUOTE:
        start, end = 0, len(chunk.text)
    else:
        start, end = _best_window(chunk.text, query_tokens, tokenize)
    text = chunk.text[start:end]
    # trim the white space a sentence split leaves, keeping offsets exact
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    absolute = chunk.start + start + lead
    return Span(
        doc_id=chunk.doc_id, start=absolute, end=absolute + len(text), quote=text,
        chunk_id=chunk.chunk_id, section_path=chunk.section_path, row=chunk.row,
    )


def _best_window(text: str, query_tokens: set[str],
                 tokenize: Tokenize) -> tuple[int, int]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    scored = [
        (len(query_tokens & set(tokenize(text[a:b]))), -a, a, b) for a, b in bounds if b > a
    ]
    _, _, best_start, best_end = max(scored)
    # widen to the next sentence where the best one is short, so the quote reads on its own
    for a, b in bounds:
        if a == best_end and b - best_start <= _MAX_QUOTE:
            best_end = b
            break
    return best_start, best_end


def answer_from_passages(question: str, intent: str, hits: Sequence[Hit], tokenize: Tokenize,
                         must_match: re.Pattern[str] | None = None) -> Answer:
    """Quote the relevant passages, each naming its document; refuse where none is relevant.

    `must_match` keeps only passages that hold what the question asks for (an amount, for
    "奖励多少"): a passage about the topic that lacks it does not answer.
    """
    chosen = relevant_hits(hits)
    if must_match is not None:
        chosen = [hit for hit in chosen if must_match.search(hit.chunk.text)]
    chosen = chosen[:_MAX_PASSAGES]
    if not chosen:
        return Answer(question=question, answer=REFUSAL, refused=True, intent=intent)
    query_tokens = set(tokenize(question))
    citer = Citer({hit.meta.doc_id: hit.meta for hit in chosen})
    lines = ["根据已收录文件,相关规定如下:"]
    for hit in chosen:
        span = best_span(hit, query_tokens, tokenize)
        if any(c.doc_id == span.doc_id and c.quote == span.quote for c in citer.citations):
            continue
        number = citer.cite(span)
        section = " / ".join(hit.chunk.section_path)
        where = f"{document_label(hit.meta)}{' ' + section if section else ''}"
        lines.append(f"{number} {where}:“{span.quote}”")
    return Answer(question=question, answer="\n".join(lines), refused=False, intent=intent,
                  citations=tuple(citer.citations))
