"""Department names: one canonical name per unit, its aliases, level and region."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Level prefixes dropped to compare names across documents: 山东省市场监督管理局 ~ 省市场监督管理局.
_PREFIX = re.compile(r"^(?:山东省|湖北省|[\u4e00-\u9fa5]{2}市(?=市)|威海市|省(?!委)|市(?!委))")
# 、 , ， ; and the space OCR leaves between names
_SEPARATORS = re.compile(r"[、,，;；]")


@dataclass(frozen=True)
class Unit:
    """One government unit as named in the bundled documents."""

    name: str
    aliases: tuple[str, ...]
    level: str  # 省 / 市 / 国家 / other
    region: str  # "" where the name depends on the citing document (市市场监管局)
    note: str = ""


@lru_cache(maxsize=1)
def load_units() -> tuple[Unit, ...]:
    """The units in ingest/data/departments.json."""
    raw = resources.files("ingest").joinpath("data/departments.json").read_text("utf-8")
    return tuple(
        Unit(
            name=item["name"],
            aliases=tuple(item.get("aliases", ())),
            level=item.get("level", "other"),
            region=item.get("region", ""),
            note=item.get("note", ""),
        )
        for item in json.loads(raw)["units"]
    )


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for unit in load_units():
        for name in (unit.name, *unit.aliases):
            table[name] = unit
    return table


def core_name(name: str) -> str:
    """The name without its level prefix: 省市场监管局 -> 市场监管局."""
    return _PREFIX.sub("", name.strip(), count=1)


def unit_of(name: str) -> Unit | None:
    """The known unit a name or alias refers to, if any."""
    return _by_name().get(name.strip())


def canonical(name: str) -> str:
    """The canonical name of a unit; unknown names come back stripped, unchanged."""
    unit = unit_of(name)
    return unit.name if unit else name.strip()


def aliases_of(name: str) -> tuple[str, ...]:
    """Every name the unit goes by, canonical first."""
    unit = unit_of(name)
    return (unit.name, *unit.aliases) if unit else (name.strip(),)


def all_names() -> list[str]:
    """Every canonical name and alias."""
    return list(_by_name())


def split_units(text: str) -> list[str]:
    """省发展改革委、省工业和信息化厅,省商务厅 -> three names, stripped of punctuation."""
    names = (part.strip(" \t\n。.：:()（）") for part in _SEPARATORS.split(text))
    return [name for name in names if name]


def match_units(mention: str) -> list[str]:
    """Canonical units a (possibly partial) mention denotes: 市场监管局 -> 省…, 市市场监管局."""
    wanted = core_name(canonical(mention))
    if len(wanted) < 2:
        return []
    found: list[str] = []
    for unit in load_units():
        cores = {core_name(name) for name in (unit.name, *unit.aliases)}
        if any(wanted == core or (len(wanted) >= 3 and core.endswith(wanted)) for core in cores):
            found.append(unit.name)
    return found


def same_unit(mention: str, name: str) -> bool:
    """Whether `name` (as written in a fact) is one of the units `mention` denotes."""
    units = match_units(mention)
    if units:
        return canonical(name) in units
    return core_name(mention) == core_name(name)


@lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern[str]:
    names = set(all_names()) | {core_name(name) for name in all_names()}
    names = {name for name in names if len(name) >= 3}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in ordered))


def find_mentions(text: str) -> list[str]:
    """Department names (full, alias or core) mentioned in free text, longest first."""
    return [match.group(0) for match in _mention_pattern().finditer(text)]
