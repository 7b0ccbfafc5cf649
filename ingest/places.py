"""Places as policy texts and questions name them, on the gazetteer of all of China.

Which issuers and texts speak for all of China (全国), names that hold a place but are not one
(好品山东, 青岛海关), and the lookup tables other modules use, filled on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ingest.gazetteer import Place, gazetteer, place_data, short_name

__all__ = ["CITIES", "NATIONAL", "NOT_PLACES", "PLACE_NAMES", "PROVINCES", "Place", "gazetteer",
           "is_national", "place_data", "question_place", "short_name", "speaks_nationally"]

NATIONAL = "全国"
# Names that contain a place but are programmes or offices: 好品山东 is not a question about 山东.
NOT_PLACES = re.compile("|".join(place_data()["not_places"]["patterns"]))


def question_place(question: str) -> Place | None:
    """The place a question names ("德清县的…", "黔江区…", "珠海…"), from its first place name
    down; names that are not places (好品山东, 青岛海关, 长江质量奖) are masked first."""
    masked = NOT_PLACES.sub(lambda match: " " * len(match.group()), question)
    return gazetteer().place_in(masked)


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
