"""Checking a generated sentence against the passages it cites, before anyone sees it.

A sentence is kept only if it cites an existing source [n] and every amount, percentage, number,
date and department in it stands in a cited source; an amount next to a reward's honour must be
that reward's amount, and a unit said to lead (牵头) or cooperate (配合) must do so in a source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.answer import Citation
from ingest.department import canonical, core_name, find_mentions, unit_of
from ingest.fact import Fact, Responsibility, Reward

# [1] [1,2] [1][3] 【2】 ［3］: how models mark a source
CITATION_MARK = re.compile(r"[\[【［]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】］]")
_SENTENCE_END = "。！？!?\n"
# a list marker opening a line is layout, not a claimed number: "1. " "(2)" "三、" "- "
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·]|\d{1,2}(?:[、)]|\.(?!\d))|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、)\s*")
_NUMBER = r"\d+(?:\.\d+)?"
# 200万元、100万元 / 200、100万元 / 10-50万元: the unit ending a list applies to the bare numbers
_ITEM = rf"{_NUMBER}(?:\s*(?:亿|万)?\s*元)?"
_MONEY = re.compile(rf"{_ITEM}(?:\s*(?:、|,|和|或|至|到|-|~)\s*{_ITEM})*(?<=元)")
_MONEY_ITEM = re.compile(rf"({_NUMBER})\s*(?:(亿|万)?\s*(元))?")
_PERCENT = re.compile(rf"({_NUMBER})\s*%")
_PLAIN = re.compile(_NUMBER)
_SCALE = {"亿": 100_000_000, "万": 10_000, "": 1}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = "[零〇一二两三四五六七八九十百千]+"
# the Chinese numerals easy to read without context: money (五十万元), 百分之八十, years (二〇二五年)
_CN_MONEY = re.compile(rf"({_CN_NUMERAL})(?=\s*(?:亿|万)?\s*元)")
_CN_PERCENT = re.compile(rf"百分之({_CN_NUMERAL})")
_CN_YEAR = re.compile("([零〇一二三四五六七八九]{4})(?=年)")
# 省商务厅牵头,省市场监管局、青岛海关配合: a list of units, then the role it has
_JOINER = re.compile(r"\s*(?:、|,|和|及|与|以及)\s*")
_ROLE = re.compile(r"\s*(?:共同)?(牵头|配合)")


@dataclass(frozen=True)
class Source:
    """One numbered piece of evidence shown to the model: a verbatim quote and its facts."""

    n: int
    citation: Citation
    facts: tuple[Fact, ...] = ()

    @property
    def text(self) -> str:
        """What a sentence citing it may draw on: the quote and the document's particulars."""
        c = self.citation
        return f"{c.quote}\n{c.title}\n{c.issuer}\n{c.date}\n{c.region}"


@dataclass(frozen=True)
class Check:
    """The verdict on one generated sentence; `problems` empty means it may be shown."""

    sentence: str
    cited: tuple[int, ...]
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Claims:
    """What a text asserts that can be checked: amounts in 元, percentages, other numbers, units."""

    money: frozenset[float]
    percents: frozenset[float]
    numbers: frozenset[float]  # the other numbers as written (years, counts, dates)
    units: tuple[str, ...]
    roles: frozenset[tuple[str, str]]  # (canonical unit, 牵头 | 配合)


# -- sentences -----------------------------------------------------------------------------


class SentenceSplitter:
    """Cuts streamed text into sentences; the citation marks after a full stop stay with it."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, delta: str) -> list[str]:
        """The sentences completed by `delta`; a sentence ends once what follows its full stop
        is neither a citation mark nor space (a mark may still be arriving)."""
        self._buffer += delta
        sentences = []
        while (end := _sentence_end(self._buffer)) is not None:
            sentence, self._buffer = self._buffer[:end], self._buffer[end:]
            if sentence.strip():
                sentences.append(sentence.strip())
        return sentences

    def flush(self) -> list[str]:
        rest, self._buffer = self._buffer.strip(), ""
        return [rest] if rest else []


def _sentence_end(text: str) -> int | None:
    for index, char in enumerate(text):
        if char not in _SENTENCE_END:
            continue
        if char == "\n" and not text[:index].strip():
            continue  # a blank line opens the text: nothing to end yet
        end = index + 1
        while end < len(text) and text[end] in _SENTENCE_END.replace("\n", ""):
            end += 1
        # citation marks and spaces after the stop belong to the sentence
        while True:
            rest = text[end:]
            stripped = rest.lstrip(" \t")
            if stripped and stripped[0] in "[【［":
                match = CITATION_MARK.match(stripped)
                if match is None:
                    return end if any(close in stripped for close in "]】］") else None
                end += len(rest) - len(stripped) + match.end()
                continue
            if not stripped:
                return None  # wait: a mark may follow
            return end
    return None


def split_sentences(text: str) -> list[str]:
    """The sentences of a whole reply."""
    splitter = SentenceSplitter()
    return splitter.feed(text) + splitter.flush()


def cited_numbers(sentence: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for match in CITATION_MARK.finditer(normalise(sentence)):
        for part in re.split(r"[,，、]", match.group(1)):
            if int(part) not in numbers:
                numbers.append(int(part))
    return tuple(numbers)


# -- claims --------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Full-width forms folded (１００％ -> 100%), thousands separators dropped."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"(?<=\d),(?=\d{3}(?:\D|$))", "", text)


def chinese_number(numeral: str) -> int | None:
    """一百 -> 100, 二十五 -> 25, 一千五百 -> 1500, 二〇二五 -> 2025; None if unreadable."""
    if all(char in _CN_DIGITS for char in numeral):
        return int("".join(str(_CN_DIGITS[char]) for char in numeral))
    total, digit = 0, None
    for char in numeral:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _arabic(text: str) -> str:
    def convert(match: re.Match[str], suffix: str = "") -> str:
        value = chinese_number(match.group(1))
        return match.group(0) if value is None else f"{value}{suffix}"

    text = _CN_PERCENT.sub(lambda m: convert(m, "%"), text)
    text = _CN_MONEY.sub(convert, text)
    return _CN_YEAR.sub(convert, text)


def claims_of(text: str) -> Claims:
    """The checkable claims of a text; citation marks and list markers are not claims."""
    text = _arabic(CITATION_MARK.sub(" ", normalise(text)))
    text = "\n".join(_LIST_MARKER.sub("", line) for line in text.split("\n"))
    money = {value for match in _MONEY.finditer(text) for value in _amounts(match.group(0))}
    percents = {round(float(m.group(1)), 4) for m in _PERCENT.finditer(text)}
    # the numbers of amounts and percentages are checked as such, not again as bare numbers
    rest = _PERCENT.sub(" ", _MONEY.sub(" ", text))
    numbers = {round(float(m.group(0)), 4) for m in _PLAIN.finditer(rest)}
    units = tuple(find_mentions(text))
    return Claims(frozenset(money), frozenset(percents), frozenset(numbers), units,
                  frozenset(_roles(text)))


def _amounts(listed: str) -> list[float]:
    """200、100万元 -> [2000000, 1000000]: a bare number takes the unit ending the list."""
    items = list(_MONEY_ITEM.finditer(listed))
    last = _SCALE[items[-1].group(2) or ""]
    return [round(float(item.group(1)) * (_SCALE[item.group(2) or ""] if item.group(3) else last),
                  2) for item in items]


def _roles(text: str) -> set[tuple[str, str]]:
    """(unit, role) for each list of units followed by 牵头 or 配合."""
    roles: set[tuple[str, str]] = set()
    position = 0
    group: list[str] = []
    for mention in find_mentions(text):
        start = text.find(mention, position)
        if start < 0:
            continue
        if group and not _JOINER.fullmatch(text[position:start]):
            group = []
        group.append(mention)
        position = start + len(mention)
        role = _ROLE.match(text, position)
        if role:
            roles |= {(canonical(name), role.group(1)) for name in group}
            group = []
    return roles


def same_department(mention: str, name: str) -> bool:
    """Two known names are the same unit only if their canonical names agree (省 is not 市);
    a partial mention (市场监管局) matches on the name without its level prefix."""
    if unit_of(mention) and unit_of(name):
        return canonical(mention) == canonical(name)
    return core_name(canonical(mention)) == core_name(canonical(name))


def money_of(amount: str) -> float | None:
    """A fact's amount (200万元) in 元."""
    found = claims_of(amount).money
    return next(iter(found)) if len(found) == 1 else None


# -- the check -----------------------------------------------------------------------------


def check_sentence(sentence: str, sources: Sequence[Source]) -> Check:
    """Whether one generated sentence may be shown, and if not, why."""
    cited = cited_numbers(sentence)
    by_number = {source.n: source for source in sources}
    if not cited:
        return Check(sentence, cited, ("没有引用 (cites no source)",))
    unknown = [n for n in cited if n not in by_number]
    if unknown:
        return Check(sentence, cited, (f"引用了不存在的资料 {unknown} (cites no such source)",))
    used = [by_number[n] for n in cited]
    claims = claims_of(sentence)
    evidence = claims_of("\n".join(source.text for source in used))
    facts = [fact for source in used for fact in source.facts]
    problems = [
        *(f"金额 {_yuan(v)} 不在所引资料中" for v in sorted(claims.money - evidence.money)),
        *(f"百分比 {v:g}% 不在所引资料中" for v in sorted(claims.percents - evidence.percents)),
        *(f"数字 {v:g} 不在所引资料中" for v in sorted(claims.numbers - evidence.numbers)),
        *(f"部门「{unit}」不在所引资料中" for unit in claims.units
          if not any(same_department(unit, other) for other in evidence.units)),
        *_role_problems(claims, evidence, facts),
        *_reward_problems(sentence, claims, [f for s in sources for f in s.facts]),
    ]
    return Check(sentence, cited, tuple(dict.fromkeys(problems)))


def _role_problems(claims: Claims, evidence: Claims, facts: Iterable[Fact]) -> list[str]:
    stated = set(evidence.roles)
    for fact in facts:
        if isinstance(fact, Responsibility):
            stated |= {(canonical(name), "牵头") for name in fact.lead}
            stated |= {(canonical(name), "配合") for name in fact.cooperate}
    return [
        f"所引资料未写「{unit}{role}」"
        for unit, role in sorted(claims.roles)
        if not any(r == role and same_department(unit, u) for u, r in stated)
    ]


def _reward_problems(sentence: str, claims: Claims, facts: Iterable[Fact]) -> list[str]:
    """An amount beside a reward's honour must be that honour's amount, never a neighbour's."""
    if not claims.money:
        return []
    text = normalise(sentence)
    named = [f for f in facts if isinstance(f, Reward) and f.honour and f.honour in text]
    mentioned = [fact for fact in named if _named_alone(fact.honour, text, named)]
    if not mentioned:
        return []
    allowed = {money_of(fact.amount) for fact in mentioned}
    return [f"金额 {_yuan(v)} 与文件中该奖项的金额不符" for v in sorted(claims.money - allowed)]


def _named_alone(honour: str, text: str, named: Sequence[Reward]) -> bool:
    """Whether `honour` occurs other than inside a longer honour also named (提名奖)."""
    for longer in (fact.honour for fact in named if len(fact.honour) > len(honour)):
        if honour in longer:
            text = text.replace(longer, "\0")
    return honour in text


def _yuan(value: float) -> str:
    return f"{value / 10_000:g}万元" if value >= 10_000 else f"{value:g}元"
