"""Whether a document speaks for a region: its own, a region within it, or one above it.

A province's rule covers its cities (山东省 applies to 威海), a city's rule covers only that
city, and another province's rule never applies (湖北省 is not 山东).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.places import CITIES, PLACE_NAMES, PROVINCES, province_of_city, short_name

_NOTE = re.compile(r"[((][^))]*[))]")  # 湖北省(推断): the note is not part of the name


def full_region(region: str) -> str:
    """A region written out from the province down: 威海 -> 山东省威海市, 山东 -> 山东省."""
    region = _NOTE.sub("", region).strip()
    for province in PROVINCES:
        short = short_name(province)
        if region.startswith(province):
            return region
        if region.startswith(short):
            return province + region[len(short) :]
    for cities in CITIES.values():
        for city in cities:
            if region.startswith((city, short_name(city))):
                return province_of_city(city) + city
    return region


def _core(region: str) -> str:
    return re.sub(r"(省|市|自治区|特别行政区)", "", full_region(region))


@lru_cache(maxsize=4096)
def region_matches(document_region: str, wanted: str | None) -> bool:
    """True where no region is wanted, or the document's region is, contains or lies in it."""
    if not wanted:
        return True
    wanted_core, document_core = _core(wanted), _core(document_region)
    if not wanted_core or not document_core:
        return False
    return wanted_core.startswith(document_core) or document_core.startswith(wanted_core)


def is_place_name(token: str) -> bool:
    """A province or city name (山东, 威海市): a region filter, not something to look up."""
    return token in PLACE_NAMES
