"""The text facts are read from: offsets, sentences, table rows, headings and spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from ingest.document import Chunk, Document, Span

# A numbered table row of 000: "3 | 到2025年,新增… | 省工业和信息化厅、省市场监管局按职责分工负责 | | |"
_ROW = re.compile(r"^[ \t]*(\d{1,3})[ \t]*\|(.*)$", re.MULTILINE)
# Headings that carry a group of items: "(一)构建…" / "(-)抓质量提升…" (OCR) / a short "1.全力推进…" line.
_PAREN_HEADING = re.compile(r"[(（][一二三四五六七八九十\-]{1,3}[)）][^。\n|]{2,40}")
_LINE_HEADING = re.compile(r"^[ \t]*\d{1,2}[ \t]*[.．、][^\n。]{2,40}$", re.MULTILINE)
_WHITESPACE = " \t\r\n\u3000"


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableRow:
    """One numbered row: its cells, its group heading (carried down from earlier rows)."""

    number: int
    start: int
    end: int  # end of the last non-empty cell
    cells: tuple[Cell, ...]  # non-empty cells after the row number
    heading: str
    part: str

    @property
    def units(self) -> Cell:
        return self.cells[-1]

    @property
    def measure(self) -> Cell:
        """The longest cell before the units: the measure text."""
        body = self.cells[:-1] or self.cells
        return max(body, key=lambda cell: len(cell.text))


class Source:
    """A document with its chunks, for extractors to locate and quote text."""

    def __init__(self, document: Document, chunks: Sequence[Chunk] = ()) -> None:
        self.document = document
        self.text = document.text
        self.doc_id = document.doc_id
        self.chunks = sorted(chunks, key=lambda chunk: (chunk.start, -chunk.end))

    def chunk_at(self, position: int) -> Chunk | None:
        """The narrowest chunk that contains `position`."""
        containing = [c for c in self.chunks if c.start <= position < c.end]
        return min(containing, key=lambda c: c.end - c.start) if containing else None

    def span(self, start: int, end: int) -> Span:
        """A verbatim span, trimmed of surrounding whitespace, with its chunk provenance."""
        while start < end and self.text[start] in _WHITESPACE:
            start += 1
        while end > start and self.text[end - 1] in _WHITESPACE:
            end -= 1
        chunk = self.chunk_at(start)
        row = self.row_at(start)
        return Span(
            doc_id=self.doc_id,
            start=start,
            end=end,
            quote=self.text[start:end],
            chunk_id=chunk.chunk_id if chunk else "",
            section_path=chunk.section_path if chunk else (),
            row=(chunk.row if chunk and chunk.row is not None else (row.number if row else None)),
        )

    def pieces(self, start: int, end: int, separators: str = "。;；\n") -> Iterator[tuple[int, int]]:
        """(start, end) of the non-blank pieces of text[start:end] cut at `separators`."""
        piece_start = start
        for index in range(start, end + 1):
            if index == end or self.text[index] in separators:
                if self.text[piece_start:index].strip(_WHITESPACE):
                    yield piece_start, index
                piece_start = index + 1

    def sentences(self) -> Iterator[tuple[int, int]]:
        """Sentences outside table rows (rows are read cell by cell)."""
        for start, end in self.pieces(0, len(self.text)):
            if self.row_at(start) is None:
                yield start, end

    @cached_property
    def rows(self) -> tuple[TableRow, ...]:
        rows: list[TableRow] = []
        heading = part = ""
        for match in _ROW.finditer(self.text):
            cells = _cells(match.group(2), match.start(2))
            if len(cells) < 2:
                continue
            for cell in cells[:-2]:
                if _PAREN_HEADING.fullmatch(cell.text):
                    heading = cell.text
                elif len(cell.text) <= 6:
                    part, heading = cell.text, ""
            rows.append(TableRow(int(match.group(1)), match.start(), cells[-1].end,
                                 tuple(cells), heading, part))
        return tuple(rows)

    @cached_property
    def _row_starts(self) -> list[int]:
        return [row.start for row in self.rows]

    def row_at(self, position: int) -> TableRow | None:
        """The table row whose text contains `position`."""
        index = bisect_right(self._row_starts, position) - 1
        if index < 0:
            return None
        row = self.rows[index]
        line_end = self.text.find("\n", row.start)
        return row if position < (line_end if line_end >= 0 else len(self.text)) else None

    def heading_before(self, position: int) -> str:
        """The nearest group heading before `position`: the chunk's, else one found in the text."""
        chunk = self.chunk_at(position)
        if chunk and chunk.section_path:
            return chunk.section_path[-1]
        candidates = [
            match for pattern in (_PAREN_HEADING, _LINE_HEADING)
            for match in pattern.finditer(self.text, 0, position)
        ]
        if not candidates:
            return ""
        return max(candidates, key=lambda match: match.start()).group(0).strip()


def _cells(body: str, offset: int) -> list[Cell]:
    cells: list[Cell] = []
    position = 0
    for raw in body.split("|"):
        stripped = raw.strip(_WHITESPACE)
        if stripped:
            start = offset + position + raw.index(stripped)
            cells.append(Cell(start, start + len(stripped), stripped))
        position += len(raw) + 1
    return cells
