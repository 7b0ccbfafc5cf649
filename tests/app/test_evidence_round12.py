"""Reading, round twelve: the body a duty question names is the one that acts in the answer
("司法机关要建立…", "发挥新闻媒体…作用"); "发挥什么作用" asks what a body must do, and only a
department's part in a task is read from the responsibility notes; whether a case loses a
qualification is told with the cases beside it ("对问题轻微的进行约谈"); a reward is quoted in
the clause that pays it, as written ("一次性奖励现金8万元"); a responsibility note is quoted as
written; "哪些行业" names the kind asked, not a word the answer holds; who may apply is told
where the rules say whom they apply to; a 文号 is written as itself; "县里出" is "县级…负担".

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.asked import Kind, asked_kinds, carried_kinds
from app.document_number import asks_issuer
from app.evidence.reader import duty_actor
from app.intent import classify
from app.query import identifying_names, without_identifying
from ingest.department import level_of
from ingest.numbers import has_period
from tests.app.asking import answered, home_with, refused

OPINION = """河川市人民政府关于加强品牌保护的意见
一、总体要求
坚持政府引导,推动行业协会、专家学者、新闻媒体、司法机关等各方力量协同,构建共建共享的品牌保护格局。
二、重点任务
(一)建立品牌保护协作体系。
通过建立企业自我保护、行政保护、司法保护协作的品牌保护体系,为品牌建设营造良好环境。
行业协会要发挥行业自律作用,组织开展品牌维权培训。
行政机关要完善监管协作机制,加大品牌执法力度。
司法机关要健全行政执法与刑事司法衔接机制,依法惩治侵犯品牌权益的犯罪行为。
(二)营造品牌发展氛围。
发挥新闻媒体舆论监督作用,宣传品牌建设典型经验,曝光侵犯品牌权益的违法行为。
"""

AWARDS = """河川市名牌产品奖励办法
第一条 为鼓励企业争创名牌,制定本办法。
第二条 奖励标准如下:
(一)获得“中国驰名商标”的企业,一次性奖励现金20万元;
(二)获得“河川名牌产品”称号的企业,一次性奖励现金8万元。
第三条 奖励资金由市财政承担。
"""


RULES = """河川县质量奖管理办法
河川县人民政府关于印发河川县质量奖管理办法的通知
河政发〔2022〕5号
第一条 为推动质量强县建设,制定本办法。本办法对原《河川县质量奖励办法》(河政发〔2019〕12号)进行了修订。
第二条 本办法适用于在本县登记注册并有固定经营场所的企业、个体工商户或组织。
第三条 县内从事农业生产、商贸流通、文化旅游的企业,凡符合条件的均可申报县质量奖。
第四条 申报单位应当具有较好的经营业绩,经营规模居本县同行业前列;近三年未发生按行业规定认定的重大质量事故。
第五条 县质量奖奖励资金由县级财政负担。
"""


MARKS = """河川县知名商标管理办法
第二十条 知名商标所有人变更注册人名称、地址的,应当在核准变更之日起60日内将变更材料报送办公室备案。
第二十一条 有下列情形之一的,由县市场监管局撤销河川县知名商标,并予以公告:
(一)以提供虚假证明文件等欺骗手段获取河川县知名商标的;
(二)商品粗制滥造,以次充好,欺骗消费者的;
(三)其他违反法律、法规规定的。
"""

RIVERS = """河川县内河交通安全管理办法
第八条 县人民政府交通主管部门主管本县内河交通安全管理工作。
第九条 乡(镇)人民政府对本行政区域内的内河交通安全管理履行下列职责:
(一)建立、健全行政村和船主的船舶安全责任制;
(二)落实渡口船舶、船员、旅客定额的安全管理责任制;
(三)落实船舶水上交通安全管理的专门人员。
"""

LEARNING = """河川县终身教育促进办法
第十八条 县人民政府应当加强本辖区内的社区教育工作。乡镇人民政府、街道办事处负责组织开展辖区内的社区教育工作。
"""

WAGES = """河川县工资支付办法
第十六条 因劳动者本人原因给用人单位造成经济损失的,用人单位可按照劳动合同的约定要求其赔偿经济损失。经济损失的赔偿,可从劳动者本人的工资中扣除。但每月扣除的部分不得超过劳动者当月工资的20%。
"""

PATENTS = """河川县知识产权奖励办法
第五条 专利创造奖励标准:
(二)当年授权的发明专利每件奖励3万元,PCT专利申请授权每件奖励5万元;获奖中国专利奖评选的奖励20万元,获奖省级专利奖评选奖励10万元,获奖市级专利奖评选奖励5万元;通过知识产权管理体系认证的县属企业奖励5万元。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round12"),
                     {"hechuan_brand_protection": OPINION, "hechuan_brand_awards": AWARDS,
                      "hechuan_quality_award": RULES, "hechuan_patents": PATENTS,
                      "hechuan_marks": MARKS, "hechuan_rivers": RIVERS,
                      "hechuan_learning": LEARNING, "hechuan_wages": WAGES})


def test_the_body_a_duty_question_names() -> None:
    assert duty_actor("河川品牌保护体系里,司法机关要承担什么任务?") == "司法机关"
    assert duty_actor("河川市的意见里,行业协会在品牌保护上要起什么作用?") == "行业协会"
    assert duty_actor("省市场监管局负责哪些工作?") == "省市场监管局"
    assert duty_actor("品牌保护体系有哪几种保护?") == ""


def test_what_part_a_body_plays_is_a_duty() -> None:
    assert Kind.DUTY in asked_kinds("新闻媒体要发挥什么作用?")
    assert Kind.DUTY in asked_kinds("行业协会在其中扮演什么角色?")
    # a body that is no department has no responsibility notes; its part is in the passages
    assert classify("新闻媒体要发挥什么作用?") != "responsibility"
    assert classify("这项任务人社厅是什么角色?") == "responsibility"


@pytest.mark.slow
def test_the_body_asked_about_is_the_one_that_acts(home: Path) -> None:
    reply = answered(home, "河川市品牌保护协作体系里,司法机关要承担什么任务?", "刑事司法衔接")
    assert reply["answer"].startswith("司法机关要"), reply["answer"]


@pytest.mark.slow
def test_what_part_the_media_plays(home: Path) -> None:
    reply = answered(home, "河川市加强品牌保护,新闻媒体要起到什么作用?", "舆论监督", "曝光")
    assert reply["intent"] != "responsibility"


@pytest.mark.slow
def test_whether_a_case_loses_the_qualification_is_told_with_the_cases_beside(home: Path) -> None:
    # the bundled 好品山东 division plan: "对问题轻微的进行约谈;对…达不到标准要求的…,撤销…资格"
    answered(home, "产品只是问题轻微的小瑕疵,是否就要被撤销好品山东品牌资格?", "约谈", "撤销")


@pytest.mark.slow
def test_a_reward_is_quoted_in_the_clause_that_pays_it(home: Path) -> None:
    reply = answered(home, "河川市企业获得河川名牌产品称号,奖多少钱?", "一次性奖励现金8万元")
    assert "20万元" not in reply["answer"], reply["answer"]


@pytest.mark.slow
def test_which_trades_is_answered_by_the_trades_named(home: Path) -> None:
    # "同行业" holds the word "行业" and says nothing of which trades may apply
    answered(home, "河川县质量奖,哪些行业的企业可以报?", "农业生产", "文化旅游")


@pytest.mark.slow
def test_who_may_apply_is_whom_the_rules_apply_to(home: Path) -> None:
    answered(home, "河川县质量奖对申请主体有什么要求?个体户能不能报?", "个体工商户")


@pytest.mark.slow
def test_the_number_of_the_rules_replaced(home: Path) -> None:
    reply = answered(home, "河川县质量奖管理办法修订以前那个旧办法的文号是多少?", "河政发〔2019〕12号")
    assert not reply["answer"].startswith("河川县人民政府关于印发"), reply["answer"]


@pytest.mark.slow
def test_which_level_pays_in_everyday_words(home: Path) -> None:
    answered(home, "河川县质量奖的奖金是县里掏钱还是乡镇出?", "县级财政负担")


def test_which_month_asks_a_date() -> None:
    assert Kind.DATE in asked_kinds("好品山东每年几月开始申报?")
    assert Kind.DATE not in asked_kinds("提前几个月申请?")


def test_a_programme_named_by_its_span_states_no_period() -> None:
    assert not has_period("滚动实施五年行动计划,分行业开展培育工程")
    assert not has_period("开展质量提升三年行动")
    assert has_period("品牌称号有效期为五年")


def test_what_work_a_body_was_given_is_its_duties() -> None:
    assert Kind.DUTY in asked_kinds("海洋发展局在意见里被分了哪些活?")
    assert classify("威海市海洋发展局在意见里被分了哪些活?") == "duties"


def test_what_an_awardee_must_do_for_the_city_is_a_duty() -> None:
    assert Kind.DUTY in asked_kinds("企业拿到市政府质量奖以后,还需要为全市做些什么?")
    assert Kind.DUTY in carried_kinds("获奖企业有义务宣传、交流其质量管理的成功经验,发挥模范带动作用。")


def test_a_short_name_given_below_is_no_condition() -> None:
    assert Kind.CONDITION not in carried_kinds("本办法所称市长质量奖(以下简称“市长奖”)是市政府设立的")
    assert Kind.CONDITION in carried_kinds("奖励金额在五万元以下的,由区财政负担")


def test_which_rules_is_no_office() -> None:
    # "哪个办法" names rules; "办" there is no office ("市质量强市办")
    assert Kind.UNITS not in asked_kinds("品牌奖励是按哪个办法来执行的?")
    assert Kind.UNITS in asked_kinds("这事归哪个办管?")


def test_what_is_asked_of_an_office_is_its_duties() -> None:
    assert Kind.DUTY in asked_kinds("若干措施在抓落实上,对省质量强省办有什么要求?")
    assert Kind.CONDITION not in asked_kinds("若干措施在抓落实上,对省质量强省办有什么要求?")


def test_which_national_prizes_is_no_question_of_who() -> None:
    # "哪些国家级…大奖": 家 of 国家 counts no bodies ("哪几家单位")
    assert classify("支持企业去争取哪些国家级和省级的大奖?") != "responsibility"
    assert classify("这项任务由哪几家单位负责?") == "responsibility"


def test_a_document_number_in_a_question_says_which_document() -> None:
    question = "许昌市市长质量奖(许政[2010]8号那版),一年最多能评出几家?"
    assert identifying_names(question) == ("许政[2010]8号",)
    assert "许政" not in without_identifying(question) and "几家" in without_identifying(question)


@pytest.mark.slow
def test_whose_patent_it_is_names_no_kind_of_patent(home: Path) -> None:
    # "企业专利" says whose patent, not a kind of patent the passage must name
    answered(home, "河川县企业专利评上省级专利奖奖多少?市级专利奖呢?", "10万元", "5万元")


@pytest.mark.slow
def test_each_case_a_revoking_article_lists_is_a_condition(home: Path) -> None:
    answered(home, "河川县知名商标在哪些情况下会被撤销?靠造假材料拿到的算不算?", "虚假证明文件")


@pytest.mark.slow
def test_a_tax_named_for_enterprises_is_still_a_kind_of_tax(home: Path) -> None:
    # "企业所得税" is a kind of tax no document here speaks of; only "企业专利" says whose
    refused(home, "拿到好品山东标识的企业能不能减免企业所得税?")


def test_who_issued_is_asked_of_a_document_only() -> None:
    assert asks_issuer("好品山东若干措施是哪个部门制定的?")
    assert asks_issuer("这个文件是谁发布的?")
    # who publishes what a document speaks of is a question of responsibility
    assert not asks_issuer("重庆的地质灾害临灾预报是哪个部门发布的?")


def test_a_township_government_is_a_level_of_its_own() -> None:
    assert level_of("乡镇人民政府") == level_of("街道办事处") == "乡"
    assert level_of("省人民政府") == "省" and level_of("县教育局") == "县"


@pytest.mark.slow
def test_duties_are_read_in_the_document_the_question_names(home: Path) -> None:
    reply = answered(home, "根据《河川县内河交通安全管理办法》,乡镇人民政府在内河交通安全上要履行哪些职责?",
                     "船舶安全责任制", "专门人员")
    assert "社区教育" not in reply["answer"], reply["answer"]


@pytest.mark.slow
def test_a_sentence_that_limits_the_one_before_is_read_with_it(home: Path) -> None:
    answered(home, "按河川县工资支付办法,我不小心弄坏了公司设备,公司从工资里扣赔偿,每个月最多能扣多少?", "20%")


def test_a_committee_member_is_no_office() -> None:
    # "对委员的职称有什么要求" asks conditions; "委" of 委员 names no office
    assert Kind.CONDITION in asked_kinds("鉴定委员会对委员的职称有什么要求?")
    assert Kind.DUTY not in asked_kinds("鉴定委员会对委员的职称有什么要求?")
