"""Reading, round fourteen: "无线电频率" names a thing, it does not ask how often; a clause that
asks who pays ("钱从哪出") is a part of its own beside the sum asked; money asked by the name of
its charge ("滞纳金", "申请费") is answered only by that charge; the parts of a compound question
are answered by different units where they can be; a sentence that goes on to state the case
asked is read with the rule before it; a target whose words the document writes together is
quoted so; one rule paying for several rewards is said once.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.asked import Kind, asked_kinds, asks_frequency, named_charges
from app.evidence import _passages_citing, question_parts
from app.evidence.keys import _named_things
from app.evidence.reader import Scored
from app.evidence.units import Unit, article_table
from ingest.document import Chunk, DocumentMeta
from ingest.outline import without_marker
from ingest.plain import expansion
from kb.hit import Hit
from kb.tokenizer import domain_tokenizer
from tests.app.asking import answered, ask, home_with, refused

RADIO = """河川省无线电管理条例
第十条 使用无线电频率应当依法取得许可,许可的范围、条件、程序等按照国家有关规定执行。
第十二条 无线电频率使用许可的期限不得超过十年。无线电频率使用许可期限届满后,继续或者终止使用无线电频率的,应当按照国家有关规定办理相关手续。
第十三条 举办国际会议、体育比赛、科学实验或者其他重大社会活动,需要临时使用无线电频率的,由活动主办单位或者承办单位向省无线电管理机构提出临时使用许可申请。无线电频率临时使用许可的期限最长不得超过一年。
第十四条 经许可使用无线电频率的,应当按照国家有关规定缴纳无线电频率占用费。
"""

STAMP = """河川省契税征收办法
第九条 纳税人应当自纳税义务发生之日起十日内申报缴纳契税。
第十三条 纳税人未按期缴纳税款的,由税务机关责令限期缴纳,并处应纳税额一倍以下的罚款。
"""

AWARD = """河川市政府质量奖评审管理办法
第十三条 获市政府质量奖的企业由市人民政府表彰奖励,给予每家获奖企业一次性奖励20万元。
第十四条 奖励经费、评审经费由市财政从现有扶持企业的专项资金渠道中安排解决。
"""

AUTONOMY = """河川省实施民族区域自治若干规定
第七条 上级人民政府应当根据民族自治地方的实际,优先在民族自治地方安排基础设施建设项目。
中央财政性建设资金、其他专项建设资金和政策性银行贷款,适当增加用于民族自治地方基础设施建设的比重。
国家安排的基础设施建设项目,需要民族自治地方承担配套资金的,适当降低配套资金的比例。民族自治地方的国家扶贫重点县和财政困难县确实无力负担的,免除配套资金。其中,基础设施建设项目属于地方事务的,由中央和省级人民政府确定建设资金负担比例后,按比例全额安排;属于中央事务的,由中央财政全额安排。
第八条 国家根据经济和社会发展规划以及西部大开发战略,优先在民族自治地方安排资源开发和深加工项目。
"""


PRIZE = """河川市市长质量奖管理办法
第一条 为推动实施质量强市战略,引导和激励全市各行业加强质量管理,制定本办法。
第二条 河川市市长质量奖(以下简称市长质量奖)的评审、奖励、监督管理等适用本办法。
第三条 市长质量奖是河川市人民政府设立的最高质量荣誉,主要授予具有法人资格,已经实施卓越绩效管理模式,在行业内处于领先地位,取得显著质量效益的组织。
第四条 市长质量奖评审采用《卓越绩效评价准则(GB/T19580)》和《卓越绩效评价准则实施指南(GB/Z19579)》。
第五条 市长质量奖的奖励经费由市财政列支。
"""


RELIEF = """河川市救助管理办法
第五条 向救助站求助的人员,应当如实提供本人的姓名等基本情况,向救助站提出求助需求。
第六条 救助站对属于救助对象的求助人员,应当及时提供救助,不得拒绝;对不属于救助对象的求助人员,应当说明不予救助的理由。
第七条 救助站应当根据受助人员的需要提供下列救助:
(一)提供符合食品卫生要求的食物;
(二)提供符合基本条件的住处;
(三)对在站内突发急病的,及时送医院救治;
(四)对没有交通费返回其住所地的,提供乘车凭证。
"""


DEVICES = """河川省医疗器械经营监督管理办法
第十五条 医疗器械经营许可证有效期为5年。
第十六条 医疗器械经营许可证有效期届满需要延续的,医疗器械经营企业应当在有效期届满前90个工作日至30个工作日期间提出延续申请。
"""


PARKS = """河川市城市公园管理条例
第十一条 在城市公园内禁止下列行为:
(一)损毁花草树木;
(二)在非指定区域游泳、滑冰;
(三)擅自设置摊点;
(四)携带限养犬只以及其他有碍人身安全、公共秩序的宠物;
(五)其他损害公园设施的行为。
第十二条 公园管理机构应当加强日常巡查。
第十八条 违反本条例规定,由市园林行政主管部门责令停止违法行为;拒不改正的,按照下列规定处以罚款:
(一)违反第十一条第(一)、(二)、(三)项规定的,处以20元以上100元以下罚款;违反第(四)、(五)项规定的,处以50元以上500元以下罚款;
(二)违反第十二条规定的,处以100元以上500元以下罚款。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round14"),
                     {"hechuan_radio": RADIO, "hechuan_stamp": STAMP, "hechuan_award": AWARD,
                      "hechuan_autonomy": AUTONOMY, "hechuan_prize": PRIZE,
                      "hechuan_relief": RELIEF, "hechuan_devices": DEVICES})


def test_a_radio_frequency_is_no_question_of_how_often() -> None:
    assert not asks_frequency("申请无线电频率使用许可,期限最长能批多少年?")
    assert not asks_frequency("临时用频率呢?")
    assert asks_frequency("检查的频率是多少?")
    assert asks_frequency("多久评一次?")


@pytest.mark.slow
def test_how_long_a_frequency_licence_lasts(home: Path) -> None:
    answered(home, "在河川省申请无线电频率使用许可,期限最长能批多少年?办活动临时用频率呢?",
             "不得超过十年", "不得超过一年")


def test_who_pays_is_a_part_of_its_own() -> None:
    assert question_parts("市政府质量奖获奖企业能拿多少奖金,钱从哪出?") == [
        "市政府质量奖获奖企业能拿多少奖金", "钱从哪出"]
    # a clause that only says to whom one went asks nothing of its own
    assert len(question_parts("向反垄断执法机构实名举报企业垄断,查实之后举报人能拿到多少奖金?")) == 1
    # two clauses asking who, of one kind, are one question
    assert len(question_parts("由哪个部门牵头,哪些部门配合?")) == 1


@pytest.mark.slow
def test_the_sum_and_who_pays_it(home: Path) -> None:
    answered(home, "河川市政府质量奖获奖企业能拿多少奖金,钱从哪出?", "20万元", "市财政")


def test_charges_named_by_their_own_name() -> None:
    assert named_charges("每天要加收多少滞纳金") == {"滞纳金"}
    assert named_charges("申请国防专利要交多少申请费和审查费") == {"申请费", "审查费"}
    assert not named_charges("会被罚多少钱")


@pytest.mark.slow
def test_a_fine_is_no_late_fee(home: Path) -> None:
    # the regulation fines late payers; it says nothing of a daily late fee
    refused(home, "按河川省契税征收办法,逾期没缴契税每天要加收多少滞纳金?", "一倍以下")


@pytest.mark.slow
def test_a_target_is_quoted_as_written(home: Path) -> None:
    # the bundled 湖北 opinions: "…新增国家级质检中心2个…"
    answered(home, "湖北那个城市的意见里,到2025年要新增几个国家级质检中心?", "国家级质检中心2个")


@pytest.mark.slow
def test_one_rule_paying_for_several_rewards_is_said_once(home: Path) -> None:
    reply = ask(home, "拿到长江质量奖和长江质量奖提名奖,分别能奖多少?")
    assert "100万元" in reply["answer"] and "50万元" in reply["answer"], reply["answer"]
    assert reply["answer"].count("由市级财政承担") == 1, reply["answer"]


@pytest.mark.slow
def test_the_sentence_that_states_the_case_asked_is_read_on(home: Path) -> None:
    reply = answered(home, "河川省给民族自治地方安排基础设施建设项目,什么样的县可以不用承担配套资金?",
                     "适当降低配套资金的比例", "免除配套资金")
    # only the one sentence that goes on to the case asked, not the rest of the paragraph
    assert "由中央财政全额安排" not in reply["answer"], reply["answer"]


def test_a_heading_without_its_number() -> None:
    assert without_marker("(二)优化市场准入环境") == "优化市场准入环境"
    assert without_marker("3.全力推进“质量强业”建设") == "全力推进“质量强业”建设"
    assert without_marker("优化市场准入环境") == "优化市场准入环境"


def test_the_standing_committee_in_the_words_laws_write() -> None:
    assert "人民代表大会常务委员会" in expansion("全国人大常委会通过的法律刊登在哪里")
    assert "常务委员会" in expansion("按照常委会议事规则")


def test_which_standard_asks_for_a_named_one() -> None:
    assert Kind.DOCUMENT in asked_kinds("评审参照的是哪个国家标准?")
    # "按什么标准收费" asks how much, not which standard
    assert Kind.DOCUMENT not in asked_kinds("检验费按什么标准收?")


@pytest.mark.slow
def test_the_standard_a_prize_is_judged_by(home: Path) -> None:
    reply = answered(home, "河川市市长质量奖的评审,参照的是哪个国家标准?", "GB/T19580")
    # the article naming the standard, not the one that names the prize's rules in general
    assert reply["answer"].lstrip("- ").startswith("第四条"), reply["answer"]


@pytest.mark.slow
def test_the_rule_that_introduces_the_list_asked(home: Path) -> None:
    # "哪些救助" is the list "下列救助:" introduces, not a sentence that shares its words
    reply = answered(home, "在河川市到救助站求助,救助站具体要给提供哪些救助?", "住处", "乘车凭证")
    assert reply["answer"].lstrip("- ").startswith("第七条"), reply["answer"]


def test_a_licence_is_named_by_what_it_permits() -> None:
    things = [thing.word for thing in _named_things("食品经营许可证有效期是几年?", domain_tokenizer())]
    assert "食品经营许可证" in things


@pytest.mark.slow
def test_one_licence_is_not_another(home: Path) -> None:
    # the rules give the term of a medical-device trading licence, never of a food one
    refused(home, "在河川省,小餐饮店的食品经营许可证有效期是几年?到期前多久要申请延续?", "90个工作日")
    answered(home, "河川省的医疗器械经营许可证有效期是几年?", "5年")



def test_an_article_citing_another_in_a_later_line_cites_it() -> None:
    # "第十八条 违反本条例规定,…按照下列规定处以罚款:\n(一)违反第十一条第(四)项规定的,…": the
    # penalty article names article 11 only in its first item, not in its opening line
    articles = article_table([Chunk("c1", "parks", PARKS, 0, len(PARKS))])
    meta = DocumentMeta(doc_id="parks", title="河川市城市公园管理条例")
    text = "(四)携带限养犬只以及其他有碍人身安全、公共秩序的宠物;"
    start = PARKS.index(text)
    chunks = [Chunk(f"c{n}", "parks", PARKS[a:b], a, b)
              for n, (a, b) in enumerate(_articles_of(PARKS))]
    hits = [Hit(chunk, meta, 0.0) for chunk in chunks]
    act = Unit(hits[0], start, start + len(text), text, scope=articles["十一"])
    citing = _passages_citing(Scored(act, 0.5, 0.5, frozenset()), hits, articles)
    assert any("50元以上500元以下" in hit.chunk.text for hit in citing)
    assert not any(hit.chunk.text.startswith("第十二条") for hit in citing)


def _articles_of(text: str) -> list[tuple[int, int]]:
    starts = [match.start() for match in re.finditer(r"(?m)^第[一二三四五六七八九十]+条", text)]
    return list(zip(starts, [*starts[1:], len(text)], strict=True))
