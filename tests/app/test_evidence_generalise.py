"""Rules that decide, on any document, whether a passage answers: the place a question names by
a county's short name, a document of unknown region kept apart from a named place, the
department or item a question names, the kind a passage must carry (units, a meeting, a
sanction, a measure with its number), the duties on a topic, and the clause that concludes.

Each document here is written for the test in the layout real ones use; none is a bundled or a
development document."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, home_with, refused

pytestmark = pytest.mark.slow

# A county's notice: its region is read from the issuer; amounts, a meeting, a measure.
COUNTY_REWARDS = """松阳县人民政府关于印发松阳县品牌建设奖励办法的通知

松政发〔2024〕5号

各乡镇人民政府,县政府各部门:
《松阳县品牌建设奖励办法》已经县政府第15次常务会议研究通过,现印发给你们,请认真贯彻执行。

第一条 为推进品牌强县建设,制定本办法。
第二条 获得“浙江名牌产品”称号的企业,一次性奖励10万元。
第三条 当年授权的发明专利每件奖励2万元。
第四条 松阳名牌产品认定每3年进行1次;有效期满的企业,可以申请复评。
第五条 奖励资金由县级财政负担。
"""

# A page of another county's rules that never says which county: its region is unknown.
UNPLACED_RULES = """商标专利创造奖励

第十一条 当年被认定为“中国驰名商标”的,奖励30万元。
第十二条 当年获得“地理标志证明商标”的,奖励10万元。
"""

# A task division: one task with its units, one with none, and a certificate's validity.
TASKS = """松阳县质量强县工作任务分工

(一)强化质量工作主导地位。把质量工作纳入地方国民经济和社会发展规划。
(二)推进标准化建设。开展企业标准自我声明公开,培育企业标准领跑者,建设县级标准化试点。(牵头单位:县市场监管局;配合单位:县经信局)
(三)加强计量检测能力建设。建设县级综合检验检测中心,提升农产品检测能力。(牵头单位:县市场监管局)
(四)优化审批服务。加快建立网上中介服务平台,5月底前实现中介服务平台上线运行。(牵头单位:县数据局)

质量信用证书有效期为三年,期满前三个月申请换发。
"""

# A regulation: an approval split by kind of school, a rule with no sanction, a deadline.
SCHOOL_RULES = """# 某市民办职业培训管理条例

第十二条 举办实施学历教育、学前教育、自学考试助学及其他文化教育的民办学校,由县级以上人民政府教育行政部门按照国家规定的权限审批;举办实施以职业技能为主的职业资格培训、职业技能培训的民办学校,由县级以上人民政府人力资源社会保障行政部门按照国家规定的权限审批,并抄送同级教育行政部门备案。
第十三条 民办培训学校不得以虚假宣传招收学员。
第十九条 主管部门应当自收到本条例第十八条规定的申请材料之日起3个工作日内,对培训合同进行登记,并颁发登记证书。
"""


# a page whose attribute bar alone gives the day it takes effect
ATTRIBUTE_BAR = """松阳县人民政府关于印发松阳县文明商户评选办法的通知

松阳县人民政府关于印发松阳县文明商户评选办法的通知文章属性•【制定机关】松阳县人民政府•【公布日期】2024.03.01•【施行日期】2024.04.01•【时效性】现行有效•【主题分类】商贸正文

第一条 为推进文明城市建设,制定本办法。
第二条 文明商户每年评选一次。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("general"), {
        "songyang_rewards": COUNTY_REWARDS,
        "unplaced": UNPLACED_RULES,
        "songyang_tasks": TASKS,
        "school_rules": SCHOOL_RULES,
        "songyang_notice": ATTRIBUTE_BAR,
    })


def test_a_county_named_by_its_short_name_is_the_place_asked(home: Path) -> None:
    # "松阳" alone is no place the gazetteer reads in running text; a held document is its
    reply = answered(home, "在松阳评上浙江名牌产品,能拿多少奖金?", "10万元")
    assert all(c["doc_id"] == "songyang_rewards" for c in reply["citations"])


def test_a_document_of_unknown_region_does_not_answer_for_a_named_place(home: Path) -> None:
    # only the unplaced page pays for 中国驰名商标; 松阳's own document does not
    refused(home, "松阳县企业被认定为中国驰名商标,县里奖励多少?", "30万元")
    # without a place, the unplaced page answers, and says its region is unknown
    answered(home, "当年被认定为中国驰名商标的奖励多少?", "30万元", "地区未知")


def test_an_item_the_documents_never_name_is_not_answered_by_a_similar_one(home: Path) -> None:
    answered(home, "松阳县发明专利授权一件奖励多少钱?", "2万元")
    refused(home, "松阳县实用新型专利授权一件奖励多少钱?", "2万元")


def test_a_department_no_document_names_has_no_duties(home: Path) -> None:
    refused(home, "县教育局在质量强县工作中负责哪些任务?")


def test_who_leads_needs_a_passage_that_names_someone(home: Path) -> None:
    refused(home, "松阳把质量工作纳入国民经济和社会发展规划这项任务由哪个部门牵头?")
    answered(home, "松阳县推进标准化建设由哪个部门牵头?", "县市场监管局")


def test_a_meeting_is_answered_by_the_line_that_names_it(home: Path) -> None:
    answered(home, "松阳县品牌建设奖励办法是县政府哪次会议通过的?", "第15次常务会议")


def test_a_measure_is_answered_only_with_its_own_number(home: Path) -> None:
    # "每3年进行1次" is how often, not how long the title lasts
    refused(home, "松阳名牌产品称号的有效期是几年?", "每3年")
    answered(home, "松阳县质量信用证书有效期是几年?", "三年")


def test_a_question_about_a_sanction_needs_a_passage_that_imposes_one(home: Path) -> None:
    refused(home, "民办培训学校虚假宣传招收学员,会被怎么处罚?")


def test_the_conclusion_keeps_the_clause_that_answers(home: Path) -> None:
    answered(home, "我想办一所民办的职业技能培训学校,不是学历教育,应该去哪个部门审批?",
             "人力资源社会保障行政部门")


def test_a_long_question_in_own_words_is_answered_by_the_passage_holding_most(home: Path) -> None:
    answered(home, "我们培训学校把申请材料交上去以后,主管部门多长时间内能把培训合同登记办好?",
             "3个工作日内")


def test_a_part_that_asks_again_inherits_what_was_asked(home: Path) -> None:
    answered(home, "松阳县评上浙江名牌产品奖多少?发明专利呢?", "10万元", "2万元")


def test_duties_on_a_topic_come_first_with_what_they_say(home: Path) -> None:
    reply = answered(home, "县市场监管局在计量检测能力建设方面要做哪些工作?", "综合检验检测中心")
    lines = reply["answer"].splitlines()
    first = next(line for line in lines if line.strip().startswith("1."))
    assert "计量检测" in first, reply["answer"]


def test_the_parts_beside_a_document_number_are_answered_too(home: Path) -> None:
    answered(home, "松阳县品牌建设奖励办法是哪次会议通过的?文号是多少?",
             "松政发〔2024〕5号", "第15次常务会议")


def test_what_a_fact_line_leaves_unsaid_is_added_from_the_passage(home: Path) -> None:
    # the responsibility fact names who leads; the deadline stands in the task's text
    answered(home, "松阳县的网上中介服务平台要求什么时候上线运行?谁牵头?", "5月底前", "县数据局")


def test_the_day_it_takes_effect_is_read_from_the_attribute_bar(home: Path) -> None:
    reply = answered(home, "松阳县文明商户评选办法从哪天开始施行?", "2024.04.01", "据文件信息栏")
    assert "2024-03-01" not in reply["answer"].split("的施行日期")[1]
