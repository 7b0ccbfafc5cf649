"""Structured policy facts, each pointing at the verbatim text it was read from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from ingest.document import Span


class FactKind(StrEnum):
    RESPONSIBILITY = "responsibility"
    REWARD = "reward"
    QUALIFICATION = "qualification"
    TARGET = "target"


@dataclass(frozen=True)
class Responsibility:
    """Who leads, who cooperates, who shares a task (牵头 / 配合 / 按职责分工负责)."""

    fact_id: str
    span: Span
    task: str  # the measure, short form
    heading: str = ""  # section heading the task belongs to
    lead: tuple[str, ...] = ()
    cooperate: tuple[str, ...] = ()
    joint: tuple[str, ...] = ()  # listed without saying who leads
    kind: FactKind = FactKind.RESPONSIBILITY


@dataclass(frozen=True)
class Reward:
    """One honour or achievement and the money it earns, as written."""

    fact_id: str
    span: Span
    honour: str  # e.g. 中国质量奖提名奖
    amount: str  # normalised as written, e.g. 100万元
    amount_wan: float | None = None  # amount in 万元, for totals
    qualifier: str = ""  # 一次性 / 不超过 ...
    verb: str = ""  # 奖励 / 资助
    recipient: str = ""  # 组织 / 个人 / 企业 ...
    condition: str = ""  # 主创工程, 新获得 ...
    funding: str = ""  # which budget pays, verbatim from the document
    funding_span: Span | None = None  # where the funding rule stands
    kind: FactKind = FactKind.REWARD


@dataclass(frozen=True)
class Qualification:
    """A condition of a brand programme: what qualifies, earns incentives, or revokes."""

    fact_id: str
    span: Span
    programme: str  # e.g. 好品山东
    effect: str  # qualifies | incentive | revokes
    condition: str
    outcome: str = ""  # the effect as written, e.g. 撤销其所有“好品山东”品牌资格
    kind: FactKind = FactKind.QUALIFICATION


@dataclass(frozen=True)
class Target:
    """A numeric goal with its deadline."""

    fact_id: str
    span: Span
    metric: str
    value: str
    deadline: str = ""
    units: tuple[str, ...] = ()  # responsible departments, where stated
    kind: FactKind = FactKind.TARGET


Fact = Responsibility | Reward | Qualification | Target

_CLASSES: dict[FactKind, type] = {
    FactKind.RESPONSIBILITY: Responsibility,
    FactKind.REWARD: Reward,
    FactKind.QUALIFICATION: Qualification,
    FactKind.TARGET: Target,
}


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """A JSON-ready dict; `fact_from_dict` reads it back."""
    data = asdict(fact)
    data["kind"] = str(fact.kind)
    return data


def fact_from_dict(data: dict[str, Any]) -> Fact:
    """Rebuild a fact from `fact_to_dict` output."""
    cls = _CLASSES[FactKind(data["kind"])]
    values: dict[str, Any] = {}
    for spec in fields(cls):
        value = data.get(spec.name)
        if spec.name in ("span", "funding_span") and value is not None:
            value = _span_from_dict(value)
        elif spec.name == "kind":
            value = FactKind(str(value))
        elif isinstance(value, list):
            value = tuple(value)
        if value is not None or spec.name in ("amount_wan", "funding_span"):
            values[spec.name] = value
    return cls(**values)


def _span_from_dict(data: dict[str, Any]) -> Span:
    span = dict(data)
    span["section_path"] = tuple(span.get("section_path") or ())
    return Span(**span)
