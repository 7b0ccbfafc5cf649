"""Numbered verbatim citations and the document labels every fact answer names."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from app.answer import REFUSAL, Answer, Citation, Intent
from ingest.document import DocumentMeta, Span
from ingest.fact import Qualification, Responsibility, Reward, Target
from kb.region import region_matches

F = TypeVar("F", bound=Responsibility | Reward | Qualification | Target)
Metas = Mapping[str, DocumentMeta]


class Citer:
    """Numbers spans in the order they are cited; the same span keeps its number."""

    def __init__(self, metas: Metas) -> None:
        self.metas = metas
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, span: Span) -> str:
        key = (span.doc_id, span.start, span.end)
        if key not in self._numbers:
            meta = self.metas.get(span.doc_id) or DocumentMeta(span.doc_id, span.doc_id)
            number = len(self.citations) + 1
            self._numbers[key] = number
            self.citations.append(Citation(
                n=number, doc_id=span.doc_id, title=title_or_file(meta), issuer=meta.issuer,
                date=meta.date, region=meta.region, quote=span.quote, start=span.start,
                end=span.end, section_path=span.section_path, row=span.row,
                validity=meta.validity,
            ))
        return f"[{self._numbers[key]}]"


def title_or_file(meta: DocumentMeta) -> str:
    """The document's title, or its file name where no title could be read."""
    return meta.title or meta.source_file or meta.doc_id


def document_label(meta: DocumentMeta | None, doc_id: str = "") -> str:
    """《title》(issuer,region,date,validity): what every answer names for each document it rests
    on; a repealed rule says so (已废止)."""
    if meta is None:
        return f"《{doc_id}》"
    # a document whose title or region nobody could tell says so, never leaves a blank
    title = short_title(title_or_file(meta))
    region = meta.region or "地区未知"
    issuer = meta.issuer
    for long, short in _SHORT_FORMS:
        issuer = issuer.replace(long, short)
    issued = (_issued_in(region, issuer),) if issuer else (region,)
    details = ",".join(part for part in (*issued, meta.date, meta.validity) if part)
    return f"《{title}》({details})"


# the short forms official texts themselves use, for the source line (the citation keeps the
# issuer as the document gives it): "全国人民代表大会常务委员会" -> "全国人大常委会"
_SHORT_FORMS = (("人民代表大会常务委员会", "人大常委会"), ("人民代表大会", "人大"))


def _issued_in(region: str, issuer: str) -> str:
    """Issuer and region in one: "江西省鹰潭市" and "鹰潭市人民政府" -> "江西省鹰潭市人民政府";
    "山东省" and "山东省市场监管局" -> the issuer alone; otherwise both, issuer first."""
    if not region.endswith(")"):  # "湖北省(推断)" is said as it is
        for start in range(len(region) - 1):
            if issuer.startswith(region[start:]):
                return region[:start] + issuer
    return f"{issuer},{region}"


# "南昌市人民政府关于印发南昌市市长质量奖管理办法的通知": the notice carries the rules it prints
# ("…印发《…办法》(试行)的通知": the note after the title is the rules' own)
_NOTICE_OF = re.compile(
    r"^.{0,40}?关于(?:印发|转发|发布|公布)[《“\"]?(.{4,60}?)[》”\"]?([(（][^()（）]{1,8}[)）])?的通知$")


def short_title(title: str) -> str:
    """The rules a notice prints, for the source line: "…关于印发《X办法》的通知" -> "X办法";
    the citation keeps the whole title."""
    match = _NOTICE_OF.match(title.strip())
    return match.group(1) + (match.group(2) or "") if match else title


def grouped_answer(question: str, intent: Intent, facts: Sequence[F], metas: Metas,
                   line_of: Callable[[F, Citer], str]) -> Answer:
    """The conclusion first, every line cited, then the document it rests on; facts of several
    documents are listed under the document each comes from."""
    citer = Citer(metas)
    groups = by_document(facts)
    lines = []
    if len(groups) == 1:
        doc_id, group = next(iter(groups.items()))
        lines = [line_of(fact, citer) for fact in group]
        if len(lines) == 1:
            lines[0] = lines[0].removeprefix("- ")
        lines.append(f"来源:{document_label(metas.get(doc_id), doc_id)}")
    else:
        for doc_id, group in groups.items():
            lines.append(f"根据{document_label(metas.get(doc_id), doc_id)}:")
            lines += [line_of(fact, citer) for fact in group]
    return Answer(question, "\n".join(lines), False, str(intent), tuple(citer.citations))


def refusal(question: str, intent: Intent, text: str = REFUSAL) -> Answer:
    return Answer(question=question, answer=text, refused=True, intent=str(intent))


def by_document(facts: Sequence[F]) -> dict[str, list[F]]:
    groups: dict[str, list[F]] = {}
    for fact in facts:
        groups.setdefault(fact.span.doc_id, []).append(fact)
    return groups


def in_region(facts: Sequence[F], metas: Metas, region: str | None) -> list[F]:
    """The facts of documents that speak for `region`. Where the library holds documents of
    that place, a document of unknown region is not taken for one of them."""
    known = holds_place(metas, region)
    return [f for f in facts if region_matches(region_of(metas, f.span.doc_id), region)
            and (region_of(metas, f.span.doc_id) or not known)]


def holds_place(metas: Metas, region: str | None) -> bool:
    """Whether some document of the library is of `region` or of a place within it."""
    return bool(region) and any(meta.region and region_matches(region, meta.region)
                                for meta in metas.values())


def library_regions(metas: Metas) -> list[str]:
    """The regions of the documents held, for reading place names in questions."""
    return [meta.region for meta in metas.values() if meta.region]


def region_of(metas: Metas, doc_id: str) -> str:
    meta = metas.get(doc_id)
    return meta.region if meta else ""


def title_of(metas: Metas, doc_id: str) -> str:
    meta = metas.get(doc_id)
    return meta.title if meta else ""
