"""Rows of pipe-rendered tables, each knowing its group headings and column names."""

from __future__ import annotations

from dataclasses import dataclass

# A table in a policy text (000): "序号 | 重点任务 | 责任单位 | ||" then rows
# "10 | (六)做好“好品山东”宣传推广 | 以“好品山东”标识为载体… | 省商务厅牵头,…配合 |".
# Group cells (主要措施, (六)…) appear only in a group's first row; later rows have fewer cells.


@dataclass(frozen=True)
class TableRow:
    """One data row: where its line stands, its 序号, and the groups it belongs to."""

    start: int
    end: int
    row: int
    groups: tuple[str, ...]
    context: str


def split_cells(line: str) -> list[str]:
    """Filled cells of a pipe row, trimmed."""
    return [cell.strip() for cell in line.split("|") if cell.strip()]


def is_header(cells: list[str]) -> bool:
    """A header row names columns; its first cell is not a row number."""
    return len(cells) >= 2 and not cells[0].isdigit()


def parse_rows(
    lines: list[tuple[int, str]], header: list[str], caption: str = ""
) -> list[TableRow]:
    """Rows from (offset, line) pairs; missing group cells inherit the last ones seen."""
    parsed = []
    for position, (offset, line) in enumerate(lines, start=1):
        cells = split_cells(line)
        numbered = cells[0].isdigit()
        parsed.append((offset, line, int(cells[0]) if numbered else position, cells[numbered:]))
    data_width = min(len(rest) for *_, rest in parsed)
    slots = max(len(rest) for *_, rest in parsed) - data_width
    current = [""] * slots
    rows = []
    for offset, line, number, rest in parsed:
        given = rest[: len(rest) - data_width]
        # right-aligned: a lone group cell is the deepest one, "(六)做好…", not the part
        current[slots - len(given) :] = given
        groups = tuple(value for value in current if value)
        text = line.rstrip(" |")
        rows.append(
            TableRow(
                offset, offset + len(text), number, groups, row_context(header, groups, caption)
            )
        )
    return rows


def row_context(header: list[str], groups: tuple[str, ...], caption: str = "") -> str:
    """What a row needs to be read alone: the table, its group heading, the column names."""
    parts = [caption] if caption else []
    group_column = header[1] if len(header) > 2 and header[0] == "序号" else "分组"
    if groups:
        parts.append(f"{group_column}:{' '.join(groups)}")
    if header:
        parts.append(f"{header[-1]}列见行尾" if groups else "列:" + " | ".join(header))
    return " | ".join(parts)
