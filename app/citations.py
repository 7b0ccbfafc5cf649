"""Numbered citations built from provenance (chunks, fact spans), never reconstructed."""

from __future__ import annotations

from collections.abc import Mapping

from app.answer import Citation
from ingest.document import DocumentMeta, Span


def describe_source(meta: DocumentMeta) -> str:
    """《title》(issuer, date, region): what every answer names for the text it rests on."""
    parts = [part for part in (meta.issuer, meta.date, meta.region) if part]
    return f"《{meta.title}》({','.join(parts)})" if parts else f"《{meta.title}》"


def cite(n: int, span: Span, metas: Mapping[str, DocumentMeta]) -> Citation:
    """Citation number `n` for a verbatim span of a document."""
    meta = metas[span.doc_id]
    return Citation(
        n=n,
        doc_id=span.doc_id,
        title=meta.title,
        issuer=meta.issuer,
        date=meta.date,
        region=meta.region,
        quote=span.quote,
        start=span.start,
        end=span.end,
        section_path=span.section_path,
        row=span.row,
    )
