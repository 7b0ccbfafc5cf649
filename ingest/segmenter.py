"""Cut a cleaned document into chunks along its own structure: sections, items, table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.cleaner import is_table_row
from ingest.document import Chunk, Document, content_hash
from ingest.outline import is_heading, outline_blocks
from ingest.table import is_header, parse_rows, split_cells

MAX_CHARS = 600
MIN_CHARS = 40
# No chunk is longer, whatever the text: a sentence, a table row or a page dump with no sentence
# end (a 5,000-page PDF once became one 341,669-character chunk) is cut here, so a document
# costs embedding time in proportion to its size, and one passage never holds a whole file.
HARD_MAX_CHARS = 1000
_SENTENCE_END = re.compile(r"[。;;!?!?]+[”’\"]?")
# where an over-long piece is best cut, best first: a line end, a sentence end, a comma, a space
_BREAKS = (("\n",), ("。", ";", ";", "!", "?", "!", "?"), (",", ",", "、"), (" ", "\u3000"))


@dataclass(frozen=True)
class Piece:
    """A chunk before it gets its id: a span of the document and where it sits."""

    start: int
    end: int
    section_path: tuple[str, ...] = ()
    kind: str = "paragraph"
    row: int | None = None
    context: str = ""
    role: str = "text"  # heading | item | text: what a tiny piece may be merged with

    @property
    def size(self) -> int:
        return self.end - self.start


def segment(
    document: Document, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS,
    hard_max_chars: int = HARD_MAX_CHARS,
) -> tuple[Chunk, ...]:
    """Chunks of `document`, none over `hard_max_chars`; each chunk's text is exactly
    `document.text[start:end]`."""
    text = document.text
    pieces: list[Piece] = []
    for kind, start, end, lines in split_regions(text):
        if kind == "table":
            pieces.extend(table_pieces(text, start, lines))
        else:
            pieces.extend(prose_pieces(text, start, end))
    pieces = [trimmed for piece in pieces for trimmed in [trim(text, piece)] if trimmed.size > 0]
    pieces = merge_tiny(split_long(text, pieces, max_chars, min_chars), min_chars)
    pieces = with_leads(text, cap_length(text, pieces, hard_max_chars))
    return build_chunks(document.doc_id, text, pieces)


# "(一)被判处刑罚正在执行…的;" means something only after "…具有下列情形之一的业主不得担任业主
# 委员会成员:": an item is indexed with the line that introduces it (never quoted with it)
_ITEM_START = re.compile(r"^\s*(?:[(（]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]|[①-⑳])")
_LEAD_END = re.compile(r"[:：]\s*$")
_LEAD_CHARS = 100


def with_leads(text: str, pieces: list[Piece]) -> list[Piece]:
    """Items (paragraphs that start "(一)", "(1)" or "①") with the lead sentence that ends in a
    colon before them as their context, where they have none of their own."""
    result, lead = [], ""
    for piece in pieces:
        body = text[piece.start:piece.end]
        if piece.kind != "paragraph":
            lead = ""
        elif _ITEM_START.match(body):
            if lead and not piece.context:
                piece = replace(piece, context=lead)
        else:
            lead = _lead_sentence(body)
        result.append(piece)
    return result


def _lead_sentence(body: str) -> str:
    """The last sentence of a piece where it introduces a list ("…有下列情形之一的:"), else ""."""
    stripped = body.rstrip()
    if not _LEAD_END.search(stripped):
        return ""
    ends = [match.end() for match in _SENTENCE_END.finditer(stripped[:-1])]
    sentence = stripped[ends[-1]:] if ends else stripped
    return sentence.strip()[-_LEAD_CHARS:]


def split_regions(text: str) -> list[tuple[str, int, int, list[tuple[int, str]]]]:
    """Alternate prose and table regions; a table's header line stays with the prose above."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    regions: list[tuple[str, int, int, list[tuple[int, str]]]] = []
    prose_start, run = 0, []
    for offset, line in lines + [(len(text) + 1, "")]:
        if is_table_row(line) and not is_header(split_cells(line)):
            run.append((offset, line))
            continue
        if len(run) >= 2:  # a single pipe line is prose, not a table
            if run[0][0] > prose_start:
                regions.append(("prose", prose_start, run[0][0], []))
            regions.append(("table", run[0][0], run[-1][0] + len(run[-1][1]), run))
            prose_start = run[-1][0] + len(run[-1][1])
        run = []
    if prose_start < len(text):
        regions.append(("prose", prose_start, len(text), []))
    return regions


def table_pieces(text: str, start: int, lines: list[tuple[int, str]]) -> list[Piece]:
    """One piece per data row, with the header and caption above the table as context."""
    above = [line.strip() for line in text[:start].split("\n") if line.strip()]
    header = split_cells(above[-1]) if above and is_header(split_cells(above[-1])) else []
    caption_lines = above[:-1] if header else above
    caption = caption_lines[-1] if caption_lines and "。" not in caption_lines[-1] else ""
    return [
        Piece(row.start, row.end, row.groups, "table_row", row.row, row.context)
        for row in parse_rows(lines, header, caption[:40])
    ]


def prose_pieces(text: str, start: int, end: int) -> list[Piece]:
    """One piece per outline block; a heading's own text carries its heading in the path."""
    blocks = outline_blocks(text, start, end)
    pieces = []
    for index, block in enumerate(blocks):
        heading = is_heading(blocks, index)
        path = block.ancestors + ((block.heading,) if heading else ())
        role = "heading" if heading else "item" if block.kind else "text"
        pieces.append(Piece(block.start, block.end, path, role=role))
    return pieces


def trim(text: str, piece: Piece) -> Piece:
    """Drop surrounding whitespace and stray pipes from a piece's span."""
    start, end = piece.start, piece.end
    while start < end and (text[start].isspace() or text[start] == "|"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "|"):
        end -= 1
    return replace(piece, start=start, end=end)


def split_long(text: str, pieces: list[Piece], max_chars: int, min_chars: int) -> list[Piece]:
    """Split pieces longer than `max_chars` at sentence ends, keeping their section path."""
    result = []
    for piece in pieces:
        if piece.size <= max_chars or piece.kind != "paragraph":
            result.append(piece)
            continue
        cuts = sentence_cuts(text, piece.start, piece.end, max_chars, min_chars)
        for number, (left, right) in enumerate(
            zip([piece.start, *cuts], [*cuts, piece.end], strict=True)
        ):
            part = replace(piece, start=left, end=right, role=piece.role if number == 0 else "text")
            result.append(trim(text, part))
    return result


def sentence_cuts(text: str, start: int, end: int, max_chars: int, min_chars: int) -> list[int]:
    """Cut points at sentence ends so that parts stay under `max_chars` where possible."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text, start, end)]
    ends = [position for position in ends if min_chars <= end - position]
    cuts, last = [], start
    for index, position in enumerate(ends):
        following = ends[index + 1] if index + 1 < len(ends) else end
        if following - last > max_chars and position - last >= min_chars:
            cuts.append(position)
            last = position
    return cuts


def cap_length(text: str, pieces: list[Piece], limit: int) -> list[Piece]:
    """Cut every piece longer than `limit` into parts of at most `limit` characters, each at
    the best break in its second half (`_BREAKS`), else at `limit`; parts keep the section."""
    result = []
    for piece in pieces:
        start = piece.start
        while piece.end - start > limit:
            cut = best_break(text, start + limit // 2, start + limit)
            result.append(trim(text, replace(piece, start=start, end=cut)))
            piece = replace(piece, role="text")
            start = cut
        result.append(trim(text, replace(piece, start=start)))
    return [piece for piece in result if piece.size > 0]


def best_break(text: str, earliest: int, latest: int) -> int:
    """The position just after the best break in text[earliest:latest], or `latest`."""
    for marks in _BREAKS:
        found = max(text.rfind(mark, earliest, latest) for mark in marks)
        if found >= 0:
            return found + 1
    return latest


def merge_tiny(pieces: list[Piece], min_chars: int) -> list[Piece]:
    """Fold a tiny heading into the next piece inside its section, tiny loose text into the
    previous piece of the same section; numbered items stay whole whatever their size."""
    forward: list[Piece] = []
    carry: Piece | None = None
    for piece in pieces:
        inside = carry and piece.section_path[: len(carry.section_path)] == carry.section_path
        if carry and inside and piece.kind == "paragraph":
            piece = replace(piece, start=carry.start)
        elif carry:
            forward.append(carry)
        carry = None
        if piece.size < min_chars and piece.role == "heading":
            carry = piece
        else:
            forward.append(piece)
    if carry:
        forward.append(carry)
    merged: list[Piece] = []
    for piece in forward:
        previous = merged[-1] if merged else None
        loose = piece.size < min_chars and piece.role == "text" and piece.kind == "paragraph"
        if (
            previous
            and loose
            and previous.kind == "paragraph"
            and previous.section_path == piece.section_path
        ):
            merged[-1] = replace(previous, end=piece.end)
        else:
            merged.append(piece)
    return merged


def build_chunks(doc_id: str, text: str, pieces: list[Piece]) -> tuple[Chunk, ...]:
    """Chunks with content-derived ids (doc, section path, text); repeats get a counter."""
    chunks, seen = [], set()
    for piece in pieces:
        chunk_text = text[piece.start : piece.end]
        parts = [doc_id, "\x1e".join(piece.section_path), chunk_text]
        if piece.kind == "paragraph" and piece.context:
            parts.append(piece.context)  # an item's lead is embedded with it: a new lead, a new id
        chunk_id = content_hash(*parts)
        repeat = 1
        while chunk_id in seen:
            chunk_id = content_hash(*parts, str(repeat))
            repeat += 1
        seen.add(chunk_id)
        chunks.append(
            Chunk(
                chunk_id=chunk_id,
                doc_id=doc_id,
                text=chunk_text,
                start=piece.start,
                end=piece.end,
                section_path=piece.section_path,
                row=piece.row,
                kind=piece.kind,
                context=piece.context,
            )
        )
    return tuple(chunks)
