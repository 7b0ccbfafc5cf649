"""Whether a document speaks for a region: its own, or one that contains it.

A province's rule covers its cities and counties (山东省 applies in 威海), a city's rule its
counties (湖州市 applies in 德清县), a county's rule only that county: it does not apply to the
whole city (a 德清县 rule is not 湖州市's). A national text (全国) applies everywhere; another
province's rule never does (湖北省 is not 山东).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.places import NATIONAL, PLACE_NAMES, Place, gazetteer

_NOTE = re.compile(r"[((][^))]*[))]")  # 湖北省(推断): the note is not part of the name


def full_region(region: str) -> str:
    """A region written out from the province down: 威海 -> 山东省威海市, 德清县 -> 浙江省湖州市
    德清县, 山东 -> 山东省; a region the gazetteer cannot read is returned without its note."""
    region = _NOTE.sub("", region).strip()
    place = _place(region)
    return place.name if place else region


@lru_cache(maxsize=4096)
def _place(region: str) -> Place | None:
    return gazetteer().parse(region) if region and region != NATIONAL else None


@lru_cache(maxsize=4096)
def region_matches(document_region: str, wanted: str | None) -> bool:
    """True where no region is wanted, or the document's region is the wanted one or contains it.

    A document whose region nobody could tell (no sidecar, no place in its text) cannot be
    ruled out: it is searched, and its answers name it as a document of unknown region."""
    if not wanted:
        return True
    document, asked = _NOTE.sub("", document_region).strip(), _NOTE.sub("", wanted).strip()
    if document == NATIONAL or not document:
        return True
    if not asked:
        return False
    document_place, asked_place = _place(document), _place(asked)
    if document_place and asked_place:
        return document_place.contains(asked_place)
    return full_region(asked).startswith(full_region(document))  # names the gazetteer lacks


def is_place_name(token: str) -> bool:
    """A place name (山东, 威海市, 德清县): a region filter, not something to look up."""
    return token in PLACE_NAMES
