"""More rules that hold on any document: a line broken where the page ran out, how often
against how long, the unit of time asked, a cap against a floor, a phone number, an amount the
question names, the year a reward is for, the parts of a compound question, and an office no
list of departments holds.

Each document here is written for the test in the layout real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, home_with, refused

pytestmark = pytest.mark.slow

# a county's rewards, printed from a PDF: its lines break where the page ran out
WRAPPED = """云和县质量强县奖励办法

一、奖励标准
1.对获得丽水市市长质量奖的企业或组织给予一次性
奖励30万元。
2.对获得云和县县长质量奖的企业或组织给予一次性
奖励20万元。
3.对服务企业超30家的工业互联网平台,奖励100万元;对服务企业超80家或连接设备超2千台的平台,奖励200万元。
二、县长质量奖获奖企业在获奖后三年内发生重大质量事故的,撤销其奖项。
"""

# a regulation: a licence's term, a floor on a name, a hotline without a number, a record's term
RULES = """# 某省企业登记与备案条例

2020年6月18日某省第十三届人民代表大会常务委员会第二十次会议通过

第六条 企业名称中的字号,应当由两个以上的汉字组成。
第八条 登记机关建立公开的咨询热线电话和网络平台,受理企业的咨询。
第十条 经营许可证有效期五年。
第十二条 备案自准予备案之日起生效,有效期为10年。
第十三条 备案人可以在备案有效期届满前6个月内,向登记机关申请续展备案。
"""

# last year's reward notice
NOTICE_2011 = """关于下达2011年云和县农业品牌奖励资金的通知

对获得2010年“浙江名牌农产品”称号的,给予一次性奖励10万元。
"""

# a task list whose units share the province's prefix
TASKS = """某省质量发展纲要重点工作责任单位

(一)提升产品质量。建立食品可追溯制度,提升质量安全水平。
责任单位:省农业厅、卫生厅、质监局
(二)开展质量对比提升。组织重点产品质量对比,推动质量提升。
责任单位:质监局、工业和信息化厅
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("general2"), {
        "yunhe_rewards": WRAPPED,
        "registration": RULES,
        "notice_2011": NOTICE_2011,
        "province_tasks": TASKS,
    })


def test_a_line_broken_by_the_page_is_read_as_one_sentence(home: Path) -> None:
    reply = answered(home, "云和县的企业评上县长质量奖,县里一次性给多少奖金?", "20万元")
    assert "30万元" not in reply["answer"]


def test_how_often_is_not_answered_by_how_long(home: Path) -> None:
    refused(home, "云和县县长质量奖多久评一次?")


def test_the_unit_of_time_asked_must_be_the_one_given(home: Path) -> None:
    answered(home, "经营许可证有效期是几年?", "五年")
    refused(home, "经营许可证到期前多少天要申请延续?")


def test_a_floor_does_not_answer_a_question_about_a_cap(home: Path) -> None:
    refused(home, "企业名称的字号最多可以用几个汉字?")


def test_a_phone_number_needs_a_number(home: Path) -> None:
    refused(home, "登记机关的咨询热线电话号码是多少?")


def test_an_amount_the_question_names_picks_its_rule(home: Path) -> None:
    answered(home, "云和的工业互联网平台想拿200万元那档奖励,需要达到什么条件?", "80家")


def test_a_reward_of_another_year_is_not_this_years(home: Path) -> None:
    answered(home, "云和县获得浙江名牌农产品奖励多少?", "10万元")
    refused(home, "云和县2012年度获得浙江名牌农产品奖励多少?")


def test_each_part_of_a_compound_question_is_answered(home: Path) -> None:
    answered(home, "备案有效期多长?想续展应该在什么时间段申请?", "有效期为10年", "届满前6个月内")


def test_an_office_no_list_holds_has_its_duties_listed(home: Path) -> None:
    # "质监局" in a province's list is the province's: 省质监局 shares both tasks
    reply = answered(home, "某省质量发展纲要里,省质监局分到了哪些任务?", "提升产品质量", "质量对比提升")
    assert "共2项" in reply["answer"]


def test_a_laws_history_line_answers_only_when(home: Path) -> None:
    reply = answered(home, "某省企业登记与备案条例里,企业的咨询由谁受理?", "登记机关")
    assert "第二十次会议" not in reply["answer"]
    answered(home, "某省企业登记与备案条例是哪次会议通过的?", "第二十次会议")
