"""Find the numbered headings and items of policy prose and nest them into an outline."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
# Marker kinds, each with the policy-text pattern it is for.
_MARKERS = re.compile(
    "|".join(
        (
            rf"(?P<chapter>第[{_CN}百零]+[编章节])",  # 第一章 总则
            rf"(?P<article>第[{_CN}百零]+条)",  # 第三条 …
            rf"(?P<cn>[{_CN}]{{1,3}}、)",  # 一、总体目标
            rf"(?P<paren_cn>\([{_CN}]{{1,3}}\))",  # (二)强化政策支持
            r"(?P<num>\d{1,2} ?\.(?!\d))",  # 1.全力推进… / 1 .开展制造业…
            r"(?P<num_dun>\d{1,2}、)",  # 1、…
            r"(?P<paren_num>\(\d{1,2}\))",  # (1)建设“质量强国标杆城市”…
            rf"(?P<ordinal>[{_CN}]{{1,3}}是)",  # 一是坚持市场主导… (inline, in 002)
        )
    )
)
# Kinds that always open a section; the others are items unless they have children.
HEADING_KINDS = frozenset({"chapter", "cn", "paren_cn"})
# A marker starts a heading or item only after a line start, a space, or the end of a
# sentence or of a "(责任单位:…)" note: "…。1 .开展…", "…局)2 .开展…", "如下。 一、起草背景".
_BOUNDARY = set("\n \t。;;::!?!?))")
_TEXT_START = re.compile(r"\s*[\u4e00-\u9fff“《\"]")
_HEADING_END = re.compile(r"[。;;\n]| (?=\S)")
HEADING_MAX = 30
# a short title written with spaces between its characters, as laws set "总 则" and "附 则"
_SPACED_OUT = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,5}(?=[ \t\u3000]*(?:\n|$))")


def without_marker(heading: str) -> str:
    """A heading without the marker that numbers it: "(二)优化市场准入环境" -> "优化市场准入环境"."""
    text = heading.strip()
    marker = _MARKERS.match(text)
    return text[marker.end():].strip() if marker else text


@dataclass(frozen=True)
class Block:
    """Text from one marker to the next, with the headings it sits under."""

    start: int
    end: int
    kind: str  # a marker kind, or "" for text before the first marker
    heading: str  # short heading text, e.g. "(二)强化政策支持"
    ancestors: tuple[str, ...]
    depth: int


def find_markers(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every heading or item marker in `text[start:end]`."""
    end = len(text) if end is None else end
    found: list[tuple[str, int, int]] = []
    for match in _MARKERS.finditer(text, start, end):
        kind = match.lastgroup or ""
        if not _TEXT_START.match(text, match.end()):
            continue
        if _at_boundary(text, match.start(), start) or _after_short_heading(
            text, kind, match, found
        ):
            found.append((kind, match.start(), match.end()))
    return found


def outline_blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Cut `text[start:end]` at its markers; nest kinds in order of first appearance."""
    end = len(text) if end is None else end
    markers = find_markers(text, start, end)
    blocks: list[Block] = []
    first = markers[0][1] if markers else end
    if text[start:first].strip():
        blocks.append(Block(start, first, "", "", (), 0))
    stack: list[tuple[str, str]] = []
    for index, (kind, marker_start, _) in enumerate(markers):
        block_end = markers[index + 1][1] if index + 1 < len(markers) else end
        kinds = [entry[0] for entry in stack]
        if kind in kinds:  # a sibling: close everything from the earlier one down
            del stack[kinds.index(kind) :]
        ancestors = tuple(entry[1] for entry in stack)
        heading = short_heading(text, marker_start, block_end)
        stack.append((kind, heading))
        blocks.append(Block(marker_start, block_end, kind, heading, ancestors, len(stack)))
    return blocks


def is_heading(blocks: list[Block], index: int) -> bool:
    """A block opens a section if its kind always does, or if the next block is its child."""
    block = blocks[index]
    if block.kind in HEADING_KINDS:
        return True
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return bool(block.kind) and following is not None and following.depth > block.depth


def short_heading(text: str, start: int, end: int) -> str:
    """The heading up to its first 。/; or line end, at most HEADING_MAX characters."""
    marker = _MARKERS.match(text, start)
    body_start = marker.end() if marker else start
    while body_start < end and text[body_start] in " \t":  # "第一章 总则": the space is not an end
        body_start += 1
    spaced = _SPACED_OUT.match(text, body_start, end)
    if spaced:  # "第一章 总 则", "第七章 法 律 责 任": a title spaced out, to its line end
        return text[start:spaced.end()].strip()[:HEADING_MAX]
    stop = _HEADING_END.search(text, body_start, end)
    stop_at = stop.start() if stop else end
    return text[start:stop_at].strip()[:HEADING_MAX]


def _at_boundary(text: str, position: int, region_start: int) -> bool:
    return position == region_start or text[position - 1] in _BOUNDARY


def _after_short_heading(
    text: str, kind: str, match: re.Match[str], found: list[tuple[str, int, int]]
) -> bool:
    """ "二、主要措施(一)抓质量…": a (一) right after a short 一、 heading, no stop between."""
    if kind != "paren_cn" or not found or found[-1][0] != "cn":
        return False
    between = text[found[-1][2] : match.start()]
    return len(between) <= 12 and not re.search(r"[。;;\n]", between)
