"""Turn file bytes into text: UTF-8, then GB18030 (GBK superset), then a detector."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ingest.errors import UnreadableFile

# Categories that never occur in real text: controls, private use, unassigned, surrogates.
_BAD_CATEGORIES = {"Cc", "Co", "Cn", "Cs"}
_MAX_BAD_SHARE = 0.01
_WHITESPACE_CONTROLS = set("\t\n\r\f\v")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode `data` (from file `name`) or raise UnreadableFile."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="strict"), name)
    if b"\x00" in data:
        raise UnreadableFile(f"{name}: 含 NUL 字节, 是二进制文件 / binary file (NUL bytes)")
    for codec in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text
    best = from_bytes(data).best()
    if best is not None and looks_like_text(str(best)):
        return str(best)
    raise UnreadableFile(f"{name}: 无法识别的文本编码 / not decodable as text")


def looks_like_text(text: str) -> bool:
    """True when almost every character is something a document could contain."""
    if not text:
        return True
    bad = sum(
        1
        for char in text
        if char not in _WHITESPACE_CONTROLS
        and char != "\ufeff"
        and unicodedata.category(char) in _BAD_CATEGORIES
    )
    bad += text.count("\ufffd")
    return bad / len(text) <= _MAX_BAD_SHARE


def _checked(text: str, name: str) -> str:
    if not looks_like_text(text):
        raise UnreadableFile(f"{name}: 内容不是文本 / mostly non-text characters")
    return text.lstrip("\ufeff")
