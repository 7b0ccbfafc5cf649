"""Responsibility facts, verbatim spans and the fact round-trip, on the real seed text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ingest.document import Chunk, Document, DocumentMeta, ParsedDocument, content_hash
from ingest.fact import FactKind, Responsibility, fact_from_dict, fact_to_dict
from ingest.facts import extract_facts, parse_units
from ingest.pipeline import parse_file, parse_text

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "documents"


@cache
def seed(prefix: str) -> tuple[ParsedDocument, tuple]:
    parsed = parse_file(next(SEEDS.glob(f"{prefix}_*.txt")))
    return parsed, extract_facts(parsed.document, parsed.chunks)


def responsibilities(prefix: str) -> list[Responsibility]:
    return [f for f in seed(prefix)[1] if isinstance(f, Responsibility)]


def hand_built(text: str, doc_id: str = "t") -> Document:
    return Document(DocumentMeta(doc_id, "测试"), text, content_hash(text))


@pytest.mark.parametrize(("text", "lead", "cooperate", "joint"), [
    ("省市场监管局牵头,省发展改革委、省工业和信息化厅、省商务厅配合",
     ("省市场监管局",), ("省发展改革委", "省工业和信息化厅", "省商务厅"), ()),
    ("省市场监管局负责", ("省市场监管局",), (), ()),
    ("省科技厅、省总工会按职责分工负责。", (), (), ("省科技厅", "省总工会")),
    ("省市场监管局牵头,省有关部门按职责分工负责", ("省市场监管局",), ("省有关部门",), ()),
    ("市质量强市及品牌战略推进工作领导小组成员单位,市委宣传部", (), (),
     ("市质量强市及品牌战略推进工作领导小组成员单位", "市委宣传部")),
    ("市经信局、市科技局,市市场监管局", (), (), ("市经信局", "市科技局", "市市场监管局")),
])
def test_unit_forms(text: str, lead: tuple, cooperate: tuple, joint: tuple) -> None:
    assert parse_units(text) == (lead, cooperate, joint)


def test_every_table_row_of_000_gives_one_fact_with_its_units() -> None:
    facts = responsibilities("000")
    assert [f.span.row for f in facts] == list(range(1, 21))
    row = {f.span.row: f for f in facts}
    assert row[10].lead == ("省商务厅",)
    assert row[10].cooperate == ("省市场监管局", "青岛海关", "济南海关")
    assert row[10].heading == "(六)做好“好品山东”宣传推广"
    assert row[11].heading == "(六)做好“好品山东”宣传推广"  # blank in the row, carried down
    assert row[7].lead == ("省市场监管局",) and not row[7].cooperate
    assert row[5].joint == ("省科技厅", "省总工会") and not row[5].lead  # no invented lead
    assert len(row[15].joint) == 14 and row[15].joint[2] == "团省委"
    assert row[13].heading == "(一)加强组织领导"


def test_each_responsibility_item_of_001_and_003() -> None:
    assert len(responsibilities("001")) == 24
    facts_003 = responsibilities("003")
    assert len(facts_003) == 13  # 12 "(责任单位/责任部门:…)" items + one "X负责" sentence
    first = facts_003[0]
    assert first.task == "开展制造业质量提升行动"
    assert first.joint == ("市经信局", "市科技局", "市市场监管局") and not first.lead
    social = next(f for f in facts_003 if f.task == "推进社会共治")  # (责任部门:…) across a page break
    assert "市发改委" in social.joint
    overall = facts_003[-1]
    assert overall.lead == ("市市场监管局",) and overall.task == "统筹协调、指导推进各项工作"
    weihai = responsibilities("001")[2]
    assert weihai.task == "加强统筹协调,提升工作合力"
    assert weihai.joint == ("市委宣传部", "市质量强市及品牌战略推进工作领导小组成员单位")
    assert weihai.heading == "1.全力推进质量强市建设"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_spans_are_verbatim_and_hold_the_units_or_amount(prefix: str) -> None:
    parsed, facts = seed(prefix)
    text = parsed.document.text
    for fact in facts:
        assert fact.span.quote == text[fact.span.start:fact.span.end]
        assert fact.span.doc_id == parsed.document.doc_id
        if isinstance(fact, Responsibility):
            names = (*fact.lead, *fact.cooperate, *fact.joint)
            assert names and all(name in fact.span.quote for name in names)
        if fact.kind is FactKind.REWARD:
            assert fact.amount in fact.span.quote
            assert fact.funding_span.quote == text[fact.funding_span.start:fact.funding_span.end]


def test_spans_carry_chunk_provenance() -> None:
    parsed, facts = seed("000")
    chunk_ids = {chunk.chunk_id for chunk in parsed.chunks}
    assert all(fact.span.chunk_id in chunk_ids for fact in facts)


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_facts_survive_the_json_round_trip(prefix: str) -> None:
    for fact in seed(prefix)[1]:
        assert fact_from_dict(fact_to_dict(fact)) == fact


def test_fact_ids_are_stable_and_distinct() -> None:
    parsed, facts = seed("003")
    again = extract_facts(parsed.document, parsed.chunks)
    assert [f.fact_id for f in facts] == [f.fact_id for f in again]
    assert len({f.fact_id for f in facts}) == len(facts)


def test_extraction_works_without_chunks() -> None:
    parsed, facts = seed("001")
    bare = extract_facts(parsed.document, ())
    assert [(f.kind, f.span.start, f.span.end) for f in bare] == [
        (f.kind, f.span.start, f.span.end) for f in facts]


OTHER_CITY = """某市质量奖励办法
第一条 为推进质量强市建设,制定本办法。
第五条 对新获得中国质量奖的企业,一次性奖励不超过100万元。
第六条 对获得省长质量奖的组织,给予50万元奖励。
第七条 本办法由市市场监督管理局负责解释。
第八条 质量品牌发展专项资金由市财政局、市市场监督管理局按职责分工负责管理。
"""


def test_another_city_style_needs_no_code_change() -> None:
    parsed = parse_text(OTHER_CITY, DocumentMeta("other", "某市质量奖励办法", region="河南省郑州市"))
    facts = extract_facts(parsed.document, parsed.chunks)
    responsibility = [f for f in facts if isinstance(f, Responsibility)]
    assert [(f.lead, f.joint) for f in responsibility] == [
        (("市市场监督管理局",), ()), ((), ("市财政局", "市市场监督管理局"))]
    assert responsibility[0].task == "解释"
    rewards = [f for f in facts if f.kind is FactKind.REWARD]
    assert [(r.honour, r.amount, r.qualifier, r.recipient) for r in rewards] == [
        ("中国质量奖", "100万元", "一次性、不超过", "企业"),
        ("省长质量奖", "50万元", "", "组织"),
    ]
    assert rewards[0].condition == "新获得"


def test_hand_built_chunks_give_section_path_to_spans() -> None:
    text = "(二)强化政策支持。市市场监管局负责统筹协调、指导推进各项工作。"
    document = hand_built(text)
    chunk = Chunk("c1", "t", text, 0, len(text), section_path=("三、组织保障", "(二)强化政策支持"))
    (fact,) = extract_facts(document, [chunk])
    assert fact.span.section_path == chunk.section_path and fact.heading == "(二)强化政策支持"
    assert fact.span.quote == "市市场监管局负责统筹协调、指导推进各项工作"
