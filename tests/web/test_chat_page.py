"""The chat page's HTML: the cited span marked, every character of documents escaped."""

from __future__ import annotations

from app.chat_page import escape_markdown, highlight_html, source_link
from ingest.document import Document, DocumentMeta

TEXT = "第一条 <script>window.__pwned=1</script> 省商务厅牵头,<b>省市场监管局</b>配合。"


def _document() -> Document:
    meta = DocumentMeta(doc_id="doc_1", title="<i>标题</i>", issuer="某局", date="2024-01-01",
                        region="山东省")
    return Document(meta=meta, text=TEXT, content_hash="x")


def test_highlight_marks_exactly_the_cited_span_and_escapes_everything() -> None:
    start = TEXT.index("省商务厅")
    end = TEXT.index("。") + 1
    page = highlight_html(_document(), start, end)
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    marked = page.split("<mark>")[1].split("</mark>")[0]
    assert marked == "省商务厅牵头,&lt;b&gt;省市场监管局&lt;/b&gt;配合。"
    assert 'href="/source?doc=doc_1&amp;start=' in page


def test_offsets_outside_the_text_are_clamped() -> None:
    page = highlight_html(_document(), -5, 10_000)
    assert page.count("<mark>") == 1 and "…" not in page


def test_markdown_and_html_in_a_question_stay_literal() -> None:
    assert escape_markdown('<img src=x onerror="a()"> **粗** [1](javascript:x)') == (
        '&lt;img src=x onerror="a\\(\\)"&gt; \\*\\*粗\\*\\* \\[1\\]\\(javascript:x\\)')


def test_source_link_encodes_its_parameters() -> None:
    assert source_link("a&b", 1, 2) == "/source?doc=a%26b&start=1&end=2"
