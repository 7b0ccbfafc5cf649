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


@pytest.fixture(scope="module")
def home(bundled_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_with(bundled_home, tmp_path_factory.mktemp("laws2"), {"city_property": PROPERTY})


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
    reply = answered(home, "某市社区物业服务条例怎么维护业主和物业服务企业的合法权益？")
    assert "制定本条例" not in reply["answer"].split("\n")[0], reply["answer"]
