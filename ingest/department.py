"""Department names: one canonical name per unit, its aliases, level and region."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Level prefixes dropped to compare names across documents: 山东省市场监督管理局 ~ 省市场监督管理局.
_PREFIX = re.compile(r"^(?:山东省|湖北省|[\u4e00-\u9fa5]{2}市(?=市)|威海市|省(?!委)|市(?!委))")
# 、 , ， ; ； between names
_SEPARATORS = re.compile(r"[、,，;；]")
_OPENING = "(（"
_CLOSING = ")）"
# "区水务局等部门,区国投公司…配合": 等部门 closes a list, it names no unit of its own.
_ET_CETERA = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")
# "中国民用航空局(以下简称民航局)": the short name the document goes on to use, not part of the name.
_SHORT_NAME = re.compile(r"[(（]以下(?:简|统)?称[^()（）]*[)）]")
# "地方公安机关和铁路公安机关": two units, where each part is one; 工业和信息化厅 stays whole.
_AND = re.compile(r"以及|和|及|与")
# A bracket closing a name gives its other name: "夏县工业信息化和科技局(商务局)"; "相关市(州)人民政府".
_ALIAS = re.compile(r"[(（][^()（）]*[)）]$")
# What a clause has and a name has not: "具体任务均涉及相关市(州)人民政府", "管理由X", "建立以X";
# 以 only in 县级以上人民政府; nor does a name open with 或者, 对 (but 对外贸易…), 一个.
_NOT_IN_NAME = re.compile(
    r"[的是把被将要\s《》“”,，。;；:：]|(?<!自)由|以(?![上下])|应当|实行|设立|指定|负责|牵头|配合|涉及|会同"
    r"|^(?:或者?|对(?!外)|向|从|与|协同|一个|一家|某)")


@dataclass(frozen=True)
class Unit:
    """One government unit as named in the bundled documents."""

    name: str
    aliases: tuple[str, ...]
    level: str  # 省 / 市 / 国家 / other
    region: str  # "" where the name depends on the citing document (市市场监管局)
    note: str = ""


@dataclass(frozen=True)
class NameRules:
    """How a unit's name ends, whatever the document: 局 / 厅 / 委员会 / 中心 / 协会 / 街道办事处 …"""

    endings: tuple[str, ...]
    not_names: tuple[str, ...]  # end like a unit, name none: 干部, 布局
    pointing_words: tuple[str, ...]  # 该部门, 本单位: a unit named elsewhere
    group_prefix: str  # 各区县, 各县(市、区): local governments as a group
    group_places: tuple[str, ...]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = resources.files("ingest").joinpath("data/departments.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def load_units() -> tuple[Unit, ...]:
    """The units in ingest/data/departments.json."""
    return tuple(
        Unit(
            name=item["name"],
            aliases=tuple(item.get("aliases", ())),
            level=item.get("level", "other"),
            region=item.get("region", ""),
            note=item.get("note", ""),
        )
        for item in _data()["units"]
    )


@lru_cache(maxsize=1)
def load_name_rules() -> NameRules:
    """The name endings in ingest/data/departments.json."""
    names = _data()["names"]
    return NameRules(
        endings=tuple(names["endings"]),
        not_names=tuple(names["not_names"]),
        pointing_words=tuple(names["pointing_words"]),
        group_prefix=names["group_prefix"],
        group_places=tuple(names["group_places"]),
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
    """省发展改革委、省工业和信息化厅,省商务厅 -> three names; 、 inside brackets (各县(市、区)) stays."""
    text = text.strip()
    if text[:1] in _OPENING and len(_bracketed(text)) == len(text) - 2:
        text = text[1:-1]  # the whole list in brackets: "(市发改委、市财政局)"
    inside = _bracketed(text)
    names: list[str] = []
    start = 0
    for index, char in enumerate(text + "、"):
        if index not in inside and _SEPARATORS.match(char):
            names.append(_clean_name(text[start:index]))
            start = index + 1
    return [part for name in names if name for part in _split_and(name)]


def _split_and(name: str) -> list[str]:
    parts = [part for part in _AND.split(name) if part]
    return parts if len(parts) > 1 and all(looks_like_unit(part) for part in parts) else [name]


def _bracketed(text: str) -> set[int]:
    """Positions inside a closed pair of brackets; an unclosed "(" protects nothing."""
    inside: set[int] = set()
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in _OPENING:
            opened.append(index)
        elif char in _CLOSING and opened:
            inside.update(range(opened.pop() + 1, index))
    return inside


def _clean_name(name: str) -> str:
    """Punctuation and an unbalanced bracket off the ends; "区水务局等部门" -> 区水务局."""
    name = _SHORT_NAME.sub("", name).strip(" \t\n\u3000。.：:")
    while name[:1] in _OPENING and _unbalanced(name):
        name = name[1:].strip()
    while name[-1:] in _CLOSING and _unbalanced(name):
        name = name[:-1].strip()
    return _ET_CETERA.sub("", name) or name


def _unbalanced(name: str) -> bool:
    return sum(name.count(c) for c in _OPENING) != sum(name.count(c) for c in _CLOSING)


def looks_like_unit(name: str) -> bool:
    """Whether a name as written names a unit: known, or ending like one (夏县电商协会, 省大数据中心)."""
    name = name.strip()
    if unit_of(name) is not None:
        return True
    rules = load_name_rules()
    if not 3 <= len(name) <= 32 or _NOT_IN_NAME.search(name) or name.startswith(rules.pointing_words):
        return False
    core = _ALIAS.sub("", name)  # 夏县工业信息化和科技局(商务局) ends like 局
    if core.startswith(rules.group_prefix) and core.endswith(rules.group_places):
        return True
    return core.endswith(rules.endings) and not core.endswith(rules.not_names)


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


# The level a unit's name states: "省市场监管局", "山东省…" (province); "市…", "威海市…" (city);
# "县…", "秀山县…", "区…" (county). 市场监管局 begins with 市场, not with the level 市.
_LEVELS = (
    ("省", re.compile(r"^(?:[\u4e00-\u9fa5]{2,7}?(?:省|自治区)|省)")),
    ("市", re.compile(r"^(?:[\u4e00-\u9fa5]{2,7}?市(?!场)|市(?!场))")),
    ("县", re.compile(r"^(?:[\u4e00-\u9fa5]{1,7}?[县区旗](?!域)|[县区](?!域))")),
    ("乡", re.compile(r"^(?:[\u4e00-\u9fa5]{0,7}?(?:乡镇|乡|镇|街道))(?:人民政府|政府|办事处)")),
)


def level_of(name: str, region: str = "") -> str:
    """省 / 市 / 县 as the name states it, else as its document's region implies (a bare
    "市场监管局" in a province's document is the province's); "" when neither tells."""
    for level, pattern in _LEVELS:
        if pattern.match(name.strip()):
            return level
    return region_level(region)


def region_level(region: str) -> str:
    """省 for "山东省", 市 for "山东省威海市", 县 for "浙江省湖州市德清县"; "" when unknown."""
    region = re.sub(r"[((].*?[))]", "", region or "")
    if not region or region == "全国":
        return ""
    parts = re.findall(r".+?(?:自治区|特别行政区|自治州|自治县|省|市|州|盟|地区|县|区|旗)", region)
    # 北京市 / 上海市浦东新区: a municipality counts as a province
    if parts and parts[0] in ("北京市", "上海市", "天津市", "重庆市"):
        parts = ["省", *parts[1:]] if len(parts) == 1 or parts[1] != parts[0] else ["省", *parts[2:]]
    return {1: "省", 2: "市"}.get(len(parts), "县" if len(parts) >= 3 else "")


# 省教育厅, 威海市生态环境局, 区发改局: a level, what the office does, and an office's ending
# (市场 is no level); offices no list holds are found by their shape
OFFICE_NAME = re.compile(r"[省市县区州](?!场)([\u4e00-\u9fff]{2,8}?)(厅|局|委员会|委|办公室|部(?!门))")
# a level and an ending around words that name no one office: 县级以上人民政府有关部
# or around a user's own words: "台州我们小区要选业委会" is no 委
_NOT_AN_OFFICE = re.compile(r"级|以上|有关|相关|各|和|或|及|等|的|我|你|他|她|们|咱|要|想|选|在|是|这|那|把|被|让|吗|呢")


def find_offices(text: str) -> list[re.Match[str]]:
    """Office names by their shape (level, function, ending), as (name, what it does, ending)."""
    return [match for match in OFFICE_NAME.finditer(text)
            if not _NOT_AN_OFFICE.search(match.group(1))]
