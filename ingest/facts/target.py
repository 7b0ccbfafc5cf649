"""Goals with their deadline: "到2025年,新增省长质量奖企业20家以上", and goals in words
right after a deadline: "到2030年,成为具备国际竞争力的区域品牌"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.document import content_hash
from ingest.fact import FactKind, Target
from ingest.facts.enumeration import split_items
from ingest.facts.responsibility import parse_units
from ingest.facts.source import Source

_DEADLINE = re.compile(r"到\s*(\d{4})\s*年(?:底|末)?")
# Money is a reward or a budget, not a target: no 万元 here.
_VALUE = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:家|个|项|件|%|％|所|人|名|座|处|批|条)(?![元])"
                    r"(?:以上|左右|以内)?")
_BREAKTHROUGH = "实现零的突破"
# A goal in words: "竞争力位居全国区域品牌前列" / "“好品山东”评价涵盖产品、工程、服务等领域";
# it ends before a comment on it ("…区域品牌这具有科学性、全局性的目标").
_GOAL = re.compile(r"\s*(?P<subject>[^,，]{0,20}?)(?P<goal>(?:成为|位居|涵盖|覆盖|建成|跻身|迈入|进入)"
                   r"[^这,，;；。]+)")
# A new section ends the reach of an earlier "到2025年": "二、主要措施(一)抓质量提升…".
_SECTION = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]")
# Verbs of growth stay in the metric (新增 / 培育); verbs of state are dropped (达到 / 稳定在).
_GROWTH = re.compile(r"^(新增|培育|建设|建成|形成|制定|累计新认定和续展|推动)")
_STATE = re.compile(r"(?:总数|总量)?(?:达到|达|保持在|稳定在|突破|超过|不低于|不少于)$|^(?:力争|争取)")
# a bound is part of the value as written: "驰名商标突破30件" is more than 30, not 30
_BOUND = re.compile(r"(?:突破|超过|不低于|不少于)$")


def extract_targets(source: Source) -> Iterator[Target]:
    """Targets from sentences with a deadline, and from sentences that follow one in a paragraph."""
    for line_start, line_end in source.pieces(0, len(source.text), "\n"):
        row = source.row_at(line_start)
        units = _row_units(row.units.text) if row else ()
        start0, end0 = (row.measure.start, row.measure.end) if row else (line_start, line_end)
        deadline = ""
        for start, end in source.pieces(start0, end0, "。"):
            match = _DEADLINE.search(source.text, start, end)
            if _SECTION.search(source.text, start, end):
                deadline = ""
            if match:
                deadline = match.group(1) + "年"
            if not deadline:
                continue
            anchor = match.start() if match else start
            yield from _from_sentence(source, anchor, end, deadline, units, bool(match))


def _row_units(text: str) -> tuple[str, ...]:
    lead, cooperate, joint = parse_units(text)
    return (*lead, *cooperate, *joint)


def _from_sentence(source: Source, start: int, end: int, deadline: str,
                   units: tuple[str, ...], quote_from_deadline: bool) -> Iterator[Target]:
    """Targets of each clause; a later "到2030年" starts a new deadline and a new quote."""
    quote_start = start
    after_deadline = quote_from_deadline
    for clause_start, clause_end in source.pieces(start, end, ",，;；"):
        clause = source.text[clause_start:clause_end]
        stated = _DEADLINE.search(clause)
        if stated and quote_from_deadline:
            deadline, quote_start, after_deadline = stated.group(1) + "年", clause_start, True
        if _DEADLINE.fullmatch(clause.strip()):
            continue
        span = source.span(quote_start if quote_from_deadline else clause_start, clause_end)
        metrics = _metrics(clause)
        if not metrics and after_deadline:
            yield from _goal(source, span.start, clause_start, clause, deadline, units)
        after_deadline = False
        for metric, value in metrics:
            fact_id = content_hash(source.doc_id, FactKind.TARGET, str(span.start), metric, value)
            yield Target(fact_id, span, metric=metric, value=value, deadline=deadline, units=units)


def _goal(source: Source, quote_start: int, clause_start: int, clause: str, deadline: str,
          units: tuple[str, ...]) -> Iterator[Target]:
    """A goal without a number, right after its deadline: "到2030年,成为具备国际竞争力的区域品牌"."""
    match = _GOAL.match(clause)
    if not match:
        return
    span = source.span(quote_start, clause_start + match.end())
    metric, value = match.group("subject").strip(), match.group("goal").strip()
    fact_id = content_hash(source.doc_id, FactKind.TARGET, str(span.start), metric, value)
    yield Target(fact_id, span, metric=metric, value=value, deadline=deadline, units=units)


def _metrics(clause: str) -> list[tuple[str, str]]:
    """(metric, value) pairs of one clause; 分别 pairs item by item."""
    clause = clause.strip()
    if _BREAKTHROUGH in clause:
        head = _STATE.sub("", clause.split(_BREAKTHROUGH)[0])
        return [(item, _BREAKTHROUGH) for item in split_items(head)]
    values = list(_VALUE.finditer(clause))
    if not values:
        return []
    if "分别" in clause:
        head, _, tail = clause.partition("分别")
        verb = tail[: values[0].start() - len(head) - 2]
        items = split_items(head)
        shared = re.search(r"(以上|左右|以内)$", values[-1].group(0))
        written = [v.group(0) for v in values]
        if shared:
            written = [w if w.endswith(shared.group(1)) else w + shared.group(1) for w in written]
        if len(items) != len(written):
            return []
        prefix = verb if _GROWTH.match(verb) else ""
        return [(prefix + item, value) for item, value in zip(items, written)]
    parts = clause.split("、") if all(_VALUE.search(p) for p in clause.split("、")) else [clause]
    pairs: list[tuple[str, str]] = []
    verb = ""
    for part in parts:
        value = _VALUE.search(part)
        assert value is not None
        bound = _BOUND.search(part[: value.start()].strip())
        metric = _STATE.sub("", (part[: value.start()] + part[value.end():]).strip())
        growth = _GROWTH.match(metric)
        verb = growth.group(1) if growth else verb
        if verb and not growth:
            metric = verb + metric
        if metric:
            pairs.append((metric, (bound.group(0) if bound else "") + value.group(0)))
    return pairs
