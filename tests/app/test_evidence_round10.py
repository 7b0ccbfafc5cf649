"""Reading, round ten: a penalty article that cites the article of a prohibited act punishes
the item it names ("违反第三项规定的"); a company is a body that can be asked for; who invests
("由…人民政府投资建设") answers who pays; a note in brackets at the end of a task's line names
who carries out that task; a body named only in a document's title is no answer; a term the
question quotes is answered by the sentence defining it; "…是什么" by the sentence stating it;
an office named in passing ("我表哥在县公安局上班") is held by the law's own word for it; one item
under a lead answers who, not the whole list; "几个称号" in a yes/no question counts nothing.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.asked import Kind, asked_kinds
from ingest import numbers
from tests.app.asking import answered, home_with

pytestmark = pytest.mark.slow

CANALS = """河川市城市河道管理条例
第一条 为了加强城市河道管理,制定本条例。
第十条 在城市河道管理范围内,禁止下列行为:
(一)建设妨碍行洪的建筑物、构筑物;
(二)倾倒垃圾、渣土;
(三)损毁、涂改或者擅自移动边界标识和警示标志;
(四)在河道内洗车。
第十一条 城市河道的公共监控设施由区人民政府投资建设,由水行政主管部门管理、使用和维护。
第十五条 违反本条例第十条规定,有下列行为之一的,由水行政主管部门按照以下规定处理:
(一)违反第一项规定的,责令限期拆除,并处二万元以上十万元以下罚款。
(二)违反第二项规定的,责令清除,并处一千元以上五千元以下罚款。
(三)违反第三项规定的,责令恢复原状,并处三千元以上八千元以下罚款。
(四)违反第四项规定的,责令改正,并处二百元罚款。
"""

FILMS = """河川省音像制品进口管理办法
第一条 为加强音像制品进口管理,制定本办法。
第二条 本办法所称的音像制品,是指录有内容的录音带、录像带、唱片和激光视盘,不包括空白载体。
第三条 凡从境外进口供出版发行的音像制品,统一由河川音像进出口公司经营管理。
第四条 进口音像制品的识别标志为蓝底白字的“川进”字样。
第五条 本办法所称音像制品进口单位,是指依法取得进口经营资格的企业。
第六条 音像制品管理部门、海关的工作人员的近亲属,不得经营音像制品进口业务。
第七条 音像制品进口的审批应当遵循下列规定:
(一)供出版发行的进口录像带,经省文化主管部门审查后,报省人民政府批准;
(二)进口的科教类激光视盘,由省教育主管部门会同有关部门审批;
(三)进口的唱片,由省新闻出版主管部门批准;
(四)其他音像制品的进口,按照国家有关规定办理。
"""

MEASURES = """河川市河西区促进经济稳定增长若干措施
为认真贯彻落实国家和省、市关于稳增长各项决策部署,根据《河川市人民政府关于促进经济稳定增长的通知》(河政发〔2016〕9号),结合河西区实际,特制定如下措施。
一、提高投资项目审批效率
1. 精简项目审批手续。推行网上审批,提高行政审批效率。(区政务服务局牵头,区发改局、区级相关部门配合)
2. 加快用地审批速度。辖区范围内5亩以下的土地使用转让手续,区政府审查后办理登记。(区自然资源分局牵头,区规划分局、区级相关部门配合)
3. 缩短环评审批时间。环评文件上报审批时,只需提交必要材料。(区生态环境分局牵头,区水务局配合)
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round10"), {
        "hechuan_canals": CANALS, "hechuan_films": FILMS, "hechuan_measures": MEASURES})


def test_a_penalty_article_punishes_the_item_it_names(home: Path) -> None:
    reply = answered(home, "河川市河道边上的界桩被人乱涂改、挪走了,会被罚多少钱?",
                     "三千元以上八千元以下")
    assert "二万元以上十万元以下" not in reply["answer"], reply["answer"]


def test_a_company_answers_which_body(home: Path) -> None:
    answered(home, "河川省从境外进口音像制品来出版发行,这项业务由哪家单位统一经营?",
             "河川音像进出口公司")


def test_who_invests_answers_who_pays(home: Path) -> None:
    answered(home, "河川市河道的公共监控设施由谁出钱建设,建好后谁来管?", "区人民政府", "水行政主管部门")


def test_a_note_in_brackets_names_who_leads_the_task_on_its_line(home: Path) -> None:
    reply = answered(home, "河川市河西区的稳增长措施里,加快土地审批这一条是哪个部门牵头的?",
                     "区自然资源分局")
    first = reply["answer"].splitlines()[0]
    assert "区自然资源分局" in first and "河政发" not in first, reply["answer"]


def test_a_quoted_term_is_answered_by_its_definition(home: Path) -> None:
    reply = answered(home, "河川省的办法里,“音像制品”是怎么界定的?", "空白载体")
    assert reply["answer"].splitlines()[0].count("进口单位") == 0, reply["answer"]


def test_what_a_thing_is_is_answered_where_it_is_stated(home: Path) -> None:
    answered(home, "河川省进口的音像制品上贴的识别标志是什么?", "蓝底白字")


def test_an_office_named_in_passing_is_held_by_the_laws_own_word(home: Path) -> None:
    answered(home, "我舅舅在河川海关上班,我能做音像制品进口生意吗?", "近亲属")


def test_the_fine_of_the_item_asked_is_given(home: Path) -> None:
    answered(home, "河川市河道里洗车的,按条例罚多少?", "二百元")


def test_one_item_under_a_lead_answers_who(home: Path) -> None:
    reply = answered(home, "河川省音像制品进口审批应当遵循的规定里,唱片由谁批准?", "新闻出版主管部门")
    assert "教育主管部门" not in reply["answer"], reply["answer"]


def test_several_titles_in_a_yes_no_question_count_nothing() -> None:
    assert Kind.COUNT not in asked_kinds("同一个品牌同一年拿到级别不同的几个称号,能不能都奖?")
    assert Kind.COUNT in asked_kinds("市长质量奖每年评几个?")
    assert Kind.QUANTITY not in asked_kinds("这个区域品牌覆盖的行业范围有多大?")
    assert Kind.UNITS in asked_kinds("这项任务由哪两级政府负责落实?")


def test_points_are_counted_where_points_are_asked() -> None:
    assert Kind.COUNT in asked_kinds("闯红灯一次记几分?")
    assert "分" in numbers.count_asked("闯红灯一次记几分?")
    assert "分" in numbers.count_units("驾驶人闯红灯的,一次记6分。")
    assert "分" not in numbers.count_units("在三分之一以上的路段")
