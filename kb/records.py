"""SQLite store of documents, chunks and facts: the source of truth of the knowledge base.

A document is replaced in one transaction, so a reader sees either its old or its new
version, never neither. Vectors live in Chroma keyed by chunk id; a chunk counts as
searchable only once its row is committed here.
"""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from ingest.document import Chunk, Document, DocumentMeta, ParsedDocument
from ingest.fact import Fact, fact_from_dict, fact_to_dict
from kb.errors import CorruptIndex, StorageError

_COLUMNS = {
    "documents": ["doc_id", "meta", "text", "content_hash"],
    "chunks": ["chunk_id", "doc_id", "ord", "text", "start", "end", "section_path", "row",
               "kind", "context", "tokens"],
    "facts": ["fact_id", "doc_id", "kind", "data"],
    "state": ["key", "value"],
}
# how SQLite, Chroma and the OS say a folder cannot take writes
_FULL = ("disk is full", "no space left", "disk quota")
_READ_ONLY = ("readonly database", "read-only file system", "permission denied",
              "unable to open database file")
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
# Chroma says only "Error in compaction" when its disk fills: below this, a failed write is
# taken for a full disk
_NEARLY_FULL_BYTES = 2 * 2**20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, meta TEXT NOT NULL, text TEXT NOT NULL, content_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, section_path TEXT NOT NULL,
    row INTEGER, kind TEXT NOT NULL, context TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS facts (
    fact_id TEXT NOT NULL, doc_id TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (doc_id, fact_id)
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _meta_from_json(raw: str) -> DocumentMeta:
    data = json.loads(raw)
    data["inferred"] = tuple(data.get("inferred") or ())
    return DocumentMeta(**data)


def storage_error(error: BaseException, home: Path) -> StorageError | None:
    """`error` as a one-line StorageError when it means the disk is full or read-only."""
    code = getattr(error, "errno", None)
    said = str(error).lower()
    if code in _FULL_ERRNOS or any(words in said for words in _FULL) or _nearly_full(home):
        return StorageError(
            f"磁盘已满 / the disk holding {home} is full ({error}); free some space and run "
            "the ingest again: the knowledge base still holds the last complete version"
        )
    if code in _READ_ONLY_ERRNOS or any(words in said for words in _READ_ONLY):
        return StorageError(
            f"数据目录不可写 / the data folder {home} is not writable ({error}); make it "
            "writable or choose another with --kb / POLICYKB_HOME"
        )
    return None


def _nearly_full(home: Path) -> bool:
    try:
        return shutil.disk_usage(home).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


class RecordStore:
    """Documents, chunks (with their BM25 tokens) and facts in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            problem = self._integrity_problem()
        except sqlite3.DatabaseError as error:
            unwritable = storage_error(error, path.parent)
            if unwritable is not None:
                raise unwritable from error
            problem = str(error)
        if problem:
            raise CorruptIndex(
                f"cannot read {path} ({problem}); move the data folder away and rebuild "
                "with `policykb ingest --rebuild`"
            )

    def _integrity_problem(self) -> str:
        """What is wrong with the file's pages or tables, or "" when nothing is."""
        checked = self._db.execute("PRAGMA quick_check").fetchone()[0]
        if checked != "ok":
            return f"integrity check: {checked}"
        for table, expected in _COLUMNS.items():
            columns = [row[1] for row in self._db.execute(f"PRAGMA table_info({table})")]
            if columns != expected:
                return f"table {table} has columns {columns}, expected {expected}"
        return ""

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def has_chunks(self) -> bool:
        return self._db.execute("SELECT 1 FROM chunks LIMIT 1").fetchone() is not None

    def generation(self) -> int:
        """A counter bumped by every change, so readers know when to reload."""
        row = self._db.execute("SELECT value FROM state WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def content_hash(self, doc_id: str) -> str | None:
        row = self._db.execute(
            "SELECT content_hash FROM documents WHERE doc_id=?", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    def chunk_ids(self, doc_id: str | None = None) -> set[str]:
        if doc_id is None:
            rows = self._db.execute("SELECT chunk_id FROM chunks")
        else:
            rows = self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id=?", (doc_id,))
        return {row[0] for row in rows}

    def replace(self, parsed: ParsedDocument, tokens: Sequence[Sequence[str]]) -> None:
        """Swap in a document's new version (or add it) in one transaction."""
        document = parsed.document
        with self._transaction() as db:
            self._delete_rows(db, document.doc_id)
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?)",
                (
                    document.doc_id,
                    json.dumps(asdict(document.meta), ensure_ascii=False),
                    document.text,
                    document.content_hash,
                ),
            )
            db.executemany(
                "INSERT OR IGNORE INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        chunk.chunk_id, chunk.doc_id, order, chunk.text, chunk.start, chunk.end,
                        json.dumps(chunk.section_path, ensure_ascii=False), chunk.row,
                        chunk.kind, chunk.context, json.dumps(list(words), ensure_ascii=False),
                    )
                    for order, (chunk, words) in enumerate(zip(parsed.chunks, tokens))
                ],
            )
            db.executemany(
                "INSERT OR IGNORE INTO facts VALUES (?,?,?,?)",
                [
                    (fact.fact_id, document.doc_id, str(fact.kind),
                     json.dumps(fact_to_dict(fact), ensure_ascii=False))
                    for fact in parsed.facts
                ],
            )
            self._bump(db)

    def remove(self, doc_id: str) -> None:
        with self._transaction() as db:
            self._delete_rows(db, doc_id)
            self._bump(db)

    @staticmethod
    def _delete_rows(db: sqlite3.Connection, doc_id: str) -> None:
        for table in ("documents", "chunks", "facts"):
            db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO state VALUES ('generation', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def metas(self) -> list[DocumentMeta]:
        rows = self._db.execute("SELECT meta FROM documents ORDER BY doc_id")
        return [_meta_from_json(row[0]) for row in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute(
            "SELECT meta, text, content_hash FROM documents WHERE doc_id=?", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        return Document(meta=_meta_from_json(row[0]), text=row[1], content_hash=row[2])

    def chunks_with_tokens(self) -> list[tuple[Chunk, list[str]]]:
        """Every chunk in document order, with the tokens BM25 indexes."""
        rows = self._db.execute(
            'SELECT chunk_id, doc_id, text, start, "end", section_path, row, kind, context, '
            "tokens FROM chunks ORDER BY doc_id, ord"
        )
        return [
            (
                Chunk(
                    chunk_id=row[0], doc_id=row[1], text=row[2], start=row[3], end=row[4],
                    section_path=tuple(json.loads(row[5])), row=row[6], kind=row[7],
                    context=row[8],
                ),
                json.loads(row[9]),
            )
            for row in rows
        ]

    def update_tokens(self, tokens: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Store new BM25 tokens for chunks (by id) in one transaction."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE chunks SET tokens=? WHERE chunk_id=?",
                [(json.dumps(list(words), ensure_ascii=False), chunk_id)
                 for chunk_id, words in tokens],
            )
            self._bump(db)

    def facts(self) -> list[Fact]:
        """Every fact, in document order (the knowledge base filters its snapshot in memory)."""
        rows = self._db.execute("SELECT data FROM facts ORDER BY doc_id, rowid")
        return [fact_from_dict(json.loads(row[0])) for row in rows]

    def close(self) -> None:
        self._db.close()
