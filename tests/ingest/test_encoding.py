"""decode_bytes: UTF-8 with and without BOM, GBK without BOM, binary refused."""

from __future__ import annotations

import pytest

from ingest.encoding import decode_bytes
from ingest.errors import UnreadableFile
from tests.ingest.conftest import DATA

EXPECTED_START = "威海市人民政府关于推进质量强市的通知"


def test_gbk_without_bom_is_decoded() -> None:
    data = (DATA / "notice_gbk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    assert decode_bytes(data, "notice_gbk.txt").startswith(EXPECTED_START)


def test_utf8_bom_is_dropped() -> None:
    text = decode_bytes((DATA / "notice_utf8_bom.txt").read_bytes(), "notice_utf8_bom.txt")
    assert text.startswith(EXPECTED_START)
    assert "〔2024〕" in text


def test_plain_utf8() -> None:
    assert decode_bytes("一、总体要求".encode(), "a.txt") == "一、总体要求"


def test_utf16_with_bom() -> None:
    assert decode_bytes("第一条 总则".encode("utf-16"), "a.txt") == "第一条 总则"


def test_binary_file_is_unreadable_and_named() -> None:
    with pytest.raises(UnreadableFile, match="image.txt"):
        decode_bytes((DATA / "image.txt").read_bytes(), "image.txt")


def test_control_bytes_without_nul_are_unreadable() -> None:
    data = bytes(range(1, 32)) * 20
    with pytest.raises(UnreadableFile):
        decode_bytes(data, "noise.bin")
