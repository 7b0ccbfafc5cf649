"""The records ingest hands to the knowledge base: documents, their chunks, and facts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def content_hash(*parts: str) -> str:
    """Stable short id from content, so a rebuild skips what did not change."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class DocumentMeta:
    """Who issued a document, when, and for which region."""

    doc_id: str
    title: str
    issuer: str = ""
    date: str = ""  # ISO yyyy-mm-dd where known, else ""
    region: str = ""  # e.g. 山东省, 山东省威海市, 湖北省(推断)
    doc_number: str = ""  # 文号, e.g. 鲁政发〔2021〕12号
    source_kind: str = ""  # 意见 / 方案 / 政策解读 ...
    validity: str = ""  # 有效 / 已失效 / 已废止 …, where the document's header says
    effective: str = ""  # 施行日期 as the document's header writes it ("2021.12.01")
    source_file: str = ""
    inferred: tuple[str, ...] = ()  # names of fields guessed from the text, not given
    note: str = ""


@dataclass(frozen=True)
class Document:
    """A cleaned document: every offset of its chunks and facts points into `text`."""

    meta: DocumentMeta
    text: str
    content_hash: str

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit cut along the document's own structure.

    `text` is exactly `document.text[start:end]`, so it can be quoted verbatim.
    `context` is what the chunk needs to be understood on its own (column headers,
    the section heading of a table group) and is indexed but never quoted.
    """

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    section_path: tuple[str, ...] = ()  # e.g. ("二、主要措施", "(二)强化政策支持")
    row: int | None = None  # table row number (序号) for table rows
    kind: str = "paragraph"  # paragraph | table_row | heading
    context: str = ""

    @property
    def indexed_text(self) -> str:
        """Text fed to BM25 and the embedder: context first, then the chunk itself."""
        return f"{self.context}\n{self.text}" if self.context else self.text


@dataclass(frozen=True)
class Span:
    """Where a fact stands in its document; `quote` is `document.text[start:end]`."""

    doc_id: str
    start: int
    end: int
    quote: str
    chunk_id: str = ""
    section_path: tuple[str, ...] = ()
    row: int | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """Everything ingest learned from one file."""

    document: Document
    chunks: tuple[Chunk, ...]
    facts: tuple = field(default=())  # tuple[Fact, ...] once facts are extracted
