"""The sentence checker on hand-made sources: what it keeps, what it drops, and why."""

from __future__ import annotations

import pytest

from app.answer import Citation
from app.verify import (
    SentenceSplitter,
    Source,
    check_sentence,
    chinese_number,
    cited_numbers,
    claims_of,
    split_sentences,
)
from ingest.document import Span
from ingest.fact import Responsibility, Reward

REWARD_QUOTE = "对获得中国质量奖、中国质量奖提名奖的一次性分别给予200万元、100万元奖励"
TASK_QUOTE = "做好“好品山东”宣传推广 | 省商务厅牵头,省市场监管局、青岛海关、济南海关配合"


def citation(n: int, quote: str) -> Citation:
    return Citation(n=n, doc_id=f"doc{n}", title="测试意见", issuer="某市人民政府",
                    date="2023-03-28", region="湖北省", quote=quote, start=0, end=len(quote))


def span(n: int, quote: str) -> Span:
    return Span(doc_id=f"doc{n}", start=0, end=len(quote), quote=quote)


@pytest.fixture
def sources() -> list[Source]:
    rewards = (
        Reward(fact_id="r1", span=span(1, REWARD_QUOTE), honour="中国质量奖", amount="200万元"),
        Reward(fact_id="r2", span=span(1, REWARD_QUOTE), honour="中国质量奖提名奖",
               amount="100万元"),
    )
    task = Responsibility(fact_id="t1", span=span(2, TASK_QUOTE), task="宣传推广",
                          lead=("省商务厅",), cooperate=("省市场监管局", "青岛海关", "济南海关"))
    return [Source(1, citation(1, REWARD_QUOTE), rewards),
            Source(2, citation(2, TASK_QUOTE), (task,))]


def problems(sentence: str, sources: list[Source]) -> tuple[str, ...]:
    return check_sentence(sentence, sources).problems


@pytest.mark.parametrize("sentence", [
    "获得中国质量奖的企业一次性奖励200万元[1]。",
    "中国质量奖、中国质量奖提名奖分别奖励 200 万元、100万元。[1]",
    "获得中国质量奖提名奖奖励一百万元【1】。",
    "宣传推广由省商务厅牵头,山东省市场监督管理局、青岛海关配合[2]。",
    "该意见由某市人民政府于2023年3月28日印发[1]。",
    "1. 宣传推广由省商务厅负责牵头[2]",
])
def test_a_faithful_sentence_is_kept(sentence: str, sources: list[Source]) -> None:
    assert problems(sentence, sources) == ()


@pytest.mark.parametrize(("sentence", "reason"), [
    ("获得中国质量奖的企业奖励200万元。", "没有引用"),
    ("获得中国质量奖的企业奖励200万元[9]。", "不存在"),
    ("获得中国质量奖的企业奖励200万元[1][9]。", "不存在"),
    ("获得中国质量奖的企业奖励300万元[1]。", "金额 300万元"),
    ("获得中国质量奖的企业奖励三百万元[1]。", "金额 300万元"),
    ("获得中国质量奖的企业奖励100万元[1]。", "该奖项的金额不符"),  # the nominee's amount
    ("宣传推广由省财政厅牵头[2]。", "省财政厅"),
    ("宣传推广由省市场监管局牵头[2]。", "省市场监管局牵头"),  # it cooperates, it does not lead
    ("宣传推广由市市场监管局配合[2]。", "市市场监管局"),  # a city bureau is not the province's
    ("到2025年新增企业50家[1]。", "数字 2025"),
    ("奖励资金占比达到80%[1]。", "百分比 80%"),
    ("中国质量奖奖励200万元[2]。", "金额 200万元"),  # cites a source without the amount
])
def test_an_unsupported_sentence_is_dropped_with_its_reason(
    sentence: str, reason: str, sources: list[Source]
) -> None:
    found = problems(sentence, sources)
    assert found, f"kept: {sentence}"
    assert any(reason in problem for problem in found), found


def test_an_amount_is_read_however_it_is_written() -> None:
    expected = frozenset({1_000_000.0})
    for text in ("100万元", "100 万元", "１００万元", "一百万元", "1,000,000元"):
        assert claims_of(text).money == expected, text
    assert claims_of("分别给予200、100万元").money == {2_000_000.0, 1_000_000.0}
    assert claims_of("5000元、10万元").money == {5_000.0, 100_000.0}
    assert claims_of("百分之八十").percents == {80.0}
    assert claims_of("二〇二五年").numbers == {2025.0}
    assert chinese_number("一千五百") == 1500 and chinese_number("十") == 10


def test_citation_marks_after_the_full_stop_stay_with_their_sentence() -> None:
    text = "中国质量奖奖励200万元。[1] 提名奖100万元[1][2]。\n- 资金由市级财政承担 [2]\n希望有帮助！"
    assert split_sentences(text) == [
        "中国质量奖奖励200万元。[1]", "提名奖100万元[1][2]。", "- 资金由市级财政承担 [2]", "希望有帮助！",
    ]
    assert cited_numbers("甲[1,3]乙【2】") == (1, 3, 2)


def test_streamed_pieces_split_as_the_whole_text_does() -> None:
    text = "甲奖励200万元。[1]乙由省商务厅牵头[2]。 [3] 丙。[4"
    splitter, streamed = SentenceSplitter(), []
    for char in text:
        streamed += splitter.feed(char)
    assert streamed == ["甲奖励200万元。[1]", "乙由省商务厅牵头[2]。 [3]"]
    assert streamed + splitter.flush() == split_sentences(text)
