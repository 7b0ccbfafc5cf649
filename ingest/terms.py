"""Domain terms a Chinese word segmenter must keep whole: units, programmes, honours."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from ingest.department import all_names, core_name
from ingest.places import CITIES, PROVINCES


# Programme, award and honour names of the bundled documents and their kin; a segmenter that
# splits 中国质量奖提名奖 into 中国 / 质量 / 奖 matches 长江质量奖 just as well.
def _terms_data() -> dict[str, list[str]]:
    raw = resources.files("ingest").joinpath("data/terms.json").read_text("utf-8")
    data: dict[str, list[str]] = json.loads(raw)
    return data


# Programme, award and honour names (ingest/data/terms.json).
PROGRAMMES: tuple[str, ...] = tuple(_terms_data()["programmes"])
HONOURS: tuple[str, ...] = tuple(_terms_data()["honours"])


def domain_terms() -> list[str]:
    """Department names and aliases (with level-free cores), programme and honour names."""
    terms: dict[str, None] = {}
    for name in all_names():
        terms[name] = None
        if len(core_name(name)) >= 3:
            terms[core_name(name)] = None
    for term in (*PROGRAMMES, *HONOURS):
        terms[term] = None
    return list(terms)


# How people write an honour vs how documents do: 驰名商标 ~ 中国驰名商标, 4A级景区 ~ 4A级旅游景区,
# 主导制定 ~ 主导制修订, 团体(联盟)标准 ~ 团体标准. 老字号 is NOT 中华老字号 (30 vs 50万元 in 003).
_HONOUR_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[“”\"'‘’《》\s]"), ""),
    (re.compile(r"(?<!中国)驰名商标"), "中国驰名商标"),
    (re.compile(r"(?:国家)?([1-5])\s*A\s*级?(?:旅游)?景区"), r"\1A级旅游景区"),
    (re.compile(r"主导(?:制修订|制定|制订|修订|起草|研制)"), "主导制修订"),
    (re.compile(r"[(（]联盟[)）]"), ""),
)


@lru_cache(maxsize=8192)
def honour_key(name: str) -> str:
    """A comparable form of an honour name: "国家5A级旅游景区" and "5A景区" meet; 中国质量奖 and
    中国质量奖提名奖 stay apart."""
    key = name.strip()
    for pattern, replacement in _HONOUR_FORMS:
        key = pattern.sub(replacement, key)
    return _without_place(key).removeprefix("主导制修订")


def _without_place(key: str) -> str:
    """"临沂市市长质量奖" is the 市长质量奖 of 临沂, and so is "威海市长质量奖": the region is asked
    for apart, so the key drops it."""
    for place in _place_names():
        if key.startswith(place) and len(key) - len(place) >= 3:
            rest = key[len(place):]
            if rest.startswith(("长质量奖", "长奖")):  # 威海|市长质量奖, not 湖北省|长江质量奖
                rest = key[len(place) - 1:]
            return rest
    return key


@lru_cache(maxsize=1)
def _place_names() -> list[str]:
    names = {*PROVINCES, *(city for cities in CITIES.values() for city in cities)}
    return sorted(names, key=len, reverse=True)


def find_honours(text: str, names: Iterable[str]) -> list[str]:
    """Keys of the honours named in `text`, each the longest one at its place; a list that
    shares its tail ("5A、4A、3A级旅游景区") or a pronoun ("长江质量奖和它的提名奖") names each."""
    normal = text
    for pattern, replacement in _HONOUR_FORMS:
        normal = pattern.sub(replacement, normal)
    keys = sorted({honour_key(name) for name in names if honour_key(name)}, key=len, reverse=True)
    normal = _write_out_nomination(_write_out_pronoun(normal, keys), keys)
    normal = _write_out_list(normal, set(keys))
    taken: list[tuple[int, int, str]] = []
    for key in keys:
        for match in re.finditer(re.escape(key), normal):
            if not any(start <= match.start() and match.end() <= end for start, end, _ in taken):
                taken.append((match.start(), match.end(), key))
    return list(dict.fromkeys(key for _, _, key in sorted(taken)))


# "长江质量奖和它的提名奖" / "中国质量奖及其提名奖": the pronoun stands for the honour before it.
_PRONOUN = re.compile(r"(?<=[和及与、])(?:它|其|该奖)的?")
_LIST_SEPARATOR = re.compile(r"[、和及与]")


# "荆江质量奖奖励多少？提名奖呢？": a 提名奖 without its award is the nomination of the award
# named before it
_BARE_NOMINATION = re.compile(r"(?<![奖\u4e00-\u9fff])提名奖|(?<=[？?,，。;；又那])提名奖")


def _write_out_nomination(text: str, keys: list[str]) -> str:
    def named_before(match: re.Match[str]) -> str:
        before = text[: match.start()]
        found = [(before.rfind(key), key) for key in keys
                 if key in before and f"{key}提名奖" in keys]
        return f"{max(found)[1]}提名奖" if found else match.group(0)

    return _BARE_NOMINATION.sub(named_before, text)


def _write_out_pronoun(text: str, keys: list[str]) -> str:
    def named_before(match: re.Match[str]) -> str:
        before = text[: match.start()]
        found = [(before.rfind(key), key) for key in keys if key in before]
        return max(found)[1] if found else match.group(0)

    return _PRONOUN.sub(named_before, text)


def _write_out_list(text: str, keys: set[str]) -> str:
    """"5A、4A、3A级旅游景区" -> "5A级旅游景区、4A级旅游景区、3A级旅游景区": an item that is
    the head of the next item's honour takes that honour's tail."""
    parts = _LIST_SEPARATOR.split(text)
    separators = _LIST_SEPARATOR.findall(text)
    for index in range(len(parts) - 2, -1, -1):
        following = next((key for key in sorted(keys, key=len, reverse=True)
                          if parts[index + 1].startswith(key)), "")
        parts[index] = _with_tail(parts[index], following, keys) if following else parts[index]
    return "".join(part + sep for part, sep in zip(parts, [*separators, ""]))


def _with_tail(item: str, honour: str, keys: set[str]) -> str:
    for size in range(min(len(item), 6), 0, -1):
        head = item[-size:]
        for cut in range(1, len(honour)):
            if honour[:cut] != head and head + honour[cut:] in keys and honour[cut:] not in item:
                return item + honour[cut:]
    return item
