"""Matching a question's content words to fact texts, and honours named in lists."""

from __future__ import annotations

import pytest

from app.fact_match import best_matches, question_items, question_terms
from ingest.terms import HONOURS, find_honours, honour_key

ROWS = [
    "构建“好品山东”产品、企业、行业、区域、地理标志产品“4+1”品牌体系",
    "加强国外重大技术性贸易措施跟踪、研判、预警和应对",
    "统筹我省品牌建设各项扶持政策,建立质量发展资金,加大财政资金的投入",
    "加快推进全面质量管理、卓越绩效管理等先进质量管理模式运用普及",
]


@pytest.mark.parametrize(("question", "terms"), [
    ("构建“好品山东”品牌体系这件事，是省里哪个部门牵头抓的？", {"构建", "好品山东", "品牌", "体系"}),
    ("搞“4+1”品牌体系，除了牵头单位，还有哪些部门要配合？", {"4+1", "品牌", "体系"}),
])
def test_filler_words_are_not_content(question: str, terms: set[str]) -> None:
    assert question_terms(question) == terms


def test_items_split_only_where_the_question_lists() -> None:
    assert len(question_items("国家级、省级质检中心")) == 2
    assert question_terms("威海推广全面质量管理、卓越绩效") == {"推广", "全面", "质量", "管理",
                                                              "卓越", "绩效"}


@pytest.mark.parametrize(("question", "row"), [
    ("4+1品牌体系谁牵头", 0), ("技术性贸易措施的预警归谁管", 1),
    ("加大财政投入、建立质量发展资金由哪些部门负责", 2), ("推广卓越绩效等先进管理模式谁负责", 3),
])
def test_best_match_is_the_row_that_holds_the_question(question: str, row: int) -> None:
    assert best_matches(question, ROWS, str)[0] == ROWS[row]


@pytest.mark.parametrize("question", ["航天发射由谁负责", "奖金由哪级财政出钱", "品牌建设格局是什么样的"])
def test_no_match_below_the_threshold(question: str) -> None:
    assert best_matches(question, ROWS, str) == []


@pytest.mark.parametrize(("question", "keys"), [
    ("5A、4A级景区各奖多少", ["5A级旅游景区", "4A级旅游景区"]),
    ("新增3A级和4A级旅游景区", ["3A级旅游景区", "4A级旅游景区"]),
    ("中国质量奖与其提名奖", ["中国质量奖", "中国质量奖提名奖"]),
    ("驰名商标、地理标志", ["中国驰名商标", "地理标志"]),
])
def test_honours_named_in_a_list(question: str, keys: list[str]) -> None:
    assert find_honours(question, HONOURS) == keys


@pytest.mark.parametrize(("name", "key"), [
    ("临沂市市长质量奖", "市长质量奖"), ("威海市长质量奖", "市长质量奖"),
    ("湖北省长江质量奖", "长江质量奖"), ("中国质量奖", "中国质量奖"),
])
def test_honour_key_drops_the_place(name: str, key: str) -> None:
    assert honour_key(name) == key
