"""Reading, round nine: a line that only names who carries a task out is read with the task
above it; "县里哪个局", "哪个国家标准" ask which, they name nothing an answer must hold; a
period may be given in minutes, or further on in the article the question is about; a second
part of a question is looked for in the article the first was answered from; a post ("主任由
谁担任") or a seat ("设在哪个部门") is answered only where a passage names it; a question about
what bars an applicant is answered by the list of bars, not by the list of requirements; a day
of the year written in Chinese numerals is a date; a body named by its field ("民政部门") must be
named by the answer; the clause of a long article that carries what must be carried is quoted.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.asked import Kind, asked_kinds, asks_frequency, states_frequency
from app.query import identifying_names
from tests.app.asking import answered, ask, home_with, refused

pytestmark = pytest.mark.slow

TASKS = """河川省人民政府办公厅关于明确质量发展重点工作责任单位的通知
河政办〔2013〕12号
一、实施质量提升战略
(一)提升产品质量
1.依靠技术进步、管理创新和标准完善,加强产品可靠性设计和生产过程质量控制。
省质监局、工业和信息化厅、科技厅负责落实。
2.围绕安全、优质、高效,建立完善农产品、食品的良好生产规范和可追溯制度,提升质量安全水平。
省农业厅、卫生厅、食品药品监管局负责落实。
河川省人民政府办公厅
2013年5月17日
"""

AWARD = """河川市市长质量奖管理办法
第一条 为推动全市企业提高质量管理水平,设立河川市市长质量奖。
第二条 市长质量奖评审采用《卓越绩效评价准则(GB/T19580)》国家标准。
第三条 市长质量奖由河川市市长质量奖评审委员会组织评审,评审委员会下设秘书处。
第四条 企业申报市长质量奖,必须同时具备下列基本条件:
(一)在本市登记注册,具有独立法人资格;
(二)质量管理体系健全,质量工作成绩显著;
(三)具有良好的诚信记录。
第五条 凡有下列情况之一者,不得申报市长质量奖:
(一)近三年发生重大质量、安全、环保事故的;
(二)近三年监督抽查中有严重质量问题的。
第六条 市质监局应当对申报材料进行资格审核。符合条件的,报送评审委员会;不符合条件的,退回申请并书面说明理由。
第七条 区域公用品牌建设管理由河川市工业和科技局负责。
第八条 市长质量奖为年度奖,每年评定获奖企业2个。
第九条 已获得市长质量奖的企业,五年内不得再次申报市长质量奖。
"""

LAW = """河川省动物防疫条例
第一条 为了加强动物防疫工作,制定本条例。
第二十条 从事动物、动物产品收购、运输、销售的单位和个人,应当建立台账,记录动物、动物产品的产地、种类、购入日期和数量等信息。台账至少保存二年。
第二十一条 供水、供电、供气单位自接到报修之时起,到达现场抢修的时限,中心城区不超过六十分钟,其他区域不超过九十分钟。
第三十条 违反本条例规定,非法收购、贩卖病死动物的,由县级以上人民政府农业农村主管部门责令改正,没收违法所得,并处货值金额十五倍以上三十倍以下罚款。违法行为人自处罚决定作出之日起五年内不得从事相关活动。
第三十一条 违反本条例规定,二手车交易经营者未对客户进行身份查验的,由商务部门责令改正;拒不改正的,由商务部门将有关信息通报市场监管部门,并由市场监管部门处十万元以上五十万元以下罚款,对其直接负责的主管人员处一万元以下罚款。
第三十五条 发展改革部门负责灾后恢复重建的统筹规划和投资计划。民政部门具体组织实施受灾群众的临时基本生活保障和生活困难救助。
第四十条 每年的农历腊月二十三至次年二月初二为本省“非物质文化遗产月”。
第四十一条 本条例自2015年12月1日起施行。2006年10月26日通过的《河川省实施〈中华人民共和国动物防疫法〉办法》同时废止。
"""

CIVILITY = """河川市文明行为促进条例
第九条 公民应当自觉践行公共环境文明行为规范,遵守下列规定:
(一)不随地吐痰,不乱扔垃圾;
(二)不在室内公共场所、公共交通工具和其他禁止吸烟的场所吸烟;
(三)爱护公共设施设备,不损坏树木花草;
(四)其他公共环境卫生管理规定和文明行为规范。
违反前款第(二)项规定的,由经营管理单位予以劝阻、制止;不听劝阻、制止的,由卫生健康主管部门处二十元以下罚款。违反前款其他规定的,依据有关法律、法规处罚。
第十条 违反本条例规定,在公共场所饲养犬只未束犬链的,由公安机关处五十元以上二百元以下罚款。
"""

RULES = """河川市兽药与广告管理办法
第一条 为了加强兽药和广告管理,制定本办法。
第二条 广告的管理机关是国家工商行政管理机关和地方各级工商行政管理机关。
第三条 兽药生产许可证有效期为5年。有效期届满,需要继续生产兽药的,应当在许可证有效期届满前6个月到发证机关申请换发兽药生产许可证。
第四条 本办法所称科技成果包括专利技术、计算机软件、技术秘密、集成电路布图设计。
第五条 提出加强组织领导,坚持充分发挥市质量强市办对牵头事项“一牵到底”的作用,加强上下联动、条块结合。
第六条 鼓励品牌管理专家、高级技能人才申报河川学者和首席技师。
第七条 口岸药品检验所应当及时对所抽取的样品进行检验,并在抽样后20日内,完成检验工作,出具检验报告书。
第八条 边远山区公民进行婚前医学检查,交费确有困难的,其检查费用由所在乡、镇人民政府解决。
第九条 申请人为集体组织的,应当由本组织成员代表会议过半数同意申请调处,并推选参加调处的代表。代表人数为三至五人,由集体组织予以授权委托。
"""

HEALTH = """河川省爱国卫生促进条例
(2010年7月30日河川省人民代表大会常务委员会公告第53号公布)
第一条 为了开展爱国卫生运动,组织爱国卫生月活动,制定本条例。
第二条 本条例所称小规模经营者,是指年销售额未超过五百万元的经营者。
第三条 本条例自2010年10月1日起施行。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round9"), {
        "hechuan_tasks": TASKS, "hechuan_award": AWARD, "hechuan_law": LAW,
        "hechuan_rules": RULES, "hechuan_health": HEALTH,
        "hechuan_civility": CIVILITY})


def test_a_line_of_bodies_is_read_with_the_task_above_it(home: Path) -> None:
    reply = answered(home, "河川省分任务时,让农产品和食品出了问题能查到源头这件事交给了哪些省直单位?",
                     "卫生厅", "食品药品监管局")
    assert "科技厅" not in reply["answer"].splitlines()[0], reply["answer"]


def test_which_office_is_asked_not_named(home: Path) -> None:
    answered(home, "河川市的区域公用品牌,目前是市里哪个局在抓建设和管理?", "工业和科技局")


def test_the_kind_of_thing_asked_is_not_a_name_the_answer_must_hold(home: Path) -> None:
    answered(home, "河川市市长质量奖是按照哪个标准来打分评审的?", "GB/T19580")


def test_a_period_in_minutes_answers_how_long(home: Path) -> None:
    answered(home, "在河川,报修停水停电后,供水供电单位最迟多久要赶到现场?", "六十分钟")


def test_a_period_further_on_in_the_article_answers(home: Path) -> None:
    answered(home, "在河川做牲畜收购贩运的,进出货的台账记录最少要留多久?", "二年")


def test_a_second_part_is_looked_for_in_the_first_parts_article(home: Path) -> None:
    answered(home, "河川有人因为非法贩卖病死猪被处罚了,以后还能不能再从事这类经营?多久内不行?",
             "五年内")


def test_the_clause_carrying_the_sum_is_quoted(home: Path) -> None:
    answered(home, "河川做二手车生意的,没核验买家身份,被责令改正还不改,会被罚多少钱?",
             "十万元以上五十万元以下")


def test_a_post_or_a_seat_is_answered_only_where_it_is_named(home: Path) -> None:
    refused(home, "河川市市长质量奖的评审委员会主任由哪位领导担任?")
    refused(home, "河川市市长质量奖评审委员会的秘书处设在哪个部门?")


def test_what_bars_is_answered_by_the_bars(home: Path) -> None:
    reply = answered(home, "河川市市长质量奖,企业出过哪些问题就不能报名了?", "重大质量")
    assert "独立法人资格" not in reply["answer"], reply["answer"]


def test_what_a_body_must_do_is_asked_as_what_it_has_to_do(home: Path) -> None:
    answered(home, "河川市长质量奖的申请材料交到市质监局以后,质监局要做什么?", "书面说明理由")


def test_a_day_in_chinese_numerals_is_a_date(home: Path) -> None:
    reply = answered(home, "河川省的非物质文化遗产月定在每年什么时候?", "腊月二十三")
    assert "2015年12月1日" not in reply["answer"], reply["answer"]


def test_a_body_named_by_its_field_must_be_named_by_the_answer(home: Path) -> None:
    reply = ask(home, "按河川省动物防疫条例,民政部门具体要负责组织哪些工作?")
    assert "临时基本生活保障" in reply["answer"], reply["answer"]
    assert "投资计划" not in reply["answer"], reply["answer"]


def test_a_name_that_points_at_a_document_is_not_the_thing_asked() -> None:
    assert identifying_names("湖北、设荆江质量奖的那份意见里,景区评上4A级奖多少") == ("荆江质量奖",)
    assert identifying_names("在那个有荆江质量奖的湖北城市,景区评上5A级奖多少") == ("荆江质量奖",)
    assert identifying_names("获得荆江质量奖的企业奖多少") == ()


def test_which_kind_of_body_asks_who(home: Path) -> None:
    answered(home, "按河川市兽药与广告管理办法,广告归哪类机关管理?", "工商行政管理机关")


def test_a_term_is_defined_by_what_it_covers(home: Path) -> None:
    answered(home, "河川市的管理办法里,所说的“科技成果”具体包括哪些类型?", "技术秘密")


def test_a_period_ahead_of_a_day_answers_how_far_ahead(home: Path) -> None:
    answered(home, "河川的兽药生产许可证有效期是几年?到期后还想接着生产,得提前多长时间去换证?",
             "5年", "6个月")


def test_what_is_asked_of_a_body_is_not_a_condition(home: Path) -> None:
    answered(home, "河川市的办法在组织领导方面对市质量强市办提出了什么要求?", "一牵到底")


def test_a_kind_of_honour_named_by_examples_is_not_a_name(home: Path) -> None:
    answered(home, "河川市鼓励哪几类人去申报河川学者、首席技师之类的人才称号?", "高级技能人才")


def test_a_cycle_does_not_answer_how_long(home: Path) -> None:
    reply = answered(home, "河川市市长质量奖一年评几个?获过奖的企业隔多久才能再报?", "2个", "五年内")
    assert reply["citations"], reply


def test_facts_of_revocation_do_not_answer_a_number(home: Path) -> None:
    # the bundled plan says what revokes a 好品山东 qualification, and no waiting time
    refused(home, "被撤销好品山东品牌资格的企业,多少年内不能重新申请?")


def test_what_a_question_counts() -> None:
    assert asked_kinds("受理机构必须在多少个工作日内作出处理?") == {Kind.PERIOD}
    assert Kind.COUNT in asked_kinds("龙山县县长质量奖一年评几个?")
    # several of a kind in a supposed case is no count asked
    assert Kind.COUNT not in asked_kinds("如果一个牌子一年里拿了几个同类称号,是不是每个都奖?")
    assert Kind.DUTY in asked_kinds("领导小组都管些什么事?")
    # how often, in more words; and a review cycle states how often
    assert asks_frequency("天津名牌产品多长时间认定一回?")
    assert asks_frequency("供水主管部门多久向社会公布一次水质情况?")
    assert not asks_frequency("获过奖的企业隔多久才能再报?")
    assert states_frequency("复审周期一般不超过五年") and not states_frequency("有效期五年")


def test_the_day_of_one_years_act_is_not_a_day_of_every_year(home: Path) -> None:
    refused(home, "河川省的“爱国卫生月”具体定在每年的哪个月?")


def test_a_yearly_sum_does_not_answer_a_monthly_one(home: Path) -> None:
    refused(home, "按河川省爱国卫生促进条例,小规模经营者的标准是月销售额多少?")


def test_the_fine_for_an_item_is_read_further_on_in_its_article(home: Path) -> None:
    reply = answered(home, "在河川市的商场、公交车这些禁烟的地方抽烟,别人劝了还不掐,会被罚多少钱?",
                     "二十元以下")
    assert "二百元" not in reply["answer"], reply["answer"]


def test_who_acts_is_not_what_is_counted(home: Path) -> None:
    answered(home, "河川的进口药品被抽样以后,检验所一般多少天内要完成检验?", "20日内")


def test_a_law_named_in_a_sentence_is_no_event(home: Path) -> None:
    # "《…实施…办法》同时废止" names a law with 实施 in its title; it says when nothing takes effect
    answered(home, "河川省动物防疫条例是从哪一天开始正式实行的?", "2015年12月1日")


def test_who_bears_a_cost_is_said_by_whom_it_is_met(home: Path) -> None:
    answered(home, "河川边远山区的居民做婚前体检实在拿不出检查费,这笔钱由谁来负担?", "乡、镇人民政府")


def test_a_count_further_on_in_the_article_answers(home: Path) -> None:
    answered(home, "在河川,村集体申请调处山林纠纷,能推几个人当代表?", "三至五人")


def test_a_verb_with_ban_names_no_office() -> None:
    assert Kind.UNITS not in asked_kinds("哪些人群自己开办小微企业可以享受减税降费?")
