"""Questions about a document's 文号 (issuing number): answered from the text, or refused."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from app.answer import Answer
from app.citer import Citer, document_label, short_title
from ingest.document import DocumentMeta, Span

ASKS_NUMBER = re.compile(r"文号|发文字号|发文号")
_QUOTED_TITLE = re.compile(r"《([^》]+)》")


def documents_named(question: str, metas: Mapping[str, DocumentMeta]) -> list[DocumentMeta]:
    """The documents a question names by 《title》, or by a title it contains."""
    named = _QUOTED_TITLE.findall(question)
    return [meta for meta in metas.values()
            if any(name in meta.title or meta.title in name for name in named)
            or (meta.title and (meta.title in question or short_title(meta.title) in question))]


def _the_document(question: str, metas: Mapping[str, DocumentMeta],
                  found: DocumentMeta | None) -> DocumentMeta | None:
    """The one document a question names, else `found` (the one retrieval found best)."""
    documents = documents_named(question, metas)
    if len(documents) != 1 and found is not None:
        documents = [found]
    return documents[0] if len(documents) == 1 else None


def answer_effective_date(question: str, metas: Mapping[str, DocumentMeta],
                          found: DocumentMeta | None = None) -> Answer | None:
    """"…从哪天开始施行": the 施行日期 of the named document (or of `found`), where only its
    header gives it ("【施行日期】2021.12.01" above the text); None where it gives none."""
    meta = _the_document(question, metas, found)
    if meta is None or not meta.effective:
        return None
    return Answer(question=question, refused=False, intent="general",
                  answer=f"{document_label(meta)}的施行日期为{meta.effective}(据文件信息栏)。")


# "…是哪个部门印发的？" / "…是谁发布的": who issued the document itself, not who does a task
# ("由谁发布?" asks who publishes something the document speaks of: "水情年报由谁发布")
_ASKS_ISSUER = re.compile(r"(?<!由)(?:哪个|哪些|哪家|什么|哪一?级)(?:部门|单位|机关|机构|政府)"
                          r"(?:联合)?(?:印发|发布|制定|出台|颁布|发文)的[？?。]?$"
                          r"|(?<!由)谁(?:联合)?(?:印发|发布|制定|出台|颁布)的[？?。]?$|发文(?:机关|单位)")


def asks_issuer(question: str) -> bool:
    """"这个办法是哪个部门发布的": the question names a document before it asks who issued
    it; "临灾预报是哪个部门发布的" asks who publishes what a document speaks of."""
    asked = _ASKS_ISSUER.search(question.strip())
    if asked is None:
        return False
    return asked.group(0).startswith("发文") or bool(_DOCUMENT_NAMED.search(question[:asked.start()]))


# what a question calls a document: "《…》", "这个文件", "若干措施", "管理办法", "条例"
_DOCUMENT_NAMED = re.compile(r"》|文件|条例|办法|规定|意见|通知|方案|决定|细则|措施|法(?:律)?|纲要|规划|计划"
                             r"|公告|通告|批复|函|解读|政策|标准|制度|规则|章程")


def answer_issuer(question: str, metas: Mapping[str, DocumentMeta],
                  found: DocumentMeta | None = None) -> Answer | None:
    """"…是哪个部门印发的": every issuer of the named document (or of `found`), as its header
    or sidecar gives them; None where it names none."""
    meta = _the_document(question, metas, found)
    if meta is None or not meta.issuer:
        return None
    return Answer(question=question, refused=False, intent="responsibility",
                  answer=f"{document_label(meta)}的发文机关为{meta.issuer}(据文件信息栏)。")


def answer_issue_date(question: str, metas: Mapping[str, DocumentMeta],
                      found: DocumentMeta | None = None) -> Answer | None:
    """"…是哪天印发的": the date of the named document (or of `found`) as its header or sidecar
    gives it, where no sentence of the text states it; None where it has none. The date the
    source line shows is never said to be missing."""
    meta = _the_document(question, metas, found)
    if meta is None or not meta.date:
        return None
    return Answer(question=question, refused=False, intent="general",
                  answer=f"{document_label(meta)}的日期为{_written_date(meta.date)}(据文件信息栏)。")


def _written_date(iso: str) -> str:
    """"2023-06-29" -> "2023年6月29日"; a year and month alone stay so."""
    parts = [int(part) for part in iso.split("-") if part.isdigit()]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日", strict=False))


# a document the one named replaced, revised or repealed: its number is read in the text
_EARLIER = re.compile(r"(?:旧|老|原来|原先|以前|之前|修订前|修改前|上一版|前一版|被替换|被废止|废止的|替换掉|替代的|取代的)"
                      r"[^，,。？?]{0,12}(?:文号|字号|编号|办法|文件|规定|版本|那版|那份)")


def answer_document_number(question: str, metas: Mapping[str, DocumentMeta],
                           document_text: Callable[[str], str],
                           found: DocumentMeta | None = None) -> Answer | None:
    """The 文号 of the named document (or of `found`, the one retrieval found best), quoted
    where it stands; read from the document's header where only the header gave it; a refusal
    where neither has one.

    None where the question is not about a 文号 or names no known document.
    """
    if not ASKS_NUMBER.search(question) or _EARLIER.search(question):
        return None  # "修订前那个旧办法的文号": another document's, which the text may quote
    meta = _the_document(question, metas, found)
    if meta is None:
        return None
    text = document_text(meta.doc_id)
    start = text.find(meta.doc_number) if meta.doc_number else -1
    if start < 0 and meta.doc_number:
        # "【字号】洪府发〔2021〕21号" in a header table: metadata, not text to quote
        return Answer(question=question, refused=False, intent="general",
                      answer=f"{document_label(meta)}的文号为“{meta.doc_number}”(据文件信息栏)。")
    if start < 0:
        return Answer(question=question, refused=True, intent="general",
                      answer=f"已收录的{document_label(meta)}未载明文号。")
    span = Span(doc_id=meta.doc_id, start=start, end=start + len(meta.doc_number),
                quote=meta.doc_number)
    citer = Citer(metas)
    return Answer(question=question, refused=False, intent="general",
                  answer=f"{document_label(meta)}的文号为“{meta.doc_number}”{citer.cite(span)}。",
                  citations=tuple(citer.citations))
