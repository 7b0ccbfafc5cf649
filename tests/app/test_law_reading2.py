"""How a law is read, round four: when it takes effect is read from its closing article, which
shares no word with the question but 施行; a term the answer uses and the question asks to be
made specific is given with its definition from another article; "具体…" continues the question
before it instead of asking another; and the purpose article answers only a question about
purpose.

The laws here are written for the test, in the layout real ones use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.asking import answered, home_with

pytestmark = pytest.mark.slow

_TOPICS = ["业主大会会议的召开", "业主委员会的选举", "物业服务合同的订立", "物业服务费用的公示",
           "物业共用部位的维修", "物业服务企业的退出", "物业管理区域的划分", "前期物业服务的交接",
           "物业服务质量的评价", "物业专项维修资金的使用", "业主委员会的换届", "物业服务纠纷的调解"]

_ARTICLES = "\n".join(
    f"第{number}条 社区物业服务中{topic}，由街道办事处指导，物业服务企业和业主委员会按照本条例办理。"
    for number, topic in zip("二三四五六七八九十", _TOPICS))

PROPERTY = f"""# 某市社区物业服务条例

2020年6月1日某市第十五届人民代表大会常务委员会第二十次会议通过

第一条 为了规范社区物业服务活动，维护业主和物业服务企业的合法权益，根据有关法律、法规，结合本市实际，制定本条例。
{_ARTICLES}
第十一条 物业服务企业的主要负责人不得兼任业主委员会委员，其近亲属不得担任业主委员会主任。
第十二条 物业服务企业应当建立二十四小时值班制度，公布报修电话。
第五十八条 本条例所称近亲属，是指配偶、父母、子女、兄弟姐妹、祖父母、外祖父母。
第五十九条 本条例自2021年3月1日起施行。
"""


COAL = """某市散煤污染防治条例

2020年6月30日某市第七届人民代表大会常务委员会第二十次会议通过

第五条 市、县(区)人民政府市场监督管理部门负责本行政区域内散煤污染防治工作的组织实施,并与有关部门按照下列规定,履行散煤污染防治监督管理职责:
(一)发展和改革主管部门负责煤炭消费总量控制的监督管理;
(二)工业和信息化主管部门负责洁净型煤替代建设的监督管理;
(三)生态环境主管部门负责散煤燃烧大气污染防治的监督管理;
(四)住房和城乡建设主管部门负责集中供热替代的监督管理;
(五)公安、交通运输部门负责散煤运输的监督管理;
(六)城市管理部门负责流动摊贩散煤污染防治的监督管理;
(七)其他有关部门按照各自职责做好散煤污染防治的监督管理工作。
第十条 禁煤区内,禁止运输散煤。
"""


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("laws2"),
                     {"city_property": PROPERTY, "city_coal": COAL})


def test_when_a_law_takes_effect_is_read_from_its_closing_article(home: Path) -> None:
    reply = answered(home, "咱们市那部社区物业服务条例是从哪天开始正式施行的？", "2021年3月1日")
    assert any("起施行" in citation["quote"] for citation in reply["citations"])


def test_a_term_made_specific_is_given_with_its_definition(home: Path) -> None:
    reply = answered(home, "物业公司负责人的家里人能当业委会主任吗？具体是哪些亲属不行？",
                     "其近亲属不得担任业主委员会主任", "兄弟姐妹")
    quotes = [citation["quote"] for citation in reply["citations"]]
    assert any("所称近亲属" in quote for quote in quotes), quotes


def test_a_markdown_heading_in_a_text_file_is_the_title_without_its_marks(home: Path) -> None:
    reply = answered(home, "咱们市那部社区物业服务条例是从哪天开始正式施行的？")
    titles = {citation["title"] for citation in reply["citations"]}
    assert "某市社区物业服务条例" in titles, titles


def test_the_purpose_article_answers_a_question_about_purpose(home: Path) -> None:
    answered(home, "某市制定社区物业服务条例的目的是什么？", "规范社区物业服务活动")


def test_the_purpose_article_does_not_answer_what_a_company_must_do(home: Path) -> None:
    reply = answered(home, "某市社区物业服务条例对物业服务企业的负责人和业主委员会有什么限制？",
                     "不得兼任业主委员会委员")
    assert "制定本条例" not in reply["answer"].split("\n")[0], reply["answer"]


def test_each_part_of_a_compound_who_question_is_answered(home: Path) -> None:
    # the facts of the best passage answer one part; the other is read from the passages,
    # though its line quotes the same list
    answered(home, "某市散煤污染防治条例里，散煤运输归哪些部门监管？街上流动摊贩烧散煤又归谁管？",
             "城市管理部门", "公安、交通运输部门")
