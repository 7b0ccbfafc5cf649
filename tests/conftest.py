"""Shared fixtures: small hand-made documents, and knowledge bases in temporary folders."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from ingest.document import Chunk, Document, DocumentMeta, ParsedDocument, content_hash
from ingest.fact import Fact


def make_parsed(doc_id: str, lines: list[str], region: str = "山东省",
                title: str = "测试文件") -> ParsedDocument:
    """A document whose chunks are its lines, with exact offsets."""
    text = "\n".join(lines)
    chunks, offset = [], 0
    for line in lines:
        chunks.append(Chunk(chunk_id=content_hash(doc_id, line), doc_id=doc_id, text=line,
                            start=offset, end=offset + len(line), section_path=("一、总则",)))
        offset += len(line) + 1
    meta = DocumentMeta(doc_id=doc_id, title=title, issuer="测试发文机关", date="2024-01-01",
                        region=region)
    document = Document(meta=meta, text=text, content_hash=content_hash(text, region))
    return ParsedDocument(document=document, chunks=tuple(chunks))


@pytest.fixture
def kb_home(tmp_path: Path) -> Path:
    return tmp_path / "kb"


@pytest.fixture(scope="session")
def bundled_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of the bundled corpus, built once per test session."""
    from app.library import open_knowledge_base
    from app.settings import load_settings

    home = tmp_path_factory.mktemp("bundled") / "kb"
    open_knowledge_base(load_settings(home)).close()
    return home


@lru_cache(maxsize=1)
def seed_corpus() -> tuple[tuple[Fact, ...], dict[str, DocumentMeta], dict[str, str]]:
    """Facts, metadata and cleaned text of the bundled documents, parsed once."""
    from corpus import bundled_documents_dir
    from ingest.pipeline import parse_file

    facts: list[Fact] = []
    metas: dict[str, DocumentMeta] = {}
    texts: dict[str, str] = {}
    for path in sorted(bundled_documents_dir().glob("*.txt")):
        parsed = parse_file(path)
        facts += parsed.facts
        metas[parsed.document.doc_id] = parsed.document.meta
        texts[parsed.document.doc_id] = parsed.document.text
    return tuple(facts), metas, texts
