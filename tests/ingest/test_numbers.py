"""Amounts as policy texts write them: Arabic, Chinese numerals, ranges, shares, table headers."""

from __future__ import annotations

import pytest

from ingest.numbers import find_amounts, has_date, has_money, has_period, header_unit


@pytest.mark.parametrize(("text", "written", "yuan"), [
    ("一次性奖励30万元", "30万元", 300_000),
    ("奖励 30 万元", "30 万元", 300_000),  # PDF spaces inside an amount
    ("处五万元以下罚款", "五万元", 50_000),
    ("处二千元以上二万元以下的罚款", "二千元", 2_000),
    ("一次性奖励现金十万元", "十万元", 100_000),
    ("实际软件投资额 5—20 万元(含)", "5—20 万元", 200_000),  # a range: its high end
    ("IOO万元", "IOO万元", 1_000_000),  # an OCR slip inside an amount
    ("奖励1.5亿元", "1.5亿元", 150_000_000),
])
def test_money_is_read_as_written(text: str, written: str, yuan: float) -> None:
    amount = find_amounts(text)[0]
    assert amount.written == written and amount.yuan == yuan
    assert text[amount.start:amount.end] == written


@pytest.mark.parametrize(("text", "percent"), [
    ("按百分之三十给予补助", 30.0), ("分别按15%、25%、30%给予补助", 15.0), ("按 5 %", 5.0),
])
def test_shares_are_amounts(text: str, percent: float) -> None:
    assert find_amounts(text)[0].percent == percent


@pytest.mark.parametrize("text", ["统一元旦假期", "第一元素", "推进统一大市场"])
def test_words_ending_in_yuan_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_a_bare_number_under_a_unit_bearing_header_is_money() -> None:
    header = "列:序号 | 奖励事项 | 奖励金额(万元)"
    assert header_unit(header) == "万元"
    assert has_money("2 | 获得市级政府质量奖 | 20", header)
    assert not has_money("2 | 获得市级政府质量奖 | 20", "列:序号 | 奖励事项 | 备注")


def test_periods_and_dates() -> None:
    assert has_period("市长质量奖每两年评选一次") and has_period("二十四小时内报告")
    assert has_period("不得参加下一届评审") and not has_period("有效期内不再具备条件")
    assert has_date("自2021年3月1日起施行") and has_date("二○一一年八月十七日")
    assert not has_date("到2025年")  # a year alone is no day


def test_a_count_of_named_things_is_a_count() -> None:
    from ingest.numbers import has_count

    assert has_count("围绕全市八大产业集群,加快实施质量提升行动")
    assert has_count("深入推进品牌建设“四大工程”")
    assert not has_count("培育一大批知名品牌")
    assert not has_count("扩大品牌影响力")


def test_a_multiple_of_a_sum_is_money() -> None:
    assert has_money("并处违法所得1倍以上3倍以下的罚款")
    assert has_money("由劳动行政部门责令给予本人年收入二倍的赔偿")
    assert not has_money("产量翻两倍")
