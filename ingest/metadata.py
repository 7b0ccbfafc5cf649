"""Document metadata: read from a `<stem>.meta.json` sidecar, else guessed from the text."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from ingest.document import DocumentMeta
from ingest.errors import UnreadableFile
from ingest.places import CITIES, CITY_DOC_PREFIXES, PROVINCES, province_of_city, short_name

SIDECAR_SUFFIX = ".meta.json"
_GIVEN_FIELDS = {f.name for f in fields(DocumentMeta)} - {"doc_id", "inferred"}
_INFERABLE = ("title", "issuer", "date", "region", "doc_number", "source_kind")
_TOP_LINES = 12

# Kinds of official document, longest first so 分工方案 wins over 方案.
_KINDS = (
    "分工方案", "实施方案", "实施意见", "指导意见", "实施细则", "管理办法", "若干措施",
    "意见", "通知", "方案", "办法", "措施", "决定", "规定", "细则", "条例", "规划", "纲要",
    "通告", "公告", "批复", "计划",
)  # fmt: skip
_TITLE_LINE = re.compile(rf"^.{{4,80}}({'|'.join(_KINDS)})》?$")
_BOOK_TITLE = re.compile(r"《([^《》]{4,60})》")
# Issuing bodies: "威海市人民政府", "省市场监管局",
# "山东省质量强省及品牌战略推进工作领导小组办公室".
_ORG = r"[\u4e00-\u9fff]{2,40}?(?:人民政府|办公厅|办公室|领导小组|委员会|政府|局|厅|委)"
_ORG_LINE = re.compile(rf"^{_ORG}$")
_SOURCE = re.compile(rf"(?:来源|发布机构|发文机关)[::]\s*({_ORG})")
_TITLE_ISSUER = re.compile(rf"^({_ORG})关于")
# Dates: "2021年6月29日", "2024-06-28 10:10:47", "二〇二一年六月二十九日".
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_DATE_LINE = re.compile(
    r"^(?:(?:发布|成文|印发)?(?:时间|日期)[::]\s*)?[\d〇○零一二三四五六七八九十年月日\-/.: ]{8,}$"
)
_LABELLED_DATE = re.compile(r"(?:来源|发布时间|发布日期|成文日期|日期)[::]")
# 文号: "鲁政发〔2021〕12号", "威政字[2024]5号", "国办发(2019)3号".
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(]\d{4}[〕\])]\s*第?\d{1,4}号")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """Fields of DocumentMeta from `<stem>.meta.json` next to `path`, or None if absent."""
    sidecar = path if path.name.endswith(SIDECAR_SUFFIX) else sidecar_path(path)
    if not sidecar.is_file():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise UnreadableFile(
            f"{sidecar.name}: 元数据文件不是有效 JSON / invalid JSON ({error})"
        ) from None
    if not isinstance(data, dict):
        raise UnreadableFile(f"{sidecar.name}: 元数据应为 JSON 对象 / expected a JSON object")
    return {key: str(value) for key, value in data.items() if key in _GIVEN_FIELDS and value}


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of document `path` lives."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def resolve_metadata(text: str, doc_id: str, given: dict[str, Any] | None = None) -> DocumentMeta:
    """Given fields win one by one; the rest are inferred and listed in `inferred`."""
    given = {key: value for key, value in (given or {}).items() if key in _GIVEN_FIELDS and value}
    guessed = infer_metadata(text, doc_id)
    inferred = tuple(name for name in guessed.inferred if name not in given)
    return replace(guessed, **given, inferred=inferred)


def infer_metadata(text: str, doc_id: str) -> DocumentMeta:
    """Guess title, issuer, date, 文号, region and kind from the document's own text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = infer_title(lines)
    issuer = infer_issuer(lines, title)
    doc_number = infer_doc_number(lines)
    guessed = {
        "title": title,
        "issuer": issuer,
        "date": infer_date(lines),
        "doc_number": doc_number,
        "region": infer_region(text, issuer, doc_number, title),
        "source_kind": infer_kind(title),
    }
    inferred = tuple(name for name in _INFERABLE if guessed[name])
    return DocumentMeta(doc_id=doc_id, inferred=inferred, **guessed)


def infer_title(lines: list[str]) -> str:
    """A heading line naming a kind of document near the top, else the first 《…》."""
    for line in lines[:_TOP_LINES]:
        if "。" not in line and not line.endswith((":", ":")) and _TITLE_LINE.match(line):
            return line
    match = _BOOK_TITLE.search("\n".join(lines[:_TOP_LINES]))
    return match.group(1) if match else ""


def infer_issuer(lines: list[str], title: str = "") -> str:
    """From "来源: X", an organisation line at the top or above the date, or the title."""
    for line in lines[:_TOP_LINES]:
        match = _SOURCE.search(line)
        if match:
            return match.group(1)
    for index, line in enumerate(lines):
        near_top = index < 6
        above_date = index + 1 < len(lines) and bool(_DATE_LINE.match(lines[index + 1]))
        if (near_top or above_date) and len(line) <= 40 and _ORG_LINE.match(line):
            return line
    match = _TITLE_ISSUER.match(title)
    return match.group(1) if match else ""


def infer_date(lines: list[str]) -> str:
    """ISO date from a labelled line ("来源: …2024-06-28") or a line that is only a date."""
    for line in lines:
        if _LABELLED_DATE.search(line) or _DATE_LINE.match(line):
            date = parse_date(line)
            if date:
                return date
    return ""


def parse_date(text: str) -> str:
    """First date in `text` as yyyy-mm-dd, or ""."""
    match = _DATE.search(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _CN_DATE.search(text)
        if not match:
            return ""
        year = int("".join(str(_CN_DIGITS[char]) for char in match.group(1)))
        month, day = _cn_number(match.group(2)), _cn_number(match.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def infer_doc_number(lines: list[str]) -> str:
    """A 文号 standing on its own short line near the top (not one cited in the body)."""
    for line in lines[:_TOP_LINES]:
        match = _DOC_NUMBER.search(line)
        if match and len(line) <= len(match.group(0)) + 12:
            return match.group(0)
    return ""


def infer_region(text: str, issuer: str = "", doc_number: str = "", title: str = "") -> str:
    """Province (and city) from the issuer, the 文号 prefix, the title, then place names."""
    for source in (issuer, title):
        region = region_of_name(source)
        if region:
            return region
    if doc_number:
        head = doc_number[0]
        province = next((name for name, short in PROVINCES.items() if short == head), "")
        if province:
            return province
        if head in CITY_DOC_PREFIXES:
            return "山东省" + CITY_DOC_PREFIXES[head]
    return most_named_province(text)


def region_of_name(name: str) -> str:
    """ "威海市人民政府" -> "山东省威海市"; "山东省…办公室" -> "山东省"; else ""."""
    for province, cities in CITIES.items():
        for city in cities:
            if name.startswith((city, short_name(city) + "市")):
                return province + city
    return next((province for province in PROVINCES if name.startswith(province)), "")


def most_named_province(text: str, minimum: int = 2) -> str:
    """The province the text names most often ("好品山东", "青岛海关" count for 山东省)."""
    counts: Counter[str] = Counter()
    for province in PROVINCES:
        counts[province] += text.count(short_name(province))
    for cities in CITIES.values():
        for city in cities:
            counts[province_of_city(city)] += text.count(short_name(city))
    if not counts:
        return ""
    province, count = counts.most_common(1)[0]
    return province if count >= minimum else ""


def infer_kind(title: str) -> str:
    """The kind of document its title names: 政策解读, 分工方案, 意见 ..."""
    if "解读" in title:
        return "政策解读"
    bare = title.rstrip("》")
    return next((kind for kind in _KINDS if bare.endswith(kind)), "")


def _cn_number(text: str) -> int:
    """ "六" -> 6, "十二" -> 12, "二十九" -> 29."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
