"""Places as policy texts and questions name them, on the gazetteer of all of China.

Which issuers and texts speak for all of China (全国), names that hold a place but are not one
(好品山东, 青岛海关), and the lookup tables other modules use, filled on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from ingest.gazetteer import Place, _autonomous_short, gazetteer, place_data, short_name

__all__ = ["CITIES", "NATIONAL", "NOT_PLACES", "PLACE_NAMES", "PROVINCES", "Place", "gazetteer",
           "is_national", "place_data", "place_names", "question_place", "short_name", "speaks_nationally"]

NATIONAL = "全国"
# Names that contain a place but are programmes or offices: 好品山东 is not a question about 山东.
NOT_PLACES = re.compile("|".join(place_data()["not_places"]["patterns"]))


def question_place(question: str, library: Iterable[str] = ()) -> Place | None:
    """The place a question names ("德清县的…", "黔江区…", "珠海…"), from its first place name
    down; names that are not places (好品山东, 青岛海关, 长江质量奖) are masked first.

    `library`: the regions of the documents held. A county's short name ("黔江", "修水") is
    too often a word to be read anywhere, but where a held document is that county's, the
    question names it: "在黔江评上重庆名牌产品" asks about 重庆市黔江区, not all of 重庆."""
    masked = NOT_PLACES.sub(lambda match: " " * len(match.group()), question)
    found = gazetteer().place_in(masked)
    for held in _held_places(tuple(sorted(set(library)))):
        if found is not None and (not found.contains(held) or found == held):
            continue
        if _named_alone(masked, _short(held.parts[-1]), held):
            found = held
    return found


def _named_alone(text: str, name: str, place: Place) -> bool:
    """`name` stands in `text` as a place: at the start, after a non-Chinese character, after
    a word such as 在 or 我们, or after its own city ("宁波江东区"); "长江东岸" is no 江东."""
    after = place_data()["two_character_names"]["after"]
    for match in re.finditer(re.escape(name), text):
        start = match.start()
        before = text[max(0, start - 8):start]
        if (start == 0 or not re.match(r"[\u4e00-\u9fff]", text[start - 1])
                or text[start - 1] in after
                or any(before.endswith((part, short_name(part))) for part in place.parts[:-1])):
            return True
    return False


def _short(name: str) -> str:
    """黔江区 -> 黔江, 修水县 -> 修水, 威海市 -> 威海, 黔西南布依族苗族自治州 -> 黔西南; 夏县
    stays whole."""
    name = _autonomous_short(name) or short_name(name)
    return name[:-1] if name.endswith(("县", "区", "旗", "州")) and len(name) > 2 else name


@lru_cache(maxsize=64)
def _held_places(regions: tuple[str, ...]) -> tuple[Place, ...]:
    """The places of held documents below a province, and those above them, whose short names
    are two characters or more, deepest first."""
    found = {_region_place(region) for region in regions if region and region != NATIONAL}
    # and the places above them: a 龙山县 document makes 湘西 a place questions may name
    places = {above for place in found if place is not None for above in place.lineage()}
    return tuple(sorted((place for place in places if place is not None and len(place.parts) > 1
                         and len(_short(place.parts[-1])) >= 2),
                        key=lambda place: -len(place.parts)))


def is_national(issuer: str) -> bool:
    """Whether an issuer speaks for all of China (国务院, 交通部, 全国人民代表大会常务委员会)."""
    names = [name for name in re.split(r"[、,，\s]+", issuer) if name]  # 农业部、财政部
    return bool(names) and all(any(re.search(pattern, name) for pattern in
                                   place_data()["national"]["issuers"]) for name in names)


def speaks_nationally(text: str) -> bool:
    """Whether a text claims all of China ("在中华人民共和国境内…适用本条例") and never speaks as
    a place (本省, 本市, 全县 …), as a law with no issuer line may only show in its articles."""
    national = place_data()["national"]
    return bool(re.search(national["scope"], text)) and not re.search(national["local_scope"], text)


class _LazyMapping(Mapping[str, Any]):
    """A read-only mapping filled on first access, so importing this module loads nothing."""

    def __init__(self, load: Callable[[], Mapping[str, Any]]) -> None:
        self._load = load

    def _data(self) -> Mapping[str, Any]:
        return self._load()

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __contains__(self, key: object) -> bool:
        return key in self._data()


# Every place name of China under its full and short names (威海, 威海市, 德清县) to its region.
PLACE_NAMES: Mapping[str, str] = _LazyMapping(lambda: gazetteer().names)
# The prefecture-level cities of each province.
CITIES: Mapping[str, tuple[str, ...]] = _LazyMapping(lambda: gazetteer().cities)
# Provincial-level divisions with the short name used in 文号 (鲁政发, 京政发 ...).
PROVINCES: Mapping[str, str] = _LazyMapping(lambda: place_data()["province_abbreviations"])


def place_names(region: str) -> tuple[str, ...]:
    """The names a text may call a region by: its deepest division, whole and short
    (重庆市黔江区 -> 黔江区, 黔江; 山东省威海市 -> 威海市, 威海)."""
    place = _region_place(region)
    if place is None:
        return (region,)
    last = place.parts[-1]
    return tuple(dict.fromkeys(name for name in (last, short_name(last), _short(last))
                               if len(name) >= 2))


def _region_place(region: str) -> Place | None:
    """A region as documents carry it ("湖北省(推断)"), without its note, as a place."""
    return gazetteer().parse(re.sub(r"[(（][^)）]*[)）]", "", region).strip())
