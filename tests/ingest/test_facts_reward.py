"""Reward facts: 分别 pairing, honour lists, funding rules, and amounts never invented."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ingest.document import Document, DocumentMeta, content_hash
from ingest.fact import Reward
from ingest.facts import extract_facts
from ingest.facts.enumeration import normalise_amount, split_items
from ingest.pipeline import parse_file

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "documents"

# Every reward of 003 read by hand: 2+2+2 quality awards, 2 engineering awards (one amount each),
# 2 老字号, 3 景区 levels, 4 standards, 2 trademarks = 19.
REWARDS_003 = [
    ("中国质量奖", "200万元"), ("中国质量奖提名奖", "100万元"),
    ("长江质量奖", "100万元"), ("长江质量奖提名奖", "50万元"),
    ("荆江质量奖", "50万元"), ("荆江质量奖提名奖", "30万元"),
    ("鲁班奖", "50万元"), ("詹天佑奖", "50万元"),
    ("中华老字号", "50万元"), ("老字号", "30万元"),
    ("国家5A级旅游景区", "100万元"), ("4A级旅游景区", "50万元"), ("3A级旅游景区", "20万元"),
    ("主导制修订国家标准", "20万元"), ("主导制修订行业标准", "15万元"),
    ("主导制修订团体(联盟)标准", "10万元"), ("主导制修订省级地方标准", "2万元"),
    ("中国驰名商标", "50万元"), ("地理标志", "10万元"),
]


@cache
def rewards(prefix: str) -> list[Reward]:
    parsed = parse_file(next(SEEDS.glob(f"{prefix}_*.txt")))
    return [f for f in extract_facts(parsed.document, parsed.chunks) if isinstance(f, Reward)]


def rewards_of(text: str) -> list[Reward]:
    document = Document(DocumentMeta("t", "测试"), text, content_hash(text))
    return [f for f in extract_facts(document) if isinstance(f, Reward)]


def test_every_reward_amount_of_003() -> None:
    assert [(r.honour, r.amount) for r in rewards("003")] == REWARDS_003
    assert all(r.qualifier == "一次性" for r in rewards("003"))


def test_amounts_in_wan_follow_the_written_amount() -> None:
    assert [r.amount_wan for r in rewards("003")][:3] == [200.0, 100.0, 100.0]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("对获得中国质量奖、中国质量奖提名奖的一次性分别给予200万元、100万元奖励。",
     [("中国质量奖", "200万元"), ("中国质量奖提名奖", "100万元")]),
    ("评定为国家5A级、4A级、3A级旅游景区的一次性分别给予100万元、50万元、20万元奖励。",
     [("国家5A级旅游景区", "100万元"), ("4A级旅游景区", "50万元"), ("3A级旅游景区", "20万元")]),
    ("主导制修订国家标准、行业标准、团体(联盟)标准、省级地方标准项目的一次性分别资助20万元、15万元、10万元、2万元。",
     [("主导制修订国家标准", "20万元"), ("主导制修订行业标准", "15万元"),
      ("主导制修订团体(联盟)标准", "10万元"), ("主导制修订省级地方标准", "2万元")]),
    ("对获得中国驰名商标、地理标志的一次性分别给予50万元、10万元奖励。",
     [("中国驰名商标", "50万元"), ("地理标志", "10万元")]),
    ("对主创工程获得“鲁班奖”“詹天佑奖”的一次性给予50万元奖励。",
     [("鲁班奖", "50万元"), ("詹天佑奖", "50万元")]),
])
def test_respectively_pairs_item_by_item(sentence: str, expected: list) -> None:
    assert [(r.honour, r.amount) for r in rewards_of(sentence)] == expected


def test_condition_verb_and_recipient() -> None:
    luban = rewards_of("对主创工程获得“鲁班奖”“詹天佑奖”的一次性给予50万元奖励。")
    assert {r.condition for r in luban} == {"主创工程"} and {r.verb for r in luban} == {"奖励"}
    standard = rewards_of("主导制修订国家标准项目的一次性资助20万元。")
    assert standard[0].verb == "资助" and standard[0].honour == "主导制修订国家标准"


@pytest.mark.parametrize(("sentence", "honour", "amount", "qualifier"), [
    ("对新获得中国质量奖的企业,一次性奖励不超过100万元。", "中国质量奖", "100万元", "一次性、不超过"),
    ("对获得省长质量奖的企业给予50万元奖励。", "省长质量奖", "50万元", ""),
    ("对认定为国家技术标准创新基地的单位,给予30万元资助。", "国家技术标准创新基地", "30万元", ""),
    ("获得市长质量奖的,奖励20万元。", "市长质量奖", "20万元", ""),
])
def test_generic_forms_of_other_cities(sentence: str, honour: str, amount: str,
                                       qualifier: str) -> None:
    (reward,) = rewards_of(sentence)
    assert (reward.honour, reward.amount, reward.qualifier) == (honour, amount, qualifier)


def test_table_of_honour_and_amount() -> None:
    found = rewards_of("序号 | 荣誉 | 奖励金额 |\n1 | 中国质量奖 | 200万元 |\n2 | 省长质量奖 | 不超过50万元 |")
    assert [(r.honour, r.amount, r.qualifier) for r in found] == [
        ("中国质量奖", "200万元", ""), ("省长质量奖", "50万元", "不超过")]


def test_funding_rule_attached_by_award_class() -> None:
    by_honour = {r.honour: r for r in rewards("003")}
    government = "获得国家级、省级、市级政府质量奖的奖励资金由市级财政承担"
    other = "其他奖项的奖励资金,市中心城区单位按现行财政体制分担,县市单位由所在县市财政承担"
    for honour in ("中国质量奖", "中国质量奖提名奖", "长江质量奖", "荆江质量奖提名奖"):
        assert by_honour[honour].funding == government
    for honour in ("鲁班奖", "中华老字号", "4A级旅游景区", "主导制修订行业标准", "地理标志"):
        assert by_honour[honour].funding == other


def test_ocr_amount_is_mended() -> None:
    (_, nominee) = rewards_of("对获得中国质量奖、中国质量奖提名奖的一次性分别给予200万元、IOO万元奖励。")
    assert (nominee.amount, nominee.amount_wan) == ("100万元", 100.0)
    assert normalise_amount("5000", "元") == ("5000元", 0.5)


@pytest.mark.parametrize("honour", ["省长质量奖", "制造业单项冠军企业", "质量标杆企业"])
def test_honours_named_only_as_targets_get_no_amount(honour: str) -> None:
    everything = rewards("000") + rewards("001") + rewards("002") + rewards("003")
    assert not [r for r in everything if honour in r.honour]


def test_shandong_documents_hold_no_reward_amounts() -> None:
    assert rewards("000") == rewards("001") == rewards("002") == []


def test_mismatched_counts_are_not_guessed() -> None:
    assert rewards_of("对获得甲奖、乙奖、丙奖的分别给予10万元、5万元奖励。") == []


def test_split_items_keeps_complete_names_apart() -> None:
    assert split_items("中国质量奖、中国质量奖提名奖") == ["中国质量奖", "中国质量奖提名奖"]
    assert split_items("中华老字号、老字号") == ["中华老字号", "老字号"]
    assert split_items("中国驰名商标、地理标志") == ["中国驰名商标", "地理标志"]
