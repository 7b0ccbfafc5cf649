"""Reading, round five: a year the question names may be held by a document that gives no
date of its own; the sum for the class of recipient asked about ("个人") is the one quoted; and in
the document retrieval is about, a unit in the user's own words may hold a little less of the
question.

The documents are written for the test, in the layouts real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, home_with, refused

pytestmark = pytest.mark.slow

OLD_AWARD = """鹤山市市长质量奖评定管理办法
第一章 总 则
第一条 为引导和激励我市各行各业的组织实施卓越绩效模式,根据《中华人民共和国产品质量法》、《鹤山市质量振兴规划(2006—2010)》的有关规定,结合我市实际,制定本办法。
第二条 本办法所称鹤山市市长质量奖(以下简称市长质量奖)是鹤山市人民政府设立的最高质量奖项。
第三条 市长质量奖每两年评选一次。每次获奖组织数量不超过2家(允许空缺)。
"""

NEW_AWARD = """鹤山市市长质量奖管理办法
鹤山市人民政府
2022年5月19日
第一条 为推动我市高质量发展,制定本办法。
第二条 市长质量奖每两年评选一次,每次获奖组织数量不超过5家。
第三条 本办法自2022年6月1日起施行。
"""

AIR = """鹤山市大气污染防治条例
(2021年5月28日鹤山市第十七届人民代表大会常务委员会第三十次会议通过)
第一条 为了保护和改善大气环境,防治大气污染,制定本条例。
第十二条 市、县(市、区)人民政府可以划定禁止露天烧烤的区域,并向社会公布。
第三十三条 违反本条例规定,在市、县(市、区)人民政府划定的禁止区域内露天烧烤、骑墙(窗)烧烤或者为露天烧烤、骑墙(窗)烧烤提供场地的,由城市管理部门责令改正,没收烧烤工具和违法所得,并对单位处二千元以上二万元以下的罚款,对个人处五百元以上一千元以下的罚款。
"""

SANITATION = """鹤山市市容和环境卫生管理条例
(2018年8月15日鹤山市第十五届人民代表大会常务委员会第十次会议通过)
第十一条 市容环境卫生责任区以及责任人,按照下列规定确定:
(一)城市道路、广场等公共场所,由管理单位负责;
(二)江、河、湖泊等水域及岸线,由管理单位负责;
(三)住宅小区由业主委托的物业服务企业负责,没有委托物业服务企业的住宅小区由居民委员会负责;
第十二条 市容环境卫生责任人的责任如下:
(一)保持责任区内市容整洁;
(二)保持责任区内环境卫生整洁,无暴露垃圾、粪便、污水;
"""


UNION = """鹤山市工会条例
(2017年11月23日鹤山市第十四届人民代表大会常务委员会第四十一次会议通过)
第四十七条 违反本条例规定,有下列情形之一的,由劳动行政部门责令恢复其工作,并补发被解除劳动合同期间应得的报酬;职工、工会工作人员不愿恢复工作的,由劳动行政部门责令给予本人年收入二倍的赔偿:
(一)职工因参加工会活动而被解除劳动合同的;
(二)工会工作人员因履行本条例规定的职责而被解除劳动合同的。
第四十八条 违反本条例规定,有下列情形之一的,由市或者区人民政府责令改正:
(一)妨碍工会组织职工通过职工代表大会行使民主权利的;
(二)非法撤销、合并工会组织的。
"""


PROPERTY = """鹤山市物业管理条例
(2019年12月26日鹤山市第十六届人民代表大会常务委员会第二十五次会议通过)
第十九条 业主委员会由业主大会会议选举产生,是业主大会的执行机构,履行下列职责:
(一)召集业主大会会议,报告物业管理的实施情况;
(二)代表业主与业主大会选聘的物业服务企业签订物业服务合同;
(三)监督管理规约的实施。
第二十条 业主大会可以在管理规约或者议事规则中规定,具有下列情形之一的业主不得担任业主委员会成员:
(一)被判处刑罚正在执行或者刑罚执行完毕未满五年的;
(二)被列入严重失信名单的;
(三)拒付物业服务费的。
第二十一条 业主委员会成员应当遵守法律、法规和管理规约,不得泄露业主信息。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("round5"), {
        "heshan_award_old": OLD_AWARD, "heshan_award_2022": NEW_AWARD,
        "heshan_air": AIR, "heshan_sanitation": SANITATION,
        "heshan_union": UNION, "heshan_property": PROPERTY})


def test_a_year_is_held_by_a_document_that_gives_no_date(home: Path) -> None:
    reply = answered(home, "按2010年那版鹤山市市长质量奖评定管理办法，每次最多能有几家组织获奖？",
                     "不超过2家")
    assert "5家" not in reply["answer"], reply["answer"]


def test_the_sum_for_the_recipient_asked_about_is_quoted(home: Path) -> None:
    answered(home, "在鹤山市，个人在政府划定不许烧烤的区域里摆露天烧烤摊，会被罚多少钱？",
             "对个人处五百元以上一千元以下的罚款")


def test_the_document_retrieval_is_about_answers_in_the_users_own_words(home: Path) -> None:
    answered(home, "鹤山有些老小区一直没请物业公司，那小区里的市容和环卫责任该由谁来担？",
             "居民委员会")


def test_a_sum_stated_as_a_multiple_is_read_with_its_own_articles_items(home: Path) -> None:
    reply = answered(home, "在鹤山，工会干部因为替职工维权被单位解除了劳动合同，如果本人不想再回去上班，"
                           "能拿到多少赔偿？", "年收入二倍")
    assert "非法撤销" not in reply["answer"], reply["answer"]


def test_a_document_is_said_to_be_silent_only_where_no_sentence_of_it_states_the_kind(
        home: Path) -> None:
    silent = refused(home, "鹤山市市容环境卫生责任人没保持责任区整洁，罚款多少钱？")
    assert "全文未载明任何金额" in silent["answer"], silent["answer"]
    # the air regulation states sums, though not the one asked: only the search is reported
    unsure = refused(home, "鹤山市的大气污染防治条例里，禁止露天烧烤的区域划定以后，政府给烧烤摊主"
                           "发多少搬迁补贴？")
    assert "未载明" not in unsure["answer"] and "未找到" in unsure["answer"], unsure["answer"]


def test_an_everyday_word_is_held_by_the_word_the_law_writes(home: Path) -> None:
    answered(home, "鹤山小区选业委会，坐过牢的人能当业委会成员吗？", "刑罚")


def test_a_unit_a_little_below_the_bar_answers_only_in_the_document_retrieval_is_about() -> None:
    from app.asked import Kind
    from app.evidence.reader import DOMINANT_RELEVANCE, MIN_RELEVANCE, EvidenceReader, Scored
    from app.evidence.selection import select_units
    from app.evidence.units import Unit
    from ingest.document import Chunk, DocumentMeta
    from kb.hit import Hit

    relevance = (DOMINANT_RELEVANCE + MIN_RELEVANCE) / 2

    class Reader(EvidenceReader):
        def score(self, unit: Unit) -> Scored:  # every unit holds as much, and names who
            return Scored(unit, relevance, relevance, frozenset({Kind.UNITS}))

    def hits(answering: str, other: str, answering_hits: int, region: str = "") -> list[Hit]:
        found = []
        for index in range(6):
            doc = answering if index < answering_hits else other
            text = "住宅小区由业主委托的物业服务企业负责。" if index == 0 else f"第{index}条 其他规定。"
            chunk = Chunk(f"{doc}-{index}", doc, text, 0, len(text))
            meta = DocumentMeta(doc, f"{doc}条例", region=region if doc == answering else "")
            found.append(Hit(chunk, meta, 1.0 / (index + 1)))
        return found

    reader = Reader("没请物业的小区谁来管", list, lambda words: dict.fromkeys(words, 1.0))
    answering, _ = select_units(reader, hits("a", "b", answering_hits=5))
    assert [s.unit.hit.chunk.doc_id for s in answering][:1] == ["a"]
    answering, _ = select_units(reader, hits("a", "b", answering_hits=1))
    assert answering == []
    # the rule of the place the question names is as good as the document retrieval is about
    local = Reader("没请物业的小区谁来管", list, lambda words: dict.fromkeys(words, 1.0),
                   region="河南省洛阳市")
    answering, _ = select_units(local, hits("a", "b", answering_hits=1, region="河南省洛阳市"))
    assert [s.unit.hit.chunk.doc_id for s in answering][:1] == ["a"]


def test_a_line_beside_a_fact_answer_never_quotes_its_passage_again(home: Path) -> None:
    reply = answered(home, "好品山东宣传推广由哪个部门牵头？", "省商务厅牵头")
    spans = [(c["doc_id"], c["quote"]) for c in reply["citations"]]
    assert len(spans) == len(set(spans)), reply["answer"]
