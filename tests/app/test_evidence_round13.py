"""Reading, round thirteen: a fact of a passage answers only where it names what the question
names ("组长由谁担任" is not answered by a task's note); who performs the act asked for is the
answer ("…主管部门负责指导…", not "政府指导、分级负责"); "前款第(一)、(三)项" is read as those
items; things named side by side are asked about each; who pays is one rule over sentences;
"每届" asks no period and "哪些人" no department; a bound stays in a target ("突破30件"); a
yes-or-no question ending in 吗 is told with the cases beside; an article's consequence follows
the item asked; "分别叫什么" asks a list; the document a rule carries out is an answer kind;
drivers, passengers and idle land are asked in everyday words; a document the question names by
its title is read though it is a city's and the question names the province; a standard
(国际标准) is an item its rule must name; a fine asked in everyday words is read in the article
that cites the rule holding the act best.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.asked import Kind, asked_kinds, carried_kinds
from app.evidence.reader import asked_act
from ingest.facts.target import _metrics
from tests.app.asking import answered, home_with, refused

PLAN = """河川市质量强市工作方案
一、重点任务
(一)加强组织领导。成立河川市质量强市工作领导小组,统筹推进全市质量强市工作,建立工作推进机制。(责任单位:市质量强市工作领导小组成员单位,市财政局)
(二)提升工程质量水平。开展工程质量提升行动,推行质量安全手册制度。(责任单位:市住建局)
"""

ELEVATORS = """河川市既有住宅增设电梯规定
第三条 既有住宅增设电梯应当与小区改造相结合,坚持业主自愿、政府指导、分级负责的原则。
第四条 市住房和城乡建设主管部门负责指导既有住宅增设电梯工作,具体工作由市房屋管理机构负责。
第五条 区人民政府负责本辖区内增设电梯的统筹协调工作。
"""

MATTERS = """河川市人大常委会讨论决定重大事项的规定
第四条 下列重大事项应当向市人大常委会报告:
(一)本市国民经济和社会发展计划的执行情况;
(二)市级预算外资金的收支情况;
(三)本市养老保险等社会保障制度的实施情况;
(四)本市公用事业服务价格的调整方案;
(五)本市重大建设项目的调整情况;
(六)本市人口与计划生育工作的重要情况;
(七)本市教育、科学等社会事业的重要情况;
(八)本市社会治安的重要情况;
(九)本市生态环境保护和城市规划的实施情况;
(十)法律、法规规定应当报告的其他重大事项。
前款第(一)、(九)项规定的重大事项应当每年向市人大常委会报告。
"""

PRIZES = """河川市质量品牌提升若干措施
三、保障措施
对获得市政府质量奖的企业一次性给予50万元奖励。主导制修订国家标准、行业标准项目的一次性分别资助20万元、15万元。获得市政府质量奖的奖励资金由市级财政承担。其他奖项的奖励资金,县市单位由所在县市财政承担。
"""

AWARD = """河川市政府质量奖管理办法
第十五条 市政府质量奖每两年评选一次。
第十六条 获奖企业在获奖后三年内发生下列情形之一的,由市政府撤销其质量奖。撤销奖项的企业不得参加下一届市政府质量奖的评审。
(一)发生重大质量、安全事故的;
(二)出口产品因质量问题被国外通报或者索赔,造成较大损害的;
(三)经营管理不善,出现严重经营性亏损的。
"""

WORKS = """河川市品牌建设实施意见

一、主要任务

(二)实施品牌建设“三大工程”。从品牌培育、品牌运营、品牌保护三个方面,深入推进品牌建设“三大工程”。

1.实施品牌培育“筑基工程”,建立自主品牌库

(1)推进品牌培育。推动企业建立品牌培育管理体系,制定品牌发展规划。

2.实施品牌运营“升级工程”,提升品牌价值

(2)开展品牌评价。支持企业开展品牌价值评价,发布品牌价值榜单。

3.实施品牌保护“利剑工程”,守护品牌竞争力

(3)严格品牌保护。严厉打击侵犯品牌权益的违法行为,维护公平竞争秩序。
"""

DIVISION = """河川市人民政府办公室关于明确河政〔2012〕3号文件重点工作责任单位的通知
河政办〔2013〕6号
各县区人民政府,市政府各部门:
为认真贯彻落实《河川市人民政府关于实施质量发展纲要的意见》(河政〔2012〕3号),经市政府同意,现将各项重点工作任务明确到各责任单位,请结合实际,认真贯彻落实。
一、推进质量诚信体系建设。市市场监管局、市发改委负责落实。
"""

CIVILITY = """河川市文明行为促进条例
第十一条 机动车驾驶人和乘车人不得向车外抛掷物品。
第三十八条 违反本条例第十一条规定,机动车行驶过程中驾驶人向车外抛掷物品的,由公安机关交通管理部门处二百元罚款;乘车人向车外抛掷物品的,由公安机关交通管理部门处五十元罚款。
"""

TRAFFIC = """河川市道路交通安全条例
第二十九条 行人通过路口或者横过道路,应当走人行横道或者过街设施。
第三十条 行人应当遵守下列规定:
(一)在设有人行横道的路段,不得在人行横道以外横过机动车道;
(二)不得翻越、倚坐道路隔离设施;
(三)不得在机动车道内行走。
第三十一条 机动车驾驶人应当按照规定使用灯光。
第五十五条 违反本条例第二十九条、第三十条规定的,由公安机关交通管理部门处以警告或者五元以上五十元以下罚款。
"""

ENTERPRISES = """河川县乡镇企业条例
第十二条 乡镇企业使用农村集体所有的土地,应当依法办理用地批准手续。
第十三条 乡镇企业使用农村集体所有的土地,连续闲置两年以上的,应当由原土地所有者收回该土地使用权,重新安排使用。
"""


RESERVOIR = """洛阳市洛川水库饮用水水源保护条例
第一条 为了加强洛川水库饮用水水源保护,保障饮用水安全,制定本条例。
第六条 洛川水库管理机构负责水库的日常管理工作,履行下列职责:
(一)宣传贯彻水库水质保护有关法律、法规;
(二)对其管理范围内的水库进行日常巡查管理;
(三)负责水库水面漂浮物的清理工作。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round13"),
                     {"hechuan_plan": PLAN, "hechuan_elevators": ELEVATORS,
                      "hechuan_matters": MATTERS, "hechuan_prizes": PRIZES,
                      "hechuan_award": AWARD, "hechuan_works": WORKS,
                      "hechuan_division": DIVISION, "hechuan_civility": CIVILITY,
                      "hechuan_enterprises": ENTERPRISES, "luoyang_reservoir": RESERVOIR,
                      "hechuan_traffic": TRAFFIC})


@pytest.mark.slow
def test_a_note_of_units_does_not_say_who_heads_a_group(home: Path) -> None:
    # the passage names the group and its member units, never its head
    refused(home, "河川市质量强市工作领导小组的组长由谁担任?", "市财政局")


def test_the_act_whose_actor_is_asked() -> None:
    assert asked_act("老小区加装电梯,市里是哪个部门负责指导?") == "负责指导"
    assert asked_act("这项许可由谁审批?") == "审批"
    assert asked_act("这事归哪个部门管?") == ""


@pytest.mark.slow
def test_the_body_that_performs_the_act_asked(home: Path) -> None:
    reply = answered(home, "河川市老小区想加装电梯,市里是哪个部门负责指导?",
                     "市住房和城乡建设主管部门")
    assert reply["answer"].lstrip("- ").startswith("第四条"), reply["answer"]


def test_which_people_is_no_question_of_which_department() -> None:
    assert Kind.UNITS not in asked_kinds("哪些人不能进评标委员会当评委?")
    assert Kind.UNITS in asked_kinds("哪个部门负责组建评标委员会?")


@pytest.mark.slow
def test_the_items_a_paragraph_cites_are_what_it_says(home: Path) -> None:
    answered(home, "河川市有哪些重大事项必须每年向市人大常委会报告?",
             "社会发展计划的执行情况", "城市规划的实施情况")


@pytest.mark.slow
def test_who_pays_is_one_rule_over_its_sentences(home: Path) -> None:
    answered(home, "河川市若干措施里,这些质量奖、品牌奖的奖金是市财政出还是县里出?",
             "市级财政承担", "所在县市财政承担")


def test_each_edition_asks_no_period() -> None:
    assert Kind.PERIOD not in asked_kinds("市政府质量奖每届最多评出几家?")
    assert Kind.COUNT in asked_kinds("市政府质量奖每届最多评出几家?")
    assert Kind.PERIOD in asked_kinds("质量奖几年评一届?")


@pytest.mark.slow
def test_a_count_is_not_answered_by_a_period(home: Path) -> None:
    # the rules say how often the prize is given, never how many win it
    refused(home, "河川市政府质量奖每届最多评出几家获奖企业?", "每两年", "三年内")


def test_a_bound_stays_in_the_target() -> None:
    assert ("驰名商标", "突破30件") in _metrics("驰名商标突破30件")
    assert ("注册商标", "7万件") in _metrics("注册商标总量达到7万件")


@pytest.mark.slow
def test_a_question_ending_in_ma_is_told_with_the_cases_beside(home: Path) -> None:
    # the bundled 好品山东 division plan: "对问题轻微的进行约谈;对…达不到标准要求的…,撤销…资格"
    answered(home, "我们是好品山东企业,抽查发现的问题不大,会直接被取消资格吗?", "约谈")


@pytest.mark.slow
def test_the_consequence_follows_the_item_asked(home: Path) -> None:
    answered(home, "河川市政府质量奖拿到后第二年,出口产品被国外索赔了,奖还能保住吗?",
             "撤销", "下一届")


@pytest.mark.slow
def test_what_each_is_called_lists_them(home: Path) -> None:
    answered(home, "河川市品牌建设的“三大工程”分别叫什么?", "筑基工程", "升级工程", "利剑工程")


def test_the_document_carried_out_is_an_answer_kind() -> None:
    assert Kind.DOCUMENT in asked_kinds("这个通知是为了落实哪个文件?")
    assert Kind.DOCUMENT in asked_kinds("本条例是根据哪部法律制定的?")
    assert Kind.DOCUMENT in carried_kinds("为贯彻落实《河川市质量发展纲要》,制定本办法。")
    assert Kind.DOCUMENT not in asked_kinds("这个文件是哪个部门发的?")


@pytest.mark.slow
def test_the_document_a_notice_carries_out(home: Path) -> None:
    answered(home, "河政办〔2013〕6号明确重点工作责任单位,是为了落实哪个文件?", "质量发展纲要")


@pytest.mark.slow
def test_drivers_and_passengers_in_everyday_words(home: Path) -> None:
    answered(home, "在河川市,开车的司机往车窗外扔东西罚多少钱?车上乘客扔的话又罚多少?",
             "二百元罚款", "五十元罚款")


@pytest.mark.slow
def test_what_happens_to_idle_land(home: Path) -> None:
    answered(home, "河川县乡镇企业用的村集体土地一直闲着不用,会怎么处理?", "收回")


@pytest.mark.slow
def test_a_city_document_named_by_its_title_under_the_province(home: Path) -> None:
    # the question names the province; the reservoir's regulation is 洛阳's
    answered(home, "河南省洛川水库管理机构在保护水源方面具体负责哪些工作?", "日常巡查", "漂浮物")


@pytest.mark.slow
def test_a_standard_the_rules_do_not_name_is_not_paid(home: Path) -> None:
    # "国家标准、行业标准" are paid; "国际标准" is named nowhere
    refused(home, "河川市若干措施里,主导制定国际标准的企业能拿多少资助?", "20万元", "15万元")
    answered(home, "河川市若干措施里,主导制定行业标准的企业能拿多少资助?", "15万元")


@pytest.mark.slow
def test_a_fine_for_an_act_in_everyday_words(home: Path) -> None:
    # the act is an item of article 30, put in the user's words; the fine is in the article
    # that cites it
    answered(home, "在河川市,过马路不走斑马线、跨过马路中间的栏杆,交警会罚多少钱?", "五元以上五十元以下")
