"""Metadata: sidecars win per field; the rest is inferred from the text and listed as such."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import UnreadableFile
from ingest.metadata import infer_metadata, parse_date, read_sidecar, resolve_metadata
from tests.ingest.conftest import SEEDS, cleaned_seed

SYNTHETIC = """威海市人民政府办公室
威政办字[2024]5号
威海市人民政府办公室关于印发质量提升行动方案的通知
各区市人民政府:
现将方案印发给你们,请认真贯彻执行。
根据《山东省质量强省建设纲要》(鲁政发〔2023〕3号)制定。
威海市人民政府办公室
2024年3月1日
"""


def test_001_inferred_without_sidecar() -> None:
    meta = infer_metadata(cleaned_seed("001"), "001")
    assert meta.title == "威海市人民政府关于推进质量强市及品牌战略的意见"
    assert meta.issuer == "威海市人民政府"
    assert meta.date == "2024-06-28"
    assert meta.region == "山东省威海市"
    assert meta.source_kind == "意见"
    assert set(meta.inferred) == {"title", "issuer", "date", "region", "source_kind"}


def test_000_inferred_without_sidecar() -> None:
    meta = infer_metadata(cleaned_seed("000"), "000")
    assert meta.title == "共建共享“好品山东”推进落实分工方案"
    assert meta.issuer == "山东省质量强省及品牌战略推进工作领导小组办公室"
    assert meta.date == "2021-06-29"
    assert meta.region == "山东省"
    assert meta.source_kind == "分工方案"


def test_002_inferred_without_sidecar() -> None:
    meta = infer_metadata(cleaned_seed("002"), "002")
    assert meta.title == "部门解读|《关于共建共享“好品山东”推动高质量发展若干措施》"
    assert meta.date == "2021-11-24"
    assert meta.region == "山东省"  # from place names: "好品山东" throughout
    assert meta.source_kind == "政策解读"
    assert meta.issuer == "" and "issuer" not in meta.inferred  # the text does not say


def test_003_not_guessed_as_shandong() -> None:
    meta = infer_metadata(cleaned_seed("003"), "003")
    assert meta.title == "关于全面开展质量品牌提升行动促进经济高质量发展的若干意见"
    assert meta.region == ""  # its issuer was blanked out; it must not become 山东省
    assert meta.issuer == "" and meta.date == ""


def test_synthetic_doc_number_and_city_prefix() -> None:
    meta = infer_metadata(SYNTHETIC, "x")
    assert meta.doc_number == "威政办字[2024]5号"  # the cited 鲁政发〔2023〕3号 is not it
    assert meta.issuer == "威海市人民政府办公室"
    assert meta.date == "2024-03-01"
    assert meta.region == "山东省威海市"
    assert meta.title == "威海市人民政府办公室关于印发质量提升行动方案的通知"
    assert meta.source_kind == "通知"


def test_region_from_province_doc_number() -> None:
    text = "鲁政发〔2021〕12号\n关于推进质量强省建设的意见\n各市人民政府:\n现提出如下意见。"
    meta = infer_metadata(text, "x")
    assert meta.doc_number == "鲁政发〔2021〕12号"
    assert meta.region == "山东省"


def test_region_from_city_doc_number_alone() -> None:
    meta = infer_metadata("威政字[2024]5号\n关于开展检查的通知\n请各单位落实。", "x")
    assert meta.region == "山东省威海市"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021年6月29日", "2021-06-29"),
        ("2024-06-28 10:10:47", "2024-06-28"),
        ("二〇二一年六月二十九日", "2021-06-29"),
        ("2021年13月1日", ""),
        ("无日期", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_read_sidecar_of_seed() -> None:
    given = read_sidecar(SEEDS["003"])
    assert given is not None
    assert given["region"] == "湖北省(推断)"
    assert "doc_number" not in given  # empty in the file: left to inference


def test_missing_sidecar_is_none(tmp_path: Path) -> None:
    assert read_sidecar(tmp_path / "a.txt") is None


def test_broken_sidecar_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="a.meta.json"):
        read_sidecar(tmp_path / "a.txt")


def test_sidecar_wins_per_field_and_rest_is_inferred(tmp_path: Path) -> None:
    (tmp_path / "a.meta.json").write_text(json.dumps({"issuer": "某市人民政府", "x": 1}), "utf-8")
    meta = resolve_metadata(cleaned_seed("001"), "a", read_sidecar(tmp_path / "a.txt"))
    assert meta.issuer == "某市人民政府"
    assert meta.date == "2024-06-28"
    assert "issuer" not in meta.inferred and "date" in meta.inferred
