"""Who leads, cooperates on or shares each task: 牵头 / 配合 / 负责 / 按职责分工负责 / 责任单位."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ingest.department import all_names, split_units
from ingest.document import content_hash
from ingest.fact import FactKind, Responsibility
from ingest.facts.source import Source

# "(责任单位:市市场监管局,各区市政府)" / "(责任部门:…)" closing an item of 001 and 003.
_MARKER = re.compile(r"[(（]\s*责任(?:单位|部门)\s*[:：]\s*([^)）]+?)\s*[)）]")
# Where an item starts: "(1)" / "1 ." / "1." / "第五条"; "1、" only after a full stop, since a
# page break of the sharing site leaves "…推动协同创新\n4、协同制造" mid-sentence.
_ITEM_NUMBER = re.compile(
    r"(?:[(（]\d{1,2}[)）]|(?<![\d.])\d{1,2}[ \t]?[.．](?!\d)|第[一二三四五六七八九十百]+条"
    r"|(?<=[。)）])\d{1,2}、)"
)
# Suffixes of a unit list saying how the units share the work.
_COOPERATE = ("按职责分工负责", "配合", "参与", "协助", "负责")
_GENERIC_UNIT = (
    r"(?:[省市县区]|[\u4e00-\u9fa5]{2,3}[省市县区])(?:委|直)?[\u4e00-\u9fa5]{1,12}?"
    r"(?:局|厅|委员会|委|办公室|办|部|政府|海关|院)"
)


def extract_responsibilities(source: Source) -> Iterator[Responsibility]:
    """Facts from table rows, "(责任单位:…)" items and "X牵头 / X负责" sentences."""
    yield from _from_rows(source)
    yield from _from_markers(source)
    yield from _from_sentences(source)


def parse_units(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """"X牵头,Y、Z配合" -> (lead, cooperate, joint); a list without 牵头 never gets a lead."""
    text = text.strip().rstrip("。.")
    if "牵头" in text:
        lead_text, _, rest = text.partition("牵头")
        rest = rest.strip(",，;； ")
        for suffix in _COOPERATE:
            if rest.endswith(suffix):
                rest = rest[: -len(suffix)]
                break
        return tuple(split_units(lead_text)), tuple(split_units(rest)), ()
    suffix = next((s for s in ("按职责分工负责", "负责") if text.endswith(s)), "")
    names = tuple(split_units(text[: len(text) - len(suffix)]))
    if suffix == "负责" and len(names) == 1:
        return names, (), ()  # "省市场监管局负责": the one unit in charge
    return (), (), names


def _make(source: Source, start: int, end: int, task: str, heading: str,
          units: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> Responsibility:
    lead, cooperate, joint = units
    span = source.span(start, end)
    fact_id = content_hash(source.doc_id, FactKind.RESPONSIBILITY, str(span.start),
                           "、".join(lead), "、".join(cooperate), "、".join(joint))
    return Responsibility(fact_id, span, task=task, heading=heading,
                          lead=lead, cooperate=cooperate, joint=joint)


def _from_rows(source: Source) -> Iterator[Responsibility]:
    for row in source.rows:
        units = parse_units(row.units.text)
        if not any(units):
            continue
        task = _first_sentence(row.measure.text)
        yield _make(source, row.start, row.end, task, row.heading, units)


def _from_markers(source: Source) -> Iterator[Responsibility]:
    bound = 0
    for match in _MARKER.finditer(source.text):
        item_start = _item_start(source, bound, match.start())
        bound = match.end()
        units = parse_units(match.group(1))
        body = source.text[item_start:match.start()]
        task = _first_sentence(_ITEM_NUMBER.sub("", body, count=1) if _ITEM_NUMBER.match(
            body.lstrip()) else body)
        heading = source.heading_before(item_start)
        yield _make(source, item_start, match.end(), task, heading, units)


def _item_start(source: Source, bound: int, end: int) -> int:
    """Start of the numbered item that ends at `end`: its last item number after `bound`."""
    starts = [m.start() for m in _ITEM_NUMBER.finditer(source.text, bound, end)]
    if starts:
        return starts[-1]
    # No number: the sentence that follows the last full stop before `end`.
    last_stop = max(source.text.rfind(stop, bound, end) for stop in "。;；")
    return last_stop + 1 if last_stop >= 0 else bound


@lru_cache(maxsize=1)
def _sentence_pattern() -> re.Pattern[str]:
    known = "|".join(re.escape(n) for n in sorted(all_names(), key=len, reverse=True))
    unit = f"(?:{known}|{_GENERIC_UNIT})"
    units = f"{unit}(?:[、,，和及]{unit})*"
    # A unit list starts a clause or follows 由: "本办法由市市场监督管理局负责解释".
    start = r"(?:(?<=由)|(?<![\u4e00-\u9fa5]))"
    return re.compile(
        rf"{start}(?P<lead>{units})牵头[,，]?(?P<cooperate>{units})(?:配合|参与|协助|按职责分工负责)"
        rf"|{start}(?P<owners>{units})(?P<how>按职责分工)?负责(?P<task>[^。;；]*)"
    )


def _from_sentences(source: Source) -> Iterator[Responsibility]:
    """"市市场监管局负责统筹协调、指导推进各项工作" / "本办法由市市场监督管理局负责解释"."""
    for start, end in source.sentences():
        if _MARKER.search(source.text, start, end):
            continue
        match = _sentence_pattern().search(source.text, start, end)
        if not match:
            continue
        sentence = source.text[start:end]
        units: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
        if match.group("lead"):
            units = (tuple(split_units(match.group("lead"))),
                     tuple(split_units(match.group("cooperate"))), ())
            task = sentence[match.end() - start:].strip(",，: ") or sentence
        else:
            owners = tuple(split_units(match.group("owners")))
            shared = bool(match.group("how")) or len(owners) > 1
            units = ((), (), owners) if shared else (owners, (), ())
            task = match.group("task").strip(",，: ") or sentence[: match.start() - start]
        task = _ITEM_NUMBER.sub("", task.strip(), count=1) if _ITEM_NUMBER.match(task) else task
        yield _make(source, start, end, _first_sentence(task), source.heading_before(start), units)


def _first_sentence(text: str) -> str:
    return re.split(r"[。;；]", text.strip(), maxsplit=1)[0].strip(" ,，")
