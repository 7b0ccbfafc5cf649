"""Who leads, cooperates on or shares each task: 牵头 / 配合 / 负责 / 按职责分工负责 / 责任单位.

Units are known by the structure of the text (a list closed by 牵头/配合/负责落实, a label such as
牵头单位:, a clause opened by 由) and by how a unit's name ends (ingest.department.looks_like_unit),
never by a list of units, so a document from another province names its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingest.department import looks_like_unit, split_units
from ingest.document import content_hash
from ingest.fact import FactKind, Responsibility
from ingest.facts.source import Source

Units = tuple[str, ...]
Roles = tuple[Units, Units, Units]  # lead, cooperate, joint

# Where an item starts: "(1)" / "1 ." / "1." / "第五条" / "(一)" opening a line; "1、" only after a
# full stop, since a page break of the sharing site leaves "…推动协同创新\n4、协同制造" mid-sentence.
_ITEM_NUMBER = re.compile(
    r"(?:[(（]\d{1,2}[)）]|(?<![\d.])\d{1,2}[ \t]?[.．](?!\d)|第[一二三四五六七八九十百]+条"
    r"|(?<=[。)）])\d{1,2}、|(?m:^)[ \t\u3000]*[(（][一二三四五六七八九十]{1,3}[)）])"
)
# A role named by its label: "(牵头单位:市商务局  责任单位:市编办、市发改委)", "(责任部门:…)".
_LABEL = re.compile(r"(牵头|主办|责任|配合|协办|参与)(?:单位|部门)\s*[:：]")
_LEAD_LABELS = ("牵头", "主办")
_COOPERATE_LABELS = ("配合", "协办", "参与")
# How a list of units ends: "X、Y按职责分工负责" / "X、Y负责落实" share; "Y、Z配合" cooperate.
_SUFFIXES = ("按职责分工负责落实", "按职责分工负责", "负责落实", "共同负责", "分别负责", "负责",
             "配合", "参与", "协助")
_COOPERATE_SUFFIXES = ("配合", "参与", "协助")
# Brackets that close an item with its units: ( ) （ ） 〔 〕 【 】.
_OPENERS = {")": "(（", "）": "(（", "〕": "〔", "】": "【"}  # closing bracket -> its openers
# In a sentence: the verb after the units ("市市场监管局负责统筹协调"), never 负责人, 负责制, 牵头单位.
_VERB = re.compile(r"牵头(?!单位|部门|领导|事项)|负责(?!人|同志|制)")
_COOPERATE_VERB = re.compile(r"按职责分工负责|配合|参与|协助|负责")
# "本办法由市市场监督管理局负责解释", "交由夏县电商协会具体负责运营"; not 自由, 缘由, 由于.
_BY = re.compile(r"(?:交|均|统一|并|全|主要|具体)?(?<![自缘事经])由(?!于|此|衷)")
# Words between the units and the verb: "夏县电商协会具体负责", "X、Y按职责分工负责".
_ADVERBS = re.compile(r"(?:具体|主要|全面|统一|共同|分别|各自|按照?职责分工|按职责|要|将|应当?|须|需"
                      r"|也|还|均|仍|继续|切实)+$")
# "负责侨务工作的机构", "国务院负责特种设备安全监督管理的部门应当…" describe a unit, assign no task.
_RELATIVE = re.compile(r"的[\u4e00-\u9fa5]{0,6}(?:机构|部门|机关)(?=$|应当?|可以|要|发现|依法|按照|会同|负责|有权)")
_CONNECTIVES = re.compile(r"^(?:同时|并且?|另外|此外|其中|还|再)")
_CLAUSE_ENDS = ",，:：;；"
# Verbs saying what the task is, not which: "省质监局负责落实" takes its task from elsewhere.
_EMPTY_TASKS = ("", "落实", "实施", "执行", "组织实施", "具体实施")
# Where a note names units after a verb: "具体任务均涉及相关市(州)人民政府".
_NAMING = re.compile(r"涉及|包括|由|需|请|交")


@dataclass(frozen=True)
class _Annotation:
    """Units written after the item they belong to: in brackets, or as a sentence of their own."""

    start: int
    end: int
    roles: Roles
    carried: Units  # named by a "下同" note: units of this item and of every later one


def extract_responsibilities(source: Source) -> Iterator[Responsibility]:
    """Facts from table rows, units written after an item, and "X牵头 / 由X负责" sentences."""
    annotations = _annotations(source)
    yield from _from_rows(source)
    yield from _from_annotations(source, annotations)
    yield from _from_sentences(source, annotations)


def parse_units(text: str) -> Roles:
    """"X牵头,Y、Z配合" -> (lead, cooperate, joint); without 牵头 only a lone "X负责" leads."""
    text = text.strip().rstrip("。.")
    if "牵头" in text:
        lead_text, _, rest = text.partition("牵头")
        rest, _ = _strip_suffix(rest.strip(",，;； "), _SUFFIXES)
        return tuple(split_units(lead_text)), tuple(split_units(rest)), ()
    body, suffix = _strip_suffix(text, _SUFFIXES)
    names = tuple(split_units(body))
    if suffix in _COOPERATE_SUFFIXES:
        return (), names, ()
    if suffix in ("负责", "负责落实") and len(names) == 1:
        return names, (), ()  # "省市场监管局负责": the one unit in charge
    return (), (), names


def _strip_suffix(text: str, suffixes: Sequence[str]) -> tuple[str, str]:
    suffix = next((s for s in suffixes if text.endswith(s)), "")
    return text[: len(text) - len(suffix)], suffix


def _listed_roles(text: str) -> Roles | None:
    """Roles of a text that is only units and how they share: "区环保局牵头,区水务局配合"."""
    text = text.strip().rstrip("。.")
    if "牵头" not in text and not text.endswith(_SUFFIXES):
        return None
    roles = parse_units(text)
    names = [name for group in roles for name in group]
    return roles if names and all(looks_like_unit(name) for name in names) else None


def _labelled_roles(text: str) -> Roles:
    """"牵头单位:市商务局  责任单位:市编办、市发改委": 责任单位 beside a lead cooperate with it."""
    lead: list[str] = []
    cooperate: list[str] = []
    joint: list[str] = []
    labels = list(_LABEL.finditer(text))
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        value = text[label.end(): following.start() if following else len(text)]
        if label.group(1) in _LEAD_LABELS:
            lead += split_units(value)
        elif label.group(1) in _COOPERATE_LABELS:
            cooperate += split_units(_strip_suffix(value.strip(), _SUFFIXES)[0])
        else:
            for group, names in zip((lead, cooperate, joint), parse_units(value), strict=True):
                group += names
    if lead:
        cooperate, joint = cooperate + joint, []
    return tuple(lead), tuple(cooperate), tuple(joint)


def _read_annotation(content: str) -> tuple[Roles, Units] | None:
    """Roles and carried units of "责任单位:X、Y按职责分工负责。具体任务均涉及Z,不再做分工,下同。"."""
    main, *notes = [part for part in re.split("。", content) if part.strip()] or [""]
    clauses = [part.strip() for part in re.split("[,，]", main)]
    carry_main = len(clauses) > 1 and clauses[-1] == "下同"  # "(责任单位:各区县政府,下同)"
    if carry_main:
        main = main[: main.rstrip().rfind("下同") - 1]
    roles = _labelled_roles(main) if _LABEL.match(main.strip()) else _listed_roles(main)
    if roles is None or not any(roles):
        return None
    carried = [name for group in roles for name in group] if carry_main else []
    extra: list[str] = []
    for note in notes:
        (carried if "下同" in note else extra).extend(_named_units(note))
    return _with_units(roles, tuple(extra)), tuple(carried)


def _named_units(note: str) -> list[str]:
    """Units a note names after a verb: "具体任务均涉及相关市(州)人民政府,不再做分工,下同"."""
    found: list[str] = []
    for clause in re.split("[,，;；]", note):
        naming = list(_NAMING.finditer(clause))
        names_text = clause[naming[-1].end():] if naming else clause
        names = split_units(_strip_suffix(names_text.strip(), _SUFFIXES)[0])
        if names and all(looks_like_unit(name) for name in names):
            found += names
    return found


def _with_units(roles: Roles, extra: Units) -> Roles:
    """Add units not yet named: beside a lead they cooperate, otherwise they share."""
    lead, cooperate, joint = roles
    named = {*lead, *cooperate, *joint}
    new = tuple(dict.fromkeys(name for name in extra if name not in named))
    return (lead, cooperate + new, joint) if lead else (lead, cooperate, joint + new)


def _bracket_pairs(text: str) -> Iterator[tuple[int, int]]:
    """(open, close) of each closed bracket pair, inner pairs first."""
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in "(（〔【":
            opened.append(index)
        elif char in _OPENERS:
            while opened and text[opened[-1]] not in _OPENERS[char]:
                opened.pop()  # an unclosed "(" of another kind inside
            if opened:
                yield opened.pop(), index


def _annotations(source: Source) -> list[_Annotation]:
    """"(区环保局牵头,区水务局配合)" / "〔责任单位:…〕" after an item, or a sentence of units."""
    found: list[_Annotation] = []
    for open_at, close_at in _bracket_pairs(source.text):
        if close_at - open_at > 400 or source.row_at(open_at) is not None:
            continue
        read = _read_annotation(source.text[open_at + 1:close_at])
        if read is not None:
            found.append(_Annotation(open_at, close_at + 1, *read))
    found = [a for a in found if not any(b.start < a.start and a.end < b.end for b in found)]
    # "省质监局、工业和信息化厅、科技厅、省政府国资委负责落实。" as a paragraph under its task.
    for start, end in source.pieces(0, len(source.text), "。\n"):
        if source.row_at(start) is not None or any(a.start < end and start < a.end for a in found):
            continue
        read = _read_annotation(source.text[start:end])
        if read is not None and all(looks_like_unit(name) for group in read[0] for name in group):
            found.append(_Annotation(start, end, *read))
    return sorted(found, key=lambda annotation: annotation.start)


def _make(source: Source, start: int, end: int, task: str, heading: str,
          units: Roles) -> Responsibility:
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


def _from_annotations(source: Source, annotations: Sequence[_Annotation]) -> Iterator[Responsibility]:
    """Each annotation with the item before it; units a "下同" note names join every later item."""
    bound = 0
    carried: Units = ()
    for annotation in annotations:
        item_start = _item_start(source, bound, annotation.start)
        bound = annotation.end
        carried = tuple(dict.fromkeys((*carried, *annotation.carried)))
        task = _first_sentence(_strip_number(source.text[item_start:annotation.start]))
        if not task:
            continue
        heading = source.heading_before(item_start)
        yield _make(source, item_start, annotation.end, task, heading,
                    _with_units(annotation.roles, carried))


def _item_start(source: Source, bound: int, end: int) -> int:
    """Start of the numbered item that ends at `end`: its last item number after `bound`."""
    starts = [m.start() for m in _ITEM_NUMBER.finditer(source.text, bound, end)]
    if starts:
        return starts[-1]
    # No number: the sentence that follows the last full stop before `end`.
    last_stop = max(source.text.rfind(stop, bound, end) for stop in "。;；")
    return last_stop + 1 if last_stop >= 0 else bound


def _from_sentences(source: Source, annotations: Sequence[_Annotation]) -> Iterator[Responsibility]:
    """"市市场监管局负责统筹协调…" / "本办法由市市场监督管理局负责解释" / "X牵头,Y配合"."""
    for start, end in source.sentences():
        position = start
        for verb in _VERB.finditer(source.text, start, end):
            if verb.start() < position or any(a.start <= verb.start() < a.end for a in annotations):
                continue
            stated = _stated(source.text, start, end, verb)
            if stated is not None:
                units, task, position = stated
                yield _make(source, start, end, task, source.heading_before(start), units)


def _stated(text: str, start: int, end: int, verb: re.Match[str]) -> tuple[Roles, str, int] | None:
    """Units before `verb` in its clause, and the task after it (or before the units)."""
    clause_start = max([start] + [text.rfind(c, start, verb.start()) + 1 for c in _CLAUSE_ENDS])
    before = text[clause_start:verb.start()]
    adverbs = _ADVERBS.search(before)
    how = adverbs.group(0) if adverbs else ""
    before = before[: len(before) - len(how)]
    by = list(_BY.finditer(before))
    names_text = before[by[-1].end():] if by else _CONNECTIVES.sub("", _strip_number(before))
    # "司法行政部门会同有关部门负责": the first leads, those it acts with cooperate.
    lead_text, _, partners_text = names_text.partition("会同")
    names, partners = _units_in(lead_text), _units_in(partners_text)
    task_start = verb.end()
    task = re.split(f"[{_CLAUSE_ENDS}]", text[task_start:end], maxsplit=1)[0].strip()
    if not names or (partners_text and not partners) or _RELATIVE.search(task):
        return None
    roles: Roles = ((), (), names)
    if verb.group() == "牵头":
        task_start, cooperate = _cooperating(text, verb.end(), end)
        task = re.split(f"[{_CLAUSE_ENDS}]", text[task_start:end], maxsplit=1)[0].strip()
        roles = (names, partners + cooperate, ())
    elif partners or ("分工" not in how and len(names) == 1):
        roles = (names, partners, ())
    if task in _EMPTY_TASKS:
        object_before = text[start:clause_start] + (before[: by[-1].start()] if by else "")
        task = _strip_number(object_before).strip(_CLAUSE_ENDS + " ") or task
    return roles, _first_sentence(task), task_start


def _units_in(text: str) -> Units:
    """The units of a list, or () when one of its names is no unit."""
    names = tuple(split_units(text))
    return names if all(looks_like_unit(name) for name in names) else ()


def _cooperating(text: str, after: int, end: int) -> tuple[int, Units]:
    """After "X牵头": ",Y、Z配合" -> (end of 配合, (Y, Z)); no such list -> (after, ())."""
    verb = _COOPERATE_VERB.search(text, after, end)
    if verb is None:
        return after, ()
    listed = text[after:verb.start()].strip(_CLAUSE_ENDS + " ")
    listed = listed[: len(listed) - len(m.group(0))] if (m := _ADVERBS.search(listed)) else listed
    names = _units_in(listed)
    return (verb.end(), names) if names else (after, ())


def _strip_number(text: str) -> str:
    """"1.精简项目审批手续" -> 精简项目审批手续; "第四条 区域公用品牌…" -> 区域公用品牌…."""
    text = text.strip()
    return _ITEM_NUMBER.sub("", text, count=1).strip() if _ITEM_NUMBER.match(text) else text


def _first_sentence(text: str) -> str:
    return re.split(r"[。;；]", text.strip(), maxsplit=1)[0].strip(" ,，")
