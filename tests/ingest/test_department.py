"""Department names: canonical names, aliases, splitting lists, partial matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.cleaner import clean_text
from ingest.department import (
    aliases_of,
    canonical,
    find_mentions,
    load_units,
    match_units,
    same_unit,
    split_units,
    unit_of,
)
from ingest.terms import domain_terms, find_honours, honour_key

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "documents"


@pytest.mark.parametrize(("name", "expected"), [
    ("山东省市场监督管理局", "省市场监管局"), ("省市场监管局", "省市场监管局"),
    ("市市场监督管理局", "市市场监管局"), ("市经信局", "市工业和信息化局"),
    ("市工业和信息化局", "市工业和信息化局"), ("市发改委", "市发展改革委"),
    ("市文旅局", "市文化和旅游局"), ("市住建局", "市住房城乡建设局"), ("某不存在的局", "某不存在的局"),
])
def test_canonical(name: str, expected: str) -> None:
    assert canonical(name) == expected


def test_aliases_and_levels() -> None:
    assert "市经信局" in aliases_of("市工业和信息化局")
    assert aliases_of("省市场监管局")[0] == "省市场监管局"
    assert unit_of("青岛海关").level == "国家"
    assert unit_of("省商务厅").level == "省" and unit_of("省商务厅").region == "山东省"
    assert unit_of("市市场监管局").region == ""  # Weihai's in 001, a Hubei city's in 003


def test_split_units() -> None:
    assert split_units("省发展改革委、省工业和信息化厅,省商务厅") == [
        "省发展改革委", "省工业和信息化厅", "省商务厅"]
    assert split_units(" 市委宣传部，市委网信办。") == ["市委宣传部", "市委网信办"]


def test_partial_names_match_both_levels() -> None:
    assert match_units("市场监管局") == ["省市场监管局", "市市场监管局"]
    assert match_units("市场监督管理局") == ["省市场监管局", "市市场监管局"]
    assert match_units("发改委") == ["省发展改革委", "市发展改革委"]
    assert match_units("市经信局") == ["市工业和信息化局"]
    assert same_unit("市场监管局", "山东省市场监督管理局")
    assert not same_unit("市场监管局", "省商务厅")
    assert find_mentions("市场监管局负责哪些工作") == ["市场监管局"]


def test_every_unit_named_in_the_seeds_is_known() -> None:
    lists = []
    for path in SEEDS.glob("*.txt"):
        text = clean_text(path.read_text("utf-8"))
        lists += re.findall(r"责任(?:单位|部门)[:：]([^)）]+)", text)
        lists += [[c for c in line.split("|") if c.strip()][-1]
                  for line in text.splitlines() if re.match(r"\d+ \|", line)]
    names = set()
    for item in lists:
        item = re.sub(r"\s+", "", item).replace("牵头", "、").replace("按职责分工负责", "")
        item = re.sub(r"配合|负责|\|", "", item)
        names.update(split_units(item))
    unknown = {name for name in names if unit_of(name) is None}
    assert not unknown
    assert len(load_units()) >= 45


def test_domain_terms_hold_units_and_honours() -> None:
    terms = set(domain_terms())
    for term in ("省市场监管局", "山东省市场监督管理局", "市场监管局", "团省委", "好品山东",
                 "中国质量奖提名奖", "省长质量奖", "5A级旅游景区", "质量强国标杆城市", "詹天佑奖"):
        assert term in terms


def test_honour_keys_meet_and_stay_apart() -> None:
    assert honour_key("国家5A级旅游景区") == honour_key("5A级景区") == "5A级旅游景区"
    assert honour_key("主导制修订团体(联盟)标准") == honour_key("主导制定团体标准")
    assert honour_key("驰名商标") == honour_key("中国驰名商标")
    assert honour_key("老字号") != honour_key("中华老字号")
    names = ["中国质量奖", "中国质量奖提名奖", "长江质量奖", "省长质量奖"]
    assert find_honours("中国质量奖提名奖奖励多少", names) == ["中国质量奖提名奖"]
    assert find_honours("省长质量奖奖励多少", names) == ["省长质量奖"]
    assert find_honours("中国质量奖和长江质量奖", names) == ["中国质量奖", "长江质量奖"]
