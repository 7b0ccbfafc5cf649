"""Document metadata: read from a `<stem>.meta.json` sidecar, else guessed from the text."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date as Date
from pathlib import Path
from typing import Any

from ingest import front_matter
from ingest.document import DocumentMeta
from ingest.errors import UnreadableFile
from ingest.front_matter import parse_date
from ingest.header import Header, drop_header, read_header, validity_forms
from ingest.places import NATIONAL, gazetteer, is_national, place_data, speaks_nationally

SIDECAR_SUFFIX = ".meta.json"
_GIVEN_FIELDS = {f.name for f in fields(DocumentMeta)} - {"doc_id", "inferred"}
_INFERABLE = ("title", "issuer", "date", "region", "doc_number", "source_kind", "validity",
              "effective")
_BODY_SCAN = 20_000  # characters of the body searched for the place it names most

__all__ = ["SIDECAR_SUFFIX", "infer_metadata", "parse_date", "read_sidecar", "resolve_metadata",
           "sidecar_path"]


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


def infer_metadata(text: str, doc_id: str, today: Date | None = None) -> DocumentMeta:
    """Guess title, issuer, date, 文号, region, kind and validity from the document's own text.

    `doc_id` is the file's stem made safe; a collection that names versions by date
    ("上海口岸服务条例(2020-05-14).md") gives the date there.
    """
    header = read_header(text)  # 1. the labelled header, then the text without it
    lines = [line.strip() for line in drop_header(text, header).split("\n") if line.strip()]
    title = (header_title(header, "title") or front_matter.infer_title(lines)  # 2. title …
             or header_title(header, "file_name"))
    issuer = header_issuer(header) or front_matter.infer_issuer(lines, title)
    doc_number = next(iter(header.values("doc_number")), "") or front_matter.infer_doc_number(lines)
    # 3. date, region, standing
    guessed = {
        "title": title,
        "issuer": issuer,
        "date": front_matter.date_in_name(doc_id) or header_date(header)
        or front_matter.infer_date(lines),
        "doc_number": front_matter.doc_number_in(doc_number),
        "region": infer_region(text, issuer, doc_number, title),
        "source_kind": front_matter.infer_kind(title),
        "validity": infer_validity(header, today),
        # as the header writes it ("2021.12.01"): an answer quotes it, it is not computed on
        "effective": next((value.strip() for value in header.values("effective")
                           if parse_date(value)), ""),
    }
    inferred = tuple(name for name in _INFERABLE if guessed[name])
    return DocumentMeta(doc_id=doc_id, inferred=inferred, **guessed)


def header_title(header: Header, field: str) -> str:
    """The 标题 ("title") or a reposting site's 文件名称 ("file_name") a header gives, without
    a 文号 or a site's tag before it ("[重庆]重庆市黔江区关于…的通知")."""
    for value in header.values(field):
        return front_matter.strip_doc_number(value)
    return ""


def header_issuer(header: Header) -> str:
    """The offices a 发文机关 / 制定机关 / 来源 label names, joint issuers joined by 、."""
    for value in header.values("issuer"):
        issuer = front_matter.offices_at_start(value)
        if issuer:
            return issuer
    return ""


def header_date(header: Header) -> str:
    """The first date a header's date labels (成文日期, 发布日期 …) or its 来源 line give."""
    for value in header.values("date") + header.values("issuer"):
        found = parse_date(value)
        if found:
            return found
    return ""


def infer_validity(header: Header, today: Date | None = None) -> str:
    """有效 / 已失效 / 已废止 … from a 有效性 / 时效性 label, or a 失效日期 already past."""
    for value in header.values("validity"):
        for word, form in validity_forms():
            if word in value:
                return form
    for value in header.values("expiry"):
        expiry = parse_date(value)
        if expiry:
            return "已失效" if expiry <= (today or Date.today()).isoformat() else "有效"
    return ""


def infer_region(text: str, issuer: str = "", doc_number: str = "", title: str = "") -> str:
    """The most specific place a document speaks for, from its issuer, its title, its 文号,
    else the place its text names most; 全国 for the central state's texts."""
    places = gazetteer()
    issuer_place = places.place_in(issuer) if issuer else None
    if issuer_place is not None:
        return issuer_place.name
    if is_national(issuer) or front_matter.is_national_title(title):
        return NATIONAL  # 国务院关于鼓励投资开发海南岛的规定 speaks for all of China
    title_place = places.place_in(title) if title else None
    if title_place is not None:
        return title_place.name
    region = region_of_doc_number(doc_number)
    if region:
        return region
    body = text[:_BODY_SCAN]
    if speaks_nationally(body):
        return NATIONAL
    place = places.most_named(body)
    return place.name if place else ""


def region_of_doc_number(doc_number: str) -> str:
    """The region a 文号's prefix names: 鲁政发 -> 山东省, 国办发 -> 全国, 黔江府发 -> 重庆市黔江区."""
    if not doc_number:
        return ""
    data = place_data()
    if doc_number.startswith(tuple(data["national"]["doc_prefixes"])):
        return NATIONAL
    head = doc_number[0]
    province = next((name for name, short in data["province_abbreviations"].items()
                     if short == head), "")
    if province:
        return province
    if head in data["city_doc_prefixes"]["names"]:
        return str(data["city_doc_prefixes"]["names"][head])
    for length in (4, 3, 2):  # 黔江府发〔2015〕23号: a place's short name leads the 文号
        place = gazetteer().lookup(doc_number[:length])
        if place is not None:
            return place.name
    return ""
