"""Responsibility facts from layouts of other provinces, on small texts written in their style."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.department import looks_like_unit, split_units, unit_of
from ingest.document import DocumentMeta
from ingest.fact import Responsibility
from ingest.facts import extract_facts, parse_units
from ingest.pipeline import parse_file, parse_text

DEVCORPUS = Path("/work/shared/devcorpus")


def responsibilities(text: str) -> list[Responsibility]:
    parsed = parse_text(text, DocumentMeta("layout", "测试"))
    facts = [f for f in extract_facts(parsed.document, parsed.chunks) if isinstance(f, Responsibility)]
    for fact in facts:  # every span is verbatim text of the document
        assert fact.span.quote == parsed.document.text[fact.span.start:fact.span.end]
    return facts


def roles(fact: Responsibility) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return fact.lead, fact.cooperate, fact.joint


# 河南: the units stand in a paragraph of their own under the task; the first is no lead.
OWN_LINE = """(一)提升产品质量

  1.依靠技术进步、管理创新和标准完善,加强产品可靠性设计。在重点行业深入开展质量对比提升活动。

  省质监局、工业和信息化厅、科技厅、省政府国资委负责落实。

  2.围绕安全、优质、高效、品牌,建立完善农产品、食品的可追溯制度。

  省农业厅、卫生厅、省政府食安办负责落实。
"""


def test_units_on_their_own_line_share_the_item_above() -> None:
    first, second = responsibilities(OWN_LINE)
    assert roles(first) == ((), (), ("省质监局", "工业和信息化厅", "科技厅", "省政府国资委"))
    assert first.task == "依靠技术进步、管理创新和标准完善,加强产品可靠性设计"
    assert roles(second) == ((), (), ("省农业厅", "卫生厅", "省政府食安办"))
    assert second.task.startswith("围绕安全、优质、高效、品牌")
    assert second.span.quote.startswith("2.围绕") and second.span.quote.endswith("负责落实")
    assert first.heading == second.heading == "(一)提升产品质量"


# 官渡: "(X牵头,Y、Z配合)" after each item; companies and 街道 cooperate; 由区级负责 names no unit.
LEAD_COOPERATE = """一、 提高投资项目审批效率
3. 提高环评审批效率。环境影响报告表、登记表原则上由区级负责审批。环评登记表3个工作日内完成审批。(区环保局牵头,区水务局、区级相关部门配合)
二、 加快推进项目建设
4. 加强项目谋划储备。区级财政安排4000万元重大项目前期费。(区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合)
"""


def test_lead_and_cooperating_units_in_brackets_after_each_item() -> None:
    environment, planning = responsibilities(LEAD_COOPERATE)
    assert roles(environment) == (("区环保局",), ("区水务局", "区级相关部门"), ())
    assert environment.task == "提高环评审批效率"
    assert roles(planning) == (
        ("区发改局",), ("区财政局", "区水务局", "区国投公司", "各街道办事处"), ())
    assert planning.heading == "二、 加快推进项目建设"


def test_a_task_saying_by_which_level_names_no_unit() -> None:
    assert responsibilities("环境影响报告表原则上由区级负责审批。") == []
    assert responsibilities("企业主要负责人负责质量安全。该中心负责日常管理。") == []


# 西宁: "(牵头单位:X  责任单位:Y、Z)", two spaces and no semicolon between the labels.
LABELLED = """(一)深化流通体制改革

1.提高流通管理部门管理效能。健全部门协作机制,提高管理效能。(牵头单位:市商务局  责任单位:市编办、市发改委、市法制办、各区县政府)
"""


def test_labelled_lead_and_responsible_units() -> None:
    (fact,) = responsibilities(LABELLED)
    # 责任单位 beside a 牵头单位 work under that lead: they cooperate, as "X牵头,Y按职责分工负责" does.
    assert roles(fact) == (("市商务局",), ("市编办", "市发改委", "市法制办", "各区县政府"), ())
    assert fact.task == "提高流通管理部门管理效能"


# 四川: "〔责任单位:…按职责分工负责。…下同。〕"; the note's units join every later item.
CARRIED = """一、深化现代流通市场化改革
(一)加强市场体系建设。推进高标准市场体系建设。〔责任单位:省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕
(二)优化市场准入环境。实施“证照分离”改革全覆盖。〔责任单位:省市场监管局〕
(三)加强反垄断执法。〔牵头单位:省市场监管局;配合单位:省发展改革委〕
"""


def test_units_named_by_a_note_ending_in_xiatong_are_carried_forward() -> None:
    market, entry, antitrust = responsibilities(CARRIED)
    assert roles(market) == ((), (), (
        "省发展改革委", "省市场监管局", "商务厅", "省大数据中心", "相关市(州)人民政府"))
    assert market.task == "加强市场体系建设"
    assert roles(entry) == ((), (), ("省市场监管局", "相关市(州)人民政府"))
    assert entry.task == "优化市场准入环境"
    assert roles(antitrust) == (("省市场监管局",), ("省发展改革委", "相关市(州)人民政府"), ())


def test_without_xiatong_nothing_is_carried() -> None:
    text = CARRIED.replace(",下同", "")
    market, entry, _ = responsibilities(text)
    assert "相关市(州)人民政府" in market.joint  # the note still names a unit of its own item
    assert entry.joint == ("省市场监管局",)


def test_xiatong_closing_the_list_itself_carries_that_list() -> None:
    text = ("1.完善市场体系。(责任单位:各区县政府,下同)\n"
            "2.优化营商环境。(市商务局牵头,市财政局配合)\n")
    first, second = responsibilities(text)
    assert roles(first) == ((), (), ("各区县政府",))
    assert roles(second) == (("市商务局",), ("市财政局", "各区县政府"), ())


# 北海: "(X、Y负责落实)" after each item.
IN_BRACKETS = """一、全面深入推进质量兴市(县、区)活动
(一)全面深入推进质量兴市(县)活动,推动区域经济振兴。补充完善工作方案。(北海市人民政府、合浦县人民政府负责落实)
(二)强化质量工作。(市质监局负责落实)
"""


def test_units_responsible_in_brackets() -> None:
    joint, alone = responsibilities(IN_BRACKETS)
    assert roles(joint) == ((), (), ("北海市人民政府", "合浦县人民政府"))
    assert joint.task == "全面深入推进质量兴市(县)活动,推动区域经济振兴"
    assert roles(alone) == (("市质监局",), (), ())  # one unit 负责 is the one in charge


# 夏县: "由X负责" inside an article; "交由X具体负责运营".
IN_ARTICLE = """第二章 品牌管理机构
第四条 区域公用品牌建设管理由夏县工业信息化和科技局(商务局)负责,成立夏县区域公用品牌管理领导小组(以下简称领导小组),组长由夏县工业信息化和科技局(商务局)主要领导担任。待品牌成熟后,交由夏县电商协会具体负责运营。
"""


def test_by_whom_inside_an_article() -> None:
    management, operation = responsibilities(IN_ARTICLE)
    assert roles(management) == (("夏县工业信息化和科技局(商务局)",), (), ())
    assert management.task == "区域公用品牌建设管理"
    assert roles(operation) == (("夏县电商协会",), (), ())
    assert operation.task == "运营"
    assert operation.span.quote == "待品牌成熟后,交由夏县电商协会具体负责运营"


# Sentences of laws and regulations: "X负责…", "X会同Y负责…", and look-alikes that assign nothing.
@pytest.mark.parametrize(("text", "task", "expected"), [
    ("司法行政部门会同有关部门负责组织实施考试工作。", "组织实施考试工作",
     (("司法行政部门",), ("有关部门",), ())),
    ("中国民用航空局(以下简称民航局)负责全国民用机场的监督管理。", "全国民用机场的监督管理",
     (("中国民用航空局",), (), ())),
    ("地方公安机关和铁路公安机关负责治安管理。", "治安管理",
     ((), (), ("地方公安机关", "铁路公安机关"))),
    ("1.加强管理。\n责任单位:市商务局、各区县政府\n", "加强管理", ((), (), ("市商务局", "各区县政府"))),
])
def test_sentence_forms(text: str, task: str, expected: tuple) -> None:
    (fact,) = responsibilities(text)
    assert (fact.task, roles(fact)) == (task, expected)


@pytest.mark.parametrize("text", [
    "重大林业有害生物灾害防治实行地方人民政府负责制。",
    "有关主管部门应当告知同级人民政府负责侨务工作的机构。",
    "国务院负责特种设备安全监督管理的部门应当立即报告国务院。",
    "1.加强管理。\n责任单位:要加强统筹协调\n",
])
def test_sentences_that_assign_no_unit(text: str) -> None:
    assert responsibilities(text) == []


def test_units_are_known_by_their_endings_not_by_the_list() -> None:
    names = ["市编办", "省大数据中心", "夏县电商协会", "省政府国资委", "工业和信息化厅", "区国投公司",
             "各街道办事处", "相关市(州)人民政府", "各县(市、区)", "夏县工业信息化和科技局(商务局)"]
    assert all(unit_of(name) is None for name in names)  # none is in departments.json
    assert all(looks_like_unit(name) for name in names)
    for word in ("区级", "村干部", "该中心", "环境影响报告表", "具体任务均涉及相关市(州)人民政府",
                 "管理由夏县商务局", "经营布局"):
        assert not looks_like_unit(word), word


def test_split_units_keeps_brackets_and_drops_et_cetera() -> None:
    assert split_units("各县(市、区)人民政府、市发改委") == ["各县(市、区)人民政府", "市发改委"]
    assert split_units("区住建局、区水务局等部门,区国投公司") == ["区住建局", "区水务局", "区国投公司"]
    assert split_units("(市发改委、市财政局)") == ["市发改委", "市财政局"]
    assert split_units("夏县工业信息化和科技局(商务局)") == ["夏县工业信息化和科技局(商务局)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("北海市人民政府、合浦县人民政府负责落实", ((), (), ("北海市人民政府", "合浦县人民政府"))),
    ("市质监局负责落实", (("市质监局",), (), ())),
    ("市财政局、市税务局配合", ((), ("市财政局", "市税务局"), ())),
    ("区发改局牵头,区财政局等部门,区国投公司配合", (("区发改局",), ("区财政局", "区国投公司"), ())),
])
def test_more_unit_forms(text: str, expected: tuple) -> None:
    assert parse_units(text) == expected


# file: (count, one fact's task start, lead, cooperate, joint)
DEVCORPUS_FACTS = {
    "20": (2, "依靠技术进步", (), (), ("省质监局", "工业和信息化厅", "科技厅", "省政府国资委")),
    "21": (4, "加强项目谋划储备", ("区发改局",), ("区财政局", "区交运局", "区经贸投促局", "区住建局",
                                           "区水务局", "区国投公司", "各街道办事处"), ()),
    "22": (1, "提高流通管理部门管理效能", ("市商务局",),
           ("市编办", "市发改委", "市法制办", "各区县政府"), ()),
    "23": (2, "优化市场准入环境", (), (), ("省市场监管局", "相关市(州)人民政府")),
    "24": (1, "全面深入推进质量兴市", (), (), ("北海市人民政府", "合浦县人民政府")),
    "26": (2, "运营", ("夏县电商协会",), (), ()),
}


@pytest.mark.skipif(not DEVCORPUS.is_dir(), reason="the shared development corpus is not on this machine")
@pytest.mark.parametrize("prefix", sorted(DEVCORPUS_FACTS))
def test_development_corpus(prefix: str) -> None:
    count, task, lead, cooperate, joint = DEVCORPUS_FACTS[prefix]
    parsed = parse_file(next(DEVCORPUS.glob(f"{prefix}_*.txt")))
    facts = [f for f in parsed.facts if isinstance(f, Responsibility)]
    assert len(facts) == count
    assert any(f.task.startswith(task) and roles(f) == (lead, cooperate, joint) for f in facts)
