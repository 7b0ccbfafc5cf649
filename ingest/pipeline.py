"""From files on disk to parsed documents: load, decode, clean, metadata, segment."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ingest import lexicon
from ingest.cleaner import clean_text
from ingest.document import Document, DocumentMeta, ParsedDocument, content_hash
from ingest.errors import EmptyDocument
from ingest.facts import extract_facts
from ingest.header import drop_header
from ingest.loader import SUPPORTED_SUFFIXES, load_file
from ingest.metadata import SIDECAR_SUFFIX, read_sidecar, resolve_metadata
from ingest.segmenter import segment

# Part of every content hash: bump it when cleaning, segmentation or fact extraction changes,
# so the next ingest re-parses documents whose text did not change.
PIPELINE_VERSION = "6"  # 5: no chunk over HARD_MAX_CHARS; 6: items indexed with their lead
_UNSAFE_ID = re.compile(r"[^0-9A-Za-z_\-\u3400-\u4dbf\u4e00-\u9fff]+")


def discover_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Supported files under `paths` (folders recursively), and what was skipped and why."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if not path.exists():
            skipped.append((path, "不存在/not found"))
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _is_hidden(child.relative_to(path)):
                    _sort_file(child, files, skipped)
        else:
            _sort_file(path, files, skipped)
    return files, skipped


def parse_file(path: Path) -> ParsedDocument:
    """Parse one file; its `<stem>.meta.json` sidecar, where present, wins per field."""
    raw = load_file(path)  # 1. load and decode
    return _parse(raw, document_id(path), read_sidecar(path) or {}, path.name)


def parse_text(text: str, meta: DocumentMeta | None = None, doc_id: str = "text") -> ParsedDocument:
    """Parse text already in memory; non-empty fields of `meta` win over inferred ones."""
    given = {} if meta is None else {k: v for k, v in asdict(meta).items() if k != "inferred"}
    doc_id = meta.doc_id if meta is not None else doc_id
    return _parse(text, doc_id, given, given.get("source_file", ""))


def document_id(path: Path) -> str:
    """The file stem made safe (CJK, letters, digits, _ and -), so a re-ingest replaces it."""
    safe = _UNSAFE_ID.sub("_", path.stem).strip("_")
    return safe or content_hash(path.name)


def _parse(raw: str, doc_id: str, given: dict[str, Any], source_name: str) -> ParsedDocument:
    text = clean_text(raw)  # 2. clean
    meta = resolve_metadata(text, doc_id, given)  # 3. metadata, its header's labels included
    text = drop_header(text)  # the header is metadata now, not text to quote
    if not text:
        raise EmptyDocument(
            f"{source_name or doc_id}: 清理后没有正文 / no text left after cleaning"
        )
    meta = replace(meta, doc_id=doc_id, source_file=source_name or meta.source_file)
    meta_json = json.dumps(asdict(meta), ensure_ascii=False, sort_keys=True)
    document = Document(
        meta=meta, text=text, content_hash=content_hash(PIPELINE_VERSION, lexicon.fingerprint(), text, meta_json)
    )
    chunks = segment(document)  # 4. segment
    facts = extract_facts(document, chunks)  # 5. extract facts
    return ParsedDocument(document=document, chunks=chunks, facts=facts)


def _sort_file(path: Path, files: list[Path], skipped: list[tuple[Path, str]]) -> None:
    if path.name.endswith(SIDECAR_SUFFIX):
        return  # metadata of a document, read with it
    if path.name.startswith("."):
        skipped.append((path, "隐藏文件/hidden file"))
    elif path.suffix.lower() in SUPPORTED_SUFFIXES:
        files.append(path)
    else:
        skipped.append((path, f"不支持的类型/unsupported type {path.suffix or '(none)'}"))


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
