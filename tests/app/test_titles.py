"""The documents a question is about by the words of their titles."""

from __future__ import annotations

from app.titles import TitleIndex
from ingest.document import DocumentMeta
from kb.tokenizer import domain_tokenizer

_TITLES = {
    "a": "宁波市宗教活动场所管理办法",
    "b": "上海市宗教事务条例",
    "c": "金华市电梯安全条例",
    "d": "潍坊市电梯安全条例",
    "e": "枣庄市电梯安全条例",
    "f": "浙江省农村生活污水处理设施管理条例",
    "g": "印刷业管理条例",
    "h": "外汇管理条例",
    "i": "上海市市容环境卫生管理条例",
    "j": "政府投资条例",
}


def _index() -> TitleIndex:
    metas = {doc_id: DocumentMeta(doc_id=doc_id, title=title)
             for doc_id, title in _TITLES.items()}
    return TitleIndex(metas, domain_tokenizer())


def test_a_title_spelled_out_in_other_words_finds_its_document() -> None:
    index = _index()
    assert index.about("宁波的宗教场所想搞活动需要谁批准？")[0] == "a"
    assert index.about("农村生活污水处理设施坏了归哪个部门管？浙江的")[0] == "f"


def test_the_place_tells_documents_of_one_subject_apart() -> None:
    assert _index().about("在潍坊，电梯多久要检验一次？") == ["d"]


def test_a_subject_alone_or_common_words_name_no_document() -> None:
    index = _index()
    # three 电梯安全条例 are held: without a place, the subject names none of them
    assert index.about("电梯困人了怎么办？") == []
    assert index.about("管理部门是谁？") == []
    assert index.about("上海的停车费怎么收？") == []


def test_a_document_already_named_is_not_offered_again() -> None:
    assert "a" not in _index().about("宁波宗教活动场所的登记", exclude={"a"})
