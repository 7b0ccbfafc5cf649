"""How a law is read: the sanction of a list's lead is that of each case it lists, even where
the cases stand in the passages after it; a penalty article that cites an article is read
with that article's cases; a department and a body are held by their formal names ("市财政局"
by "市人民政府财政部门", "人大常委会" by "人民代表大会常务委员会"); a library or archive is a
body; a budget that a law is about does not ask who pays; and a sanction asked in lay words is
read from the document the passages found come from.

The laws here are written for the test, in the layout real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, home_with, refused

pytestmark = pytest.mark.slow

LANTERNS = """# 某县城镇秩序管理条例

2012年12月29日某县第十五届人民代表大会第二次会议通过

第五条 县城外环路以内区域(含外环路),禁止燃放孔明灯。
第二十七条 在县城限飞区内,除法定节假日外,禁止任何单位和个人放飞无人机。
第三十条 在公交站台及候车亭内禁止下列行为:
(一)饲养信鸽;
(二)随地丢弃废旧电池;
(三)张贴小广告。
第四十五条 违反第三十条规定的,由公交运营单位责令改正,可处五十元以上二百元以下罚款。
第五十一条 违反本条例规定,有下列情形之一的,由县公安机关责令停止燃放,处三百元以上六百元以下的罚款:
(一)在禁放区域燃放孔明灯的;
(二)在人员密集场所燃放孔明灯的。
第五十二条 违反本条例第二十七条规定放飞无人机的,由县公安机关分别给予处罚:
(一)单位放飞的,处一千元以上五千元以下罚款;
(二)个人放飞的,处一百元以上五百元以下罚款。
第五十三条 从事非法营运的摩托车驾驶人,由县公安交通管理部门暂扣其驾驶证一个月至三个月。
"""

BUDGET = """# 某市预算审查监督条例

2016年12月29日某市第十四届人民代表大会常务委员会第三十二次会议通过

第十二条 市人民代表大会财政经济委员会提出初步审查意见,交市人民政府财政部门研究处理。市人民政府财政部门应当在收到初步审查意见后二十日内,将研究处理情况书面反馈财政经济委员会。
第十九条 市人民代表大会常务委员会审议的法规草案,向社会公布征求意见的时间一般不少于二十五日。
第二十条 向国家捐献珍贵古籍的,国家图书馆应当按照有关规定给予奖励。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("laws"), {
        "county_order": LANTERNS,
        "city_budget": BUDGET,
    })


def test_the_sanction_of_a_list_applies_to_each_case_it_lists(home: Path) -> None:
    # 第五条 says the area is a 禁放区域 in other words; 第五十一条 fines each case it lists
    answered(home, "在县城外环路以内放孔明灯被抓到,一般罚多少钱?", "三百元以上六百元以下")


def test_a_penalty_article_is_read_with_the_cases_of_the_article_it_cites(home: Path) -> None:
    answered(home, "在公交站台随地丢弃废旧电池会被罚多少?", "五十元以上二百元以下")


def test_the_cases_after_a_lead_in_passages_of_their_own_are_read_with_it(home: Path) -> None:
    answered(home, "县城限飞区里个人平时放飞无人机,公安会罚多少?", "一百元以上五百元以下")


def test_a_department_is_held_by_its_formal_name(home: Path) -> None:
    # a budget the law is about is no question of who pays
    answered(home, "某市预算审查监督条例规定,市财政局收到初步审查意见后几天内要书面反馈?", "二十日内")


def test_a_body_is_held_by_the_full_name_it_abbreviates(home: Path) -> None:
    answered(home, "市人大常委会审议的法规草案公开征求意见,至少要多少天?", "二十五日")


def test_a_library_is_a_body_that_can_be_asked_for(home: Path) -> None:
    answered(home, "个人把家里的珍贵古籍捐给国家,由谁来给奖励?", "国家图书馆")


def test_a_sanction_asked_in_lay_words_is_read_from_the_law_about_it(home: Path) -> None:
    answered(home, "在县里开摩的拉客被抓到,驾驶证要扣多久?", "一个月至三个月")


def test_a_sanction_the_law_does_not_give_is_not_made_up(home: Path) -> None:
    refused(home, "在公交站台里抽烟,按某县城镇秩序管理条例要拘留几天?")
