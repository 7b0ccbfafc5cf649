"""The failure classes of unseen documents, each in a small document written in its layout:
amounts in a table whose header holds the unit, organisation and individual amounts, Chinese
numerals, conditions, cycles and numbers of winners, a lead that introduces a list, a
responsibility note after a task, and penalties that cite an article by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, ask, home_with

pytestmark = pytest.mark.slow

# A county's award rules: 第X条 articles, amounts in Chinese numerals, 组织 and 个人 amounts,
# a cycle, a number of winners, a list of exclusions introduced by a lead line.
AWARD_RULES = """某县县长质量奖管理办法

第一条 为推进质量强县建设,制定本办法。
第二条 县长质量奖每两年评选一次,每届获奖组织不超过3个、个人不超过2名。
第三条 对获得县长质量奖的组织给予一次性奖励五万元,对获得县长质量奖的个人给予一次性奖励一万元。
第四条 奖励资金由县级财政预算安排。
第五条 有下列情形之一的,不得申报县长质量奖:
(一)近三年内发生重大质量、安全、环保事故的;
(二)被列入严重违法失信名单的。
第六条 以弄虚作假等手段骗取县长质量奖的,撤销其奖项,收回奖牌和证书,追缴奖金,五年内不得再次申报。
第七条 本办法自2023年7月1日起施行。
"""

# A table of rewards whose unit is in the header, and a task list with its units in a note.
REWARD_TABLE = """某区品牌奖励标准

| 序号 | 奖励事项 | 奖励金额(万元) |
| 1 | 获得省级政府质量奖 | 30 |
| 2 | 获得市级政府质量奖 | 20 |
| 3 | 新认定为省级专精特新企业 | 15 |

重点任务分工
(一)优化营商环境。深化“放管服”改革,推进企业开办一网通办。〔责任单位:区市场监管局、区行政审批局〕
(二)加强人才引进。落实高层次人才安居政策,完善人才服务体系。〔责任单位:区人社局〕
"""

# A regulation: a prohibition and the penalty that cites it by article number.
REGULATION = """# 某市古树名木保护条例

第八条 禁止在古树名木保护范围内挖坑取土、倾倒有害废渣。
第九条 违反本条例第八条规定的,由林业主管部门责令停止违法行为,处五千元以上一万元以下罚款。
第十条 本条例自2024年1月1日起施行。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("layouts"), {
        "county_award": AWARD_RULES,
        "district_table": REWARD_TABLE,
        "old_trees": REGULATION,
    })


def quotes_of(reply: dict) -> str:
    return " ".join(citation["quote"] for citation in reply["citations"])


def test_an_individual_amount_is_not_taken_for_an_honour(home: Path) -> None:
    reply = answered(home, "获得县长质量奖的个人奖励多少钱?", "一万元")
    assert "一万元" in quotes_of(reply)


def test_an_amount_in_chinese_numerals_is_an_amount(home: Path) -> None:
    answered(home, "县长质量奖获奖组织能拿多少奖金?", "五万元")


def test_a_cycle_question_gets_the_cycle_not_an_amount(home: Path) -> None:
    reply = answered(home, "县长质量奖多久评一次?", "每两年")
    assert "五万元" not in reply["answer"]


def test_a_number_of_winners_is_answered(home: Path) -> None:
    answered(home, "县长质量奖每届最多评几个组织?", "不超过3个")


def test_a_list_is_read_with_its_lead(home: Path) -> None:
    reply = answered(home, "哪些情形不能申报县长质量奖?", "不得申报", "严重违法失信名单")
    assert len(reply["citations"]) >= 2


def test_who_pays_is_the_funding_rule(home: Path) -> None:
    answered(home, "县长质量奖的奖励资金由哪级财政出?", "县级财政")


def test_an_amount_under_a_unit_bearing_header_is_an_amount(home: Path) -> None:
    reply = answered(home, "获得省级政府质量奖奖励多少万元?", "30")
    assert "奖励金额(万元)" in reply["answer"] or "30" in quotes_of(reply)


def test_the_units_of_a_task_come_from_its_note(home: Path) -> None:
    answered(home, "推进企业开办一网通办由哪些部门负责?", "区市场监管局", "区行政审批局")


def test_a_penalty_that_cites_an_article_answers_the_act(home: Path) -> None:
    answered(home, "在古树名木保护范围内挖坑取土的罚多少?", "五千元以上一万元以下")


def test_an_effective_date_is_answered(home: Path) -> None:
    answered(home, "古树名木保护条例什么时候开始施行?", "2024年1月1日")


@pytest.mark.parametrize("question", [
    "县长质量奖获奖组织的奖金要交个人所得税吗?",  # a tax nobody mentions
    "新认定为国家级专精特新企业奖励多少?",  # a level the table does not list
    "在古树名木保护范围内挖坑取土的,举报人奖励多少?",  # a reward where only a fine is written
])
def test_what_the_documents_do_not_say_is_refused(home: Path, question: str) -> None:
    reply = ask(home, question)
    assert reply["refused"], reply["answer"]
    assert reply["citations"] == []
