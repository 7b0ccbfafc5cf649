"""Lists inside one clause: "A、B、C" items, shared suffixes, and amounts paired by 分别."""

from __future__ import annotations

import re

from ingest.numbers import OCR_DIGITS

# "“鲁班奖”“詹天佑奖”": adjacent quoted names are two items, like A、B.
_ITEM_SEPARATORS = re.compile(r"[、，,]|”\s*“|”\s*、?\s*“")
_QUOTES = "“”\"'‘’《》"
# Verbs that belong to every item when written once before the first:
# "主导制修订国家标准、行业标准…" -> 主导制修订行业标准.
_SHARED_VERBS = ("主导制修订", "主导制订", "主导制定", "参与制修订", "参与制定")
# Final words that belong to every item: "…、省级地方标准项目" (项目 qualifies all four).
_SHARED_TAILS = ("项目",)
# Last characters of category words whose tail is shared: 5A级、4A级、3A级旅游景区; 制造业、服务业…
_CATEGORY_ENDINGS = "业级类型性"

AMOUNT = re.compile(r"(?<![\dA-Za-z])([0-9IOlo][0-9IOlo,]*(?:\.\d+)?)\s*(亿元|万元|元)")


def split_items(text: str) -> list[str]:
    """"国家5A级、4A级、3A级旅游景区" -> items, quotes removed, shared tails given to all."""
    items = [item.strip(_QUOTES + " ") for item in _ITEM_SEPARATORS.split(text)]
    items = [item for item in items if item]
    if not items:
        return []
    tail = next((t for t in _SHARED_TAILS
                 if items[-1].endswith(t) and (len(items) > 1 or items[-1].endswith("标准" + t))), "")
    if tail:
        items[-1] = items[-1][: -len(tail)]
    return _share_verb(_share_suffix(items))


def _share_suffix(items: list[str]) -> list[str]:
    last = items[-1]
    shared: list[str] = []
    for item in items[:-1]:
        shared.append(item + _suffix_for(item, last))
    return [*shared, last]


def _suffix_for(item: str, last: str) -> str:
    """The part of `last` that `item` leaves implicit: 4A级 + (3A级)旅游景区."""
    for cut in range(1, len(last) - 1):
        head = last[:cut]
        if head == item or item.endswith(head) and len(head) >= 2:
            return ""  # 中国质量奖、中国质量奖提名奖: the first is complete
        ending = 2 if len(item) >= 2 and len(head) >= 2 else 0
        same_ending = ending and item[-ending:] == head[-ending:]
        category = item[-1] == head[-1] and item[-1] in _CATEGORY_ENDINGS
        if same_ending or category:
            return last[cut:]
    return ""


def _share_verb(items: list[str]) -> list[str]:
    verb = next((v for v in _SHARED_VERBS if items[0].startswith(v)), "")
    if not verb:
        return items
    return [items[0], *(item if item.startswith(verb) else verb + item for item in items[1:])]


def normalise_amount(number: str, unit: str) -> tuple[str, float | None]:
    """("IOO", "万元") -> ("100万元", 100.0): the amount as written, OCR slips mended."""
    digits = number.translate(OCR_DIGITS).replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return number + unit, None
    scale = {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}[unit]
    return digits + unit, value * scale
