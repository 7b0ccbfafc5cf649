"""Questions about a 文号: quoted where the text has one, refused where it has none."""

from __future__ import annotations

from app.document_number import answer_document_number
from ingest.document import DocumentMeta

TEXT = "关于印发某市质量奖励办法的通知\n临政办发〔2025〕8号\n第一条 …"
METAS = {
    "with": DocumentMeta(doc_id="with", title="某市质量奖励办法", issuer="某市人民政府办公室",
                         date="2025-02-10", region="山东省临沂市", doc_number="临政办发〔2025〕8号"),
    "without": DocumentMeta(doc_id="without", title="共建共享“好品山东”推进落实分工方案",
                            region="山东省"),
}
TEXTS = {"with": TEXT, "without": "省直各相关部门:现将…印发给你们"}


def test_a_number_in_the_text_is_quoted_verbatim() -> None:
    answer = answer_document_number("《某市质量奖励办法》的发文字号是什么？", METAS, TEXTS.__getitem__)
    assert answer is not None and not answer.refused
    assert "临政办发〔2025〕8号" in answer.answer
    citation = answer.citations[0]
    assert TEXT[citation.start : citation.end] == citation.quote == "临政办发〔2025〕8号"


def test_a_document_without_a_number_is_a_refusal_not_a_guess() -> None:
    answer = answer_document_number("《共建共享“好品山东”推进落实分工方案》文号是多少", METAS,
                                    TEXTS.__getitem__)
    assert answer is not None and answer.refused and answer.citations == ()
    assert "未载明文号" in answer.answer


def test_other_questions_and_unknown_documents_pass_through() -> None:
    assert answer_document_number("某市质量奖励办法奖励多少？", METAS, TEXTS.__getitem__) is None
    assert answer_document_number("《不存在的文件》的文号？", METAS, TEXTS.__getitem__) is None


def test_the_date_a_source_line_shows_is_the_answer_to_when_it_was_issued() -> None:
    from app.asked import asks_issued
    from app.document_number import answer_issue_date

    question = "某市质量奖励办法是哪天印发的？"
    assert asks_issued(question) and not asks_issued("某市质量奖励办法从哪天开始施行？")
    answer = answer_issue_date(question, METAS, METAS["with"])
    assert answer is not None and not answer.refused
    assert "2025年2月10日" in answer.answer and "据文件信息栏" in answer.answer
    # a document without a date gives no answer of this kind
    assert answer_issue_date("《共建共享“好品山东”推进落实分工方案》哪天印发的", METAS) is None


def test_who_issued_a_document_is_read_from_its_header() -> None:
    from app.document_number import answer_issuer, asks_issuer

    assert asks_issuer("《某市质量奖励办法》是哪个部门印发的？")
    assert asks_issuer("某市质量奖励办法是谁发布的")
    # who does a task is another question
    assert not asks_issuer("品牌名单由哪个部门发布并向社会公告？")
    assert not asks_issuer("《某市质量奖励办法》里，全市的年报由谁发布？")
    answer = answer_issuer("《某市质量奖励办法》是哪个部门印发的？", METAS)
    assert answer is not None and "发文机关为某市人民政府办公室" in answer.answer
    assert answer_issuer("《共建共享“好品山东”推进落实分工方案》是谁印发的", METAS) is None
