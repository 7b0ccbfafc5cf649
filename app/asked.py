"""What kind of answer a question asks for, and whether a passage carries one.

The kinds and their words are data (ingest/data/answer_kinds.json): "奖励多少" asks for money,
"多久评一次" for a period, "谁可以申请" for a condition, "由哪个部门" for units. A passage answers
a money question only if it states an amount (ingest/numbers.py reads Arabic and Chinese
numerals, shares, and bare numbers under a unit-bearing table header)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

from ingest import numbers


class Kind(StrEnum):
    MONEY = "money"
    UNITS = "units"
    PERIOD = "period"
    COUNT = "count"
    DATE = "date"
    QUANTITY = "quantity"
    CONDITION = "condition"
    FUNDING = "funding"
    DOC_NUMBER = "doc_number"
    PENALTY = "penalty"
    DEFINITION = "definition"
    NAME = "name"
    LEVEL = "level"
    DUTY = "duty"
    MEETING = "meeting"
    PHONE = "phone"
    WEBSITE = "website"
    DOCUMENT = "document"  # "是为了落实哪个文件": the document a rule rests on, by its title


# Kinds whose answer is a number: a passage without one cannot answer, however close its words.
NUMERIC = (Kind.MONEY, Kind.COUNT, Kind.PERIOD, Kind.DATE, Kind.DOC_NUMBER, Kind.QUANTITY)

_READERS = {
    "money": numbers.has_money,
    "period": lambda text, header="": numbers.has_period(text),
    "count": lambda text, header="": numbers.has_count(text),
    "date": lambda text, header="": numbers.has_date(text),
    "quantity": lambda text, header="": numbers.has_quantity(text),
}


@dataclass(frozen=True)
class KindRule:
    kind: Kind
    ask: re.Pattern[str]
    carries: re.Pattern[str] | None
    reader: str
    not_asked: re.Pattern[str] | None = None  # where the ask pattern means something else


@lru_cache(maxsize=1)
def _answer_kinds() -> dict[str, Any]:
    """ingest/data/answer_kinds.json, read once."""
    raw = resources.files("ingest").joinpath("data/answer_kinds.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def kind_rules() -> tuple[KindRule, ...]:
    """The answer kinds of ingest/data/answer_kinds.json, compiled."""
    rules = []
    for name, entry in _answer_kinds()["kinds"].items():
        carries = "|".join(entry.get("carries", ()))
        unless = "|".join(entry.get("not_asked", ()))
        rules.append(KindRule(Kind(name), re.compile("|".join(entry["ask"])),
                              re.compile(carries) if carries else None, entry.get("reader", ""),
                              re.compile(unless) if unless else None))
    return tuple(rules)


def asked_kinds(question: str) -> frozenset[Kind]:
    """The kinds of answer a question asks for; empty when it asks for none in particular."""
    text = re.sub(r"\s+", "", question)
    asked = frozenset(rule.kind for rule in kind_rules() if rule.ask.search(text)
                      and not (rule.not_asked is not None and rule.not_asked.search(text)))
    # "重量线是多少" asks a quantity; "奖励多少钱" asks money, which says more
    alone = _asked_alone()
    if asked & alone and (asked - alone) & frozenset(NUMERIC):
        asked -= alone
    elif Kind.QUANTITY in asked and quantity_of_money(text):
        asked = asked - {Kind.QUANTITY} | {Kind.MONEY}
    return asked


def asks_recipient(question: str) -> bool:
    """"奖给哪些单位" / "哪些单位有机会被表扬": who receives is asked, not which department acts."""
    return _matches("units", "not_asked", question)


def carried_kinds(text: str, header: str = "") -> frozenset[Kind]:
    """The kinds of answer a passage carries."""
    compact = re.sub(r"\s+", "", text)
    found = set()
    for rule in kind_rules():
        reader = _READERS.get(rule.reader)
        if (reader is not None and reader(compact, header)) or (
                rule.carries is not None and rule.carries.search(compact)):
            found.add(rule.kind)
    return frozenset(found)


def required_kinds(asked: frozenset[Kind], question: str = "") -> frozenset[Kind]:
    """The numeric kinds asked, else the units asked: a passage must carry one of them to
    answer."""
    if Kind.FUNDING in asked:
        # "奖金由哪级财政出": a rule that says who pays, with no amount
        return frozenset({Kind.FUNDING})
    numeric = frozenset(kind for kind in asked if kind in NUMERIC or kind in _required()
                        or kind in _required_when() and _required_when()[kind].search(question))
    # "由哪个部门牵头": a passage that names no department, office or government cannot answer
    return numeric or asked & {Kind.UNITS}


@lru_cache(maxsize=1)
def _required() -> frozenset[Kind]:
    """Kinds that, like numbers, a passage must carry to answer ("哪次会议通过" needs 会议)."""
    return frozenset(Kind(name) for name, entry in _answer_kinds()["kinds"].items()
                     if entry.get("required"))


def quantity_of_money(question: str, before: str = "") -> bool:
    """Whether a number asked with no kind named is a sum: "有资助吗？多少？" names a reward
    (here or in the question `before` it), "献血达到多少毫升可获奖励" asks a volume."""
    return bool(money_flavour(question) or money_flavour(before)) \
        and numbers.measure_asked(question) in _SUMS


_SUMS = ("", "元", "万", "亿")  # the measures a sum of money is asked in


@lru_cache(maxsize=1)
def _asked_alone() -> frozenset[Kind]:
    """Kinds asked only where no other number is: a quantity of any measure."""
    return frozenset(Kind(name) for name, entry in _answer_kinds()["kinds"].items()
                     if entry.get("asked_alone"))


@lru_cache(maxsize=1)
def _required_when() -> dict[Kind, re.Pattern[str]]:
    """Kinds a passage must carry where the question says so: "会被怎么处罚" needs a sanction."""
    return {Kind(name): re.compile(entry["required_when"])
            for name, entry in _answer_kinds()["kinds"].items() if entry.get("required_when")}


@lru_cache(maxsize=1)
def _flavours() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern)
            for name, pattern in _answer_kinds()["money_flavours"].items()}


@lru_cache(maxsize=1)
def _charges() -> re.Pattern[str]:
    return re.compile(_answer_kinds()["named_charges"])


def named_charges(text: str) -> frozenset[str]:
    """The charges a text names by their own name ("滞纳金", "申请费"): money of that
    kind, which a fine or a reward is not."""
    return frozenset(_charges().findall(text))


def money_flavour(text: str) -> frozenset[str]:
    """What money a text speaks of: a reward ("奖励", "补助") or a penalty ("罚款")."""
    return frozenset(name for name, pattern in _flavours().items() if pattern.search(text))


@lru_cache(maxsize=1)
def _recipient_classes() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern)
            for name, pattern in _answer_kinds()["recipient_classes"].items()}


def recipient_classes(text: str) -> frozenset[str]:
    """Whom a text speaks of: a person ("个人", "公民") or a body ("单位", "企业"): "对单位处
    二千元以上…罚款,对个人处五百元以上…罚款" pays each its own sum."""
    return frozenset(name for name, pattern in _recipient_classes().items()
                     if pattern.search(text))


@lru_cache(maxsize=16)
def _kind_pattern(kind: str, key: str) -> re.Pattern[str]:
    """One pattern of an answer kind's entry in answer_kinds.json: a string, or a list of
    alternatives ("condition"/"explicit", "period"/"frequency_carries", "penalty"/"sanctions")."""
    value = _answer_kinds()["kinds"][kind].get(key, "(?!)")
    return re.compile(value if isinstance(value, str) else "|".join(value))


def _matches(kind: str, key: str, text: str) -> bool:
    return bool(_kind_pattern(kind, key).search(re.sub(r"\s+", "", text)))


def states_conditions(text: str) -> bool:
    """Whether a passage states conditions ("应当具备下列条件", "须…以上"), not only a rule
    that pays or names ("…的一次性给予50万元奖励")."""
    return _matches("condition", "explicit_carries", text)


def asks_conditions(question: str) -> bool:
    """Whether a question asks for the conditions themselves ("需要满足哪些条件"): a passage
    that only names the thing ("鼓励…申报泰山学者") does not answer it."""
    return _matches("condition", "explicit", question) \
        and not _matches("condition", "not_asked", question)


@lru_cache(maxsize=1)
def _events() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(group) for group in _answer_kinds()["kinds"]["date"].get("events", ()))


def date_events(question: str) -> tuple[re.Pattern[str], ...]:
    """The events whose date a question asks ("哪天开始施行" asks when it takes effect, not
    when it was adopted): each a pattern that a passage must match to give that date."""
    compact = re.sub(r"\s+", "", question)
    return tuple(event for event in _events() if re.search(
        rf"(?:{_DATE_CUE})[^，,。？?]{{0,8}}(?:{event.pattern})"
        rf"|(?:{event.pattern})[^，,。？?]{{0,4}}(?:{_DATE_CUE})", compact))


# where a question asks its date: the event it asks the date of stands next to it
# ("哪天开始施行", "施行日期"), not elsewhere ("北海实施…战略,到哪一年达到目标")
_DATE_CUE = r"什么时候|何时|哪天|哪一天|几号|日期|时间|哪一?年"


def asks_effect(question: str) -> bool:
    """Whether a question asks when a document takes effect ("从哪天开始施行", "何时生效")."""
    return Kind.DATE in asked_kinds(question) and any(
        event.search("施行") for event in date_events(question))


def asks_issued(question: str) -> bool:
    """Whether a question asks when a document was issued ("哪天印发的", "什么时候发布")."""
    return Kind.DATE in asked_kinds(question) and any(
        event.search("印发") for event in date_events(question))


def asks_frequency(question: str) -> bool:
    """Whether a question asks how often ("多久评一次", "几年一届"), not how long."""
    return _matches("period", "frequency_ask", question)


def states_frequency(text: str) -> bool:
    """Whether a passage says how often ("每两年评选一次", "每3年评选一届"), not only how long
    ("获奖后三年内")."""
    return _matches("period", "frequency_carries", text)


def asks_fund_size(question: str) -> bool:
    """Whether a question asks how much a fund or budget holds ("专项资金每年安排多少钱"),
    which the sum of one prize paid from it does not say."""
    return _matches("money", "fund_ask", question)


def names_fund(text: str) -> bool:
    """Whether a passage speaks of a fund or budget ("每年安排专项资金500万元")."""
    return _matches("money", "fund_carries", text)


def imposes_sanction(text: str) -> bool:
    """Whether a passage imposes a sanction (罚款, 吊销, 责令…), not only names a step such as
    撤销 or 取消 that any procedure may take."""
    return _matches("penalty", "sanctions", text)
