"""A document's own header: labelled metadata above its text, read as fields, never quoted.

Government sites and law databases write it in a few ways, all read here:
    发文机关:上海市农业委员会、上海市财政局           (label and value on one line)
    发文字号:                                      (the value on the next line)
    沪农委[2011]306号
    索 引 号 失效时间                               (a table, labels spaced out, values empty)
    标  题 河南省人民政府办公厅关于…的通知
    …的通知文章属性•【制定机关】南昌市人民政府•【公布日期】2021.10.20•…正文…  (run into a line)
The labels are data (ingest/data/header_labels.json).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TOP_LINES = 40  # a header stands above the text, never further down
_VALUE_MAX = 60
_BULLET = re.compile(r"^[\s•·●▪◆■*\-|]+")
_SEPARATORS = " \t|•·:："


@dataclass(frozen=True)
class Header:
    """The labelled fields of a document's header and where they stand in its text."""

    fields: tuple[tuple[str, str], ...] = ()  # (field, value) in reading order, values non-empty
    spans: tuple[tuple[int, int], ...] = ()  # character ranges of the text the header takes

    def values(self, field: str) -> list[str]:
        """Every value given for `field` ("issuer", "date" …), in reading order."""
        return [value for name, value in self.fields if name == field]


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Each label (发文机关, 标题 …) to the field it fills."""
    raw = resources.files("ingest").joinpath("data/header_labels.json").read_text("utf-8")
    fields: dict[str, list[str]] = json.loads(raw)["fields"]
    return {label: field for field, labels in fields.items() for label in labels}


@lru_cache(maxsize=1)
def validity_forms() -> tuple[tuple[str, str], ...]:
    """(word, standing) pairs: 现行有效 holds 有效, so it stands 有效."""
    raw = resources.files("ingest").joinpath("data/header_labels.json").read_text("utf-8")
    return tuple((word, form) for word, form in json.loads(raw)["validity"]["forms"])


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # "索 引 号" and "标  题": a table spaces a label out to its column's width
    spaced = "|".join(r"\s*".join(map(re.escape, label))
                      for label in sorted(_labels(), key=len, reverse=True))
    # a label at the start of the line or of a table cell, then a colon, a space or the end
    line_label = re.compile(rf"(?:^|(?<=[\s|•]))(?P<label>{spaced})(?P<colon>\s*[:：]|(?=\s)|$)")
    # "【制定机关】南昌市人民政府•【公布日期】2021.10.20": bracketed labels run into a line
    bracketed = re.compile(
        rf"(?:文章属性\s*•?\s*)?(?:•?\s*【(?:{spaced})】[^•【\n]{{0,{_VALUE_MAX}}}?(?=•|【|正文|\n|$))+"
        r"(?:正文)?"
    )
    return line_label, bracketed


def read_header(text: str) -> Header:
    """The labelled fields near the top of `text` and the spans they take."""
    fields: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []
    lines = _lines_with_offsets(text)[:_TOP_LINES]
    labelled = [_line_fields(line) for _, line in lines]
    sure = [found is not None and found[1] for found in labelled]
    index = 0
    while index < len(lines):
        start, line = lines[index]
        found = labelled[index]
        # a line with a bare label ("标  题 …") counts beside a sure one: a table's rows
        if found is None or not any(sure[max(0, index - 2) : index + 3]):
            for match in _patterns()[1].finditer(line):  # 【制定机关】… run into a line
                fields += _bracketed_fields(match.group())
                spans.append((start + match.start(), start + match.end()))
            index += 1
            continue
        pairs, end = found[0], start + len(line) + 1  # the line with its line break
        field, value = pairs[-1]
        if not value and index + 1 < len(lines) and labelled[index + 1] is None:
            below_start, below = lines[index + 1]
            if _is_value_line(below) and _fits(field, below.strip()):  # "发文机关:\n上海市…"
                pairs = [*pairs[:-1], (field, below.strip())]
                end = below_start + len(below) + 1
                index += 1
        fields += [(name, value) for name, value in pairs if value]
        spans.append((start, end))
        index += 1
    return Header(tuple(fields), tuple(spans))


def drop_header(text: str, header: Header | None = None) -> str:
    """`text` without its header: the labelled lines and blocks go, the rest stays as it was."""
    header = header or read_header(text)
    kept, position = [], 0
    for start, end in header.spans:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    lines = "".join(kept).split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip()


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Non-blank lines of `text` with the offset each starts at."""
    found, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((offset, line))
        offset += len(line) + 1
    return found


def _line_fields(line: str) -> tuple[list[tuple[str, str]], bool] | None:
    """(field, value) pairs of a line that starts with a label, and whether the line is
    surely a header: a colon, a pipe, or two labels; None for any other line."""
    body = _BULLET.sub("", line)
    matches = list(_patterns()[0].finditer(body))
    if not matches or matches[0].start() != 0:
        return None
    pairs = []
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(body)
        label = re.sub(r"\s", "", match.group("label"))
        pairs.append((_labels()[label], body[match.end() : end].strip(_SEPARATORS)))
    if any(len(value) > _VALUE_MAX * 2 or "。" in value for _, value in pairs):
        return None  # a sentence that starts with a label's word: "日期 确定后…。"
    # "日期 | 金额 | 备注" heads a table of figures: a pipe row is a header only as label | value
    piped = "|" in body and len([cell for cell in body.split("|") if cell.strip()]) == 2
    sure = bool(matches[0].group("colon").strip()) or piped or len(matches) >= 2
    return pairs, sure


def _is_value_line(line: str) -> bool:
    """Whether a line can be a label's value written below it: short, no sentence."""
    stripped = line.strip()
    return len(stripped) <= _VALUE_MAX and "。" not in stripped and not stripped.endswith((":", "："))


def _fits(field: str, value: str) -> bool:
    """Whether a line below an empty label can be its value: a date for a date, an office for
    an issuer ("实施时间:" above "渝文备〔2016〕294号" has no value)."""
    if field in ("date", "effective", "expiry"):
        return bool(re.search(r"\d{4}\s*[年\-/.]\s*\d{1,2}|^\d{8}$|[〇○零一二]{3,4}年", value))
    if field == "doc_number":
        return "号" in value
    if field == "issuer":
        return bool(re.search(r"(政府|厅|局|委|会|室|部|署|院|组|中心|办)$", value))
    return True


def _bracketed_fields(block: str) -> list[tuple[str, str]]:
    """Fields of a "【制定机关】南昌市人民政府•【公布日期】2021.10.20" block."""
    pairs = []
    for match in re.finditer(r"【([^】]+)】([^•【]*)", block.removesuffix("正文")):
        label = re.sub(r"\s", "", match.group(1))
        value = match.group(2).strip(_SEPARATORS)
        if label in _labels() and value:
            pairs.append((_labels()[label], value))
    return pairs
