"""Matching a region asked for (山东, 威海市) against a document's region (山东省威海市)."""

from __future__ import annotations

import re

_NOISE = re.compile(r"[((][^))]*[))]")  # 湖北省(推断): the note is not part of the name
_LEVEL = re.compile(r"(省|市|自治区|特别行政区|县|区)")


def region_core(region: str) -> str:
    """The place names of a region without level words and notes: 山东省威海市 -> 山东威海."""
    return _LEVEL.sub("", _NOISE.sub("", region)).strip()


def region_matches(document_region: str, wanted: str | None) -> bool:
    """True where no region is wanted, or the document lies within the wanted region."""
    if not wanted:
        return True
    wanted_core = region_core(wanted)
    return bool(wanted_core) and wanted_core in region_core(document_region)
