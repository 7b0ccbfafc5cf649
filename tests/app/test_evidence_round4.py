"""Reading, round four: a responsibility note is read with the task it closes; a name that
only says which city is meant ("那个设了鹤鸣质量奖的城市") is looked for in the document, not in
the passage that answers; who receives a reward is not asked as a department; and a question
whose amount no passage gives is refused, though a passage speaks of its subject.

The document is written for the test, in the layout real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, home_with, refused

pytestmark = pytest.mark.slow

OPINION = """某市人民政府关于开展鹤鸣质量品牌提升行动的若干意见

各区人民政府,市政府各部门:
一、设立鹤鸣质量奖,每两年评选一次,表彰质量管理水平先进的企业。
二、设立市鹤鸣质量品牌发展专项资金,用于支持质量基础设施建设、质量提升、品牌培育等。
三、引导企业推行首席质量官制度,加强全员质量教育培训。(责任单位:市市场监管局、市人社局)
四、重点工作
4 .开展工程质量提升行动。完善工程质量安全管理制度,落实工程质量安全主体责任,强化工程质量安全监管。推进水利工程标准化建设,争创百年水利精品优质工程。(责任单位:市住建局、市交通运输局、市水利湖泊局)
5 .开展服务质量提升行动。大力发展服务型制造,支持企业开展现代服务业与先进制造业深度融合发展。(责任单位:市商务局、市发展改革委)
五、鹤鸣质量奖奖励对象为本市获得国家级、省级品牌的企业、组织。
六、申报鹤鸣质量奖的企业,应当在本市登记注册,并正常经营3年以上。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round4"), {"heming_opinion": OPINION})


def test_a_note_of_responsibility_is_read_with_its_task(home: Path) -> None:
    reply = answered(home, "那个设了鹤鸣质量奖的城市，提升工程质量这一块归哪几个局管？",
                     "市住建局", "市水利湖泊局")
    assert "市商务局" not in reply["answer"], reply["answer"]


def test_who_receives_the_reward_is_answered_by_its_recipients(home: Path) -> None:
    answered(home, "鹤鸣质量奖到底是奖给哪些单位的？", "企业、组织")


def test_an_amount_no_passage_gives_is_refused(home: Path) -> None:
    refused(home, "那个市设的鹤鸣质量品牌发展专项资金每年规模有多大？")
    refused(home, "鹤鸣质量品牌提升行动里企业设了首席质量官，政府给不给补贴？一个人补多少？")


def test_a_yes_no_part_answered_with_the_amount_the_other_part_asks_is_not_refused(home: Path) -> None:
    answered(home, "我们公司注册才两年，能报鹤鸣质量奖吗？要经营满几年？", "3年")
