"""The knowledge base: records, BM25 and vectors behind one small interface."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ingest.document import Chunk, Document, DocumentMeta, ParsedDocument
from ingest.fact import Fact
from kb.bm25 import BM25
from kb.embedding import DEFAULT_MODEL, Embedder, make_embedder
from kb.errors import CorruptIndex, KBError, KBNotBuilt, UnknownDocument
from kb.folder_lock import WRITE_LOCK_NAME, FolderLock
from kb.fusion import fuse_rankings
from kb.hit import Hit
from kb.manifest import Manifest, read_manifest, write_manifest
from kb.records import RecordStore, storage_error
from kb.region import is_place_name, region_matches
from kb.tokenizer import Tokenizer, domain_tokenizer

log = logging.getLogger(__name__)
_EMBED_BATCH = 32
_CANDIDATES = 50
# a region filter covering less than this share of chunks is applied by the vector store
_FILTER_IN_STORE_BELOW = 0.5
# query embeddings kept: a question asked again, or embedded before the search, is not embedded twice
_QUERY_VECTORS = 256
# how long a write waits for another process's ingest or upload to finish (POLICYKB_LOCK_TIMEOUT)
DEFAULT_LOCK_TIMEOUT = 300.0


@dataclass
class IngestReport:
    """What one `add` did, and where its time went."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def timing(self, phase: str, started: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class _Snapshot:
    """The searchable state at one generation of the record store."""

    generation: int
    chunks: list[Chunk]
    tokens: list[frozenset[str]]
    bm25: BM25
    metas: dict[str, DocumentMeta]
    facts: list[Fact]
    position: dict[str, int]  # chunk id -> index in `chunks`
    doc_ids: list[str]  # every document, in a fixed order
    chunk_docs: np.ndarray  # index into `doc_ids` of every chunk's document, for region masks
    by_doc: dict[str, list[Chunk]] | None = None  # each document's chunks, built on first use

    def documents_mask(self, documents: Collection[str]) -> np.ndarray:
        """Which chunks lie in the given documents."""
        allowed = np.array([doc_id in documents for doc_id in self.doc_ids], dtype=bool)
        return allowed[self.chunk_docs]

    def region_mask(self, region: str | None) -> np.ndarray | None:
        """Which chunks lie in documents that speak for `region`; None: all of them."""
        if not region:
            return None
        allowed = np.array([region_matches(self.metas[doc_id].region, region)
                            for doc_id in self.doc_ids], dtype=bool)
        return allowed[self.chunk_docs]


class KnowledgeBase:
    """Documents, chunks and facts on disk, searchable by keywords and by meaning."""

    def __init__(self, home: Path, embedding_model: str = DEFAULT_MODEL,
                 chroma_url: str | None = None, tokenizer: Tokenizer | None = None,
                 lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        from kb.vector_store import VectorStore

        self.home = Path(home)
        self.embedding_model = embedding_model or DEFAULT_MODEL
        self.lock_timeout = lock_timeout
        with self._writing():
            self.home.mkdir(parents=True, exist_ok=True)
            self._records = RecordStore(self.home / "records.sqlite")
        # the generation whose vectors this process's view of the vector store holds
        self._vector_generation = self._records.generation()
        self._embedder: Embedder = make_embedder(self.embedding_model)
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_vectors_lock = threading.Lock()
        self._vectors = VectorStore(path=self.home / "chroma", url=chroma_url)
        self._tokenizer = tokenizer or domain_tokenizer()
        self._snapshot: _Snapshot | None = None
        manifest = read_manifest(self.home)
        if manifest is not None:
            manifest.check_compatible(self.embedding_model, self._dimensions(), self.home)
        if self._records.has_chunks():
            self._check_vectors(manifest, embedded=chroma_url is None)
            if manifest is not None and manifest.lexicon != self._tokenizer.fingerprint:
                self._retokenize(manifest)

    def _retokenize(self, manifest: Manifest) -> None:
        """The vocabulary changed since these passages were tokenized: their BM25 tokens are
        rebuilt from the stored text (no passage is embedded again)."""
        rows = self._records.chunks_with_tokens()
        log.info("vocabulary changed: re-tokenizing %d passages", len(rows))
        titles = {meta.doc_id: meta.title for meta in self._records.metas()}
        with self._writing(), self._exclusive():
            self._records.update_tokens([
                (chunk.chunk_id, self._tokens_of(titles.get(chunk.doc_id, ""), chunk))
                for chunk, _ in rows])
            write_manifest(self.home, replace(manifest, lexicon=self._tokenizer.fingerprint))

    def _tokens_of(self, title: str, chunk: Chunk) -> list[str]:
        # the title goes into every chunk's keywords: "威海这份意见…" should find its passages
        return self._tokenizer.tokenize(f"{title}\n{with_headings(chunk)}")

    def _check_vectors(self, manifest: Manifest | None, embedded: bool) -> None:
        """At start-up: a built index has its manifest, and every committed chunk its vector."""
        rebuild = "rebuild it from the source files with `policykb ingest --rebuild`"
        if manifest is None:
            raise CorruptIndex(f"{self.home} holds documents but no manifest.json; {rebuild}")
        if not embedded:
            return  # a Chroma server is checked by its own operator, and may be far away
        try:
            with self._writing():
                vector_ids = self._vectors.ids()
        except KBError:
            raise
        except Exception as error:  # chromadb raises its own tree, down to "file is not a database"
            raise CorruptIndex(
                f"cannot read the vectors in {self.home / 'chroma'} ({error}); {rebuild}"
            ) from error
        missing = self._records.chunk_ids() - vector_ids
        if missing:
            raise CorruptIndex(
                f"{len(missing)} passages in {self.home} have no vector in its chroma folder "
                f"(deleted or damaged); {rebuild}"
            )

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A full disk or read-only folder becomes one clear StorageError."""
        try:
            yield
        except (OSError, sqlite3.OperationalError) as error:
            raise storage_error(error, self.home) or error
        except KBError:
            raise
        except Exception as error:  # chromadb reports SQLite's "disk is full" in its own errors
            unwritable = storage_error(error, self.home)
            if unwritable is None:
                raise
            raise unwritable from error

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One writer at a time on this data folder, across processes (ingests and uploads):
        without it one ingest deletes another's uncommitted vectors as orphans."""
        with FolderLock(self.home / WRITE_LOCK_NAME).held(
            self.lock_timeout,
            waiting=f"等待另一个写入结束 / waiting up to {self.lock_timeout:g} s for another "
                    f"ingest or upload writing to {self.home}",
            busy=f"另一个写入正在进行 / another ingest or upload ({{holder}}) is writing to "
                 f"{self.home}; waited {self.lock_timeout:g} s (POLICYKB_LOCK_TIMEOUT): run "
                 "this again when it has finished",
        ):
            yield

    def _follow_commits(self) -> None:
        """After another process committed, read the vector store afresh: an embedded Chroma
        serves its in-memory index, which lacks that process's vectors."""
        generation = self._records.generation()
        if generation != self._vector_generation:
            self._vectors.reopen()
            self._vector_generation = generation

    def query_vector(self, query: str) -> np.ndarray:
        """The embedding of a query, from a small cache: a server embeds a question before it
        takes the lock its readers share (`prepare`), so that the lock is held only to search."""
        with self._query_vectors_lock:
            vector = self._query_vectors.get(query)
            if vector is not None:
                self._query_vectors.move_to_end(query)
                return vector
        vector = self._embedder.embed_query(query)
        with self._query_vectors_lock:
            self._query_vectors[query] = vector
            while len(self._query_vectors) > _QUERY_VECTORS:
                self._query_vectors.popitem(last=False)
        return vector

    def _dimensions(self) -> int:
        return self._embedder.dimensions

    # -- building ---------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self._records.metas()

    def add(self, documents: Iterable[ParsedDocument], progress: bool = False,
            readers: AbstractContextManager[object] | None = None) -> IngestReport:
        """Add or replace documents; unchanged ones cost nothing, changed ones swap atomically.

        `readers` is the lock this process's readers hold: it is taken only to read and swap
        records, never while passages are embedded, so questions go on meanwhile.
        """
        from tqdm import tqdm

        report = IngestReport()
        items = list(documents)
        swap = readers or nullcontext()
        with self._writing(), self._exclusive():
            with swap:
                self._follow_commits()  # no other writer from here on: this view stays current
            if read_manifest(self.home) is None:
                write_manifest(self.home, Manifest(self.embedding_model, self._dimensions(),
                                                   lexicon=self._tokenizer.fingerprint))
            bar = tqdm(items, desc="索引 indexing", unit="doc", disable=not progress, leave=False)
            for parsed in bar:
                self._add_one(parsed, report, swap)
            with swap:
                self._drop_orphan_vectors()
        return report

    def _add_one(self, parsed: ParsedDocument, report: IngestReport,
                 swap: AbstractContextManager[object]) -> None:
        doc_id = parsed.document.doc_id
        with swap:
            previous = self._records.content_hash(doc_id)
            old_ids = self._records.chunk_ids(doc_id)
        if previous == parsed.document.content_hash:
            report.unchanged.append(doc_id)
            return
        # 1. vectors for new chunks first: the old version stays searchable meanwhile
        started = time.perf_counter()
        fresh = [chunk for chunk in parsed.chunks if chunk.chunk_id not in old_ids]
        for offset in range(0, len(fresh), _EMBED_BATCH):
            batch = fresh[offset : offset + _EMBED_BATCH]
            vectors = self._embedder.embed_passages([with_headings(chunk) for chunk in batch])
            self._vectors.add(batch, vectors)
        report.chunks_embedded += len(fresh)
        report.timing("embedding", started)
        # 2. one transaction swaps the records: this is the moment the new version goes live
        started = time.perf_counter()
        title = parsed.document.meta.title
        tokens = [self._tokens_of(title, chunk) for chunk in parsed.chunks]
        report.timing("tokenizing", started)
        started = time.perf_counter()
        with swap:
            self._records.replace(parsed, tokens)
            self._vector_generation = self._records.generation()  # this view holds its vectors
        # 3. only then the old version's vectors go
        self._vectors.delete(sorted(old_ids - {chunk.chunk_id for chunk in parsed.chunks}))
        report.timing("indexing", started)
        (report.replaced if previous else report.added).append(doc_id)

    def remove(self, doc_id: str) -> None:
        """Delete a document, its chunks, vectors and facts."""
        old_ids = self._records.chunk_ids(doc_id)
        if not old_ids and self._records.content_hash(doc_id) is None:
            raise UnknownDocument(f"no document {doc_id!r} in {self.home}")
        with self._writing(), self._exclusive():
            self._follow_commits()
            self._records.remove(doc_id)
            self._vector_generation = self._records.generation()
            self._vectors.delete(sorted(old_ids))

    def _drop_orphan_vectors(self) -> None:
        """Vectors left by an ingest that died before its records were committed."""
        orphans = self._vectors.ids() - self._records.chunk_ids()
        if orphans:
            log.info("removing %d vectors of an interrupted ingest", len(orphans))
            self._vectors.delete(sorted(orphans))

    @staticmethod
    def wipe(home: Path, chroma_url: str | None = None,
             lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        """Delete an index so it can be rebuilt (for `ingest --rebuild`), never under a writer."""
        if not home.is_dir():
            return
        busy = ("另一个写入正在进行 / another ingest or upload ({holder}) is writing to "
                f"{home}; it cannot be wiped now")
        with FolderLock(home / WRITE_LOCK_NAME).held(lock_timeout, busy=busy):
            if chroma_url:
                from kb.vector_store import VectorStore

                VectorStore(url=chroma_url).drop()
            for name in ("records.sqlite", "records.sqlite-wal", "records.sqlite-shm",
                         "manifest.json"):
                (home / name).unlink(missing_ok=True)
            shutil.rmtree(home / "chroma", ignore_errors=True)

    # -- reading ----------------------------------------------------------------

    def _current(self) -> _Snapshot:
        self._follow_commits()
        generation = self._records.generation()
        if self._snapshot is None or self._snapshot.generation != generation:
            rows = self._records.chunks_with_tokens()
            chunks = [chunk for chunk, _ in rows]
            doc_ids = sorted({chunk.doc_id for chunk in chunks})
            doc_index = {doc_id: i for i, doc_id in enumerate(doc_ids)}
            self._snapshot = _Snapshot(
                generation=generation,
                chunks=chunks,
                tokens=[frozenset(tokens) for _, tokens in rows],
                bm25=BM25([tokens for _, tokens in rows]),
                metas={meta.doc_id: meta for meta in self._records.metas()},
                facts=self._records.facts(),
                position={chunk.chunk_id: i for i, chunk in enumerate(chunks)},
                doc_ids=doc_ids,
                chunk_docs=np.array([doc_index[chunk.doc_id] for chunk in chunks],
                                    dtype=np.int32),
            )
        return self._snapshot

    def documents(self) -> list[DocumentMeta]:
        return list(self._current().metas.values())

    def document(self, doc_id: str) -> Document:
        document = self._records.document(doc_id)
        if document is None:
            raise UnknownDocument(f"no document {doc_id!r} in the knowledge base")
        return document

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        snapshot = self._current()
        if doc_id is None:
            return list(snapshot.chunks)
        if snapshot.by_doc is None:
            by_doc: dict[str, list[Chunk]] = {}
            for chunk in snapshot.chunks:
                by_doc.setdefault(chunk.doc_id, []).append(chunk)
            object.__setattr__(snapshot, "by_doc", by_doc)
        assert snapshot.by_doc is not None
        return list(snapshot.by_doc.get(doc_id, ()))

    def facts(self, kind: str | None = None, region: str | None = None) -> list[Fact]:
        """Facts of one kind (or all), optionally only from documents of a region."""
        snapshot = self._current()
        return [
            fact for fact in snapshot.facts
            if (kind is None or str(fact.kind) == kind)
            and region_matches(snapshot.metas[fact.span.doc_id].region, region)
        ]

    def tokenize(self, text: str) -> list[str]:
        return self._tokenizer.tokenize(text)

    def search(self, query: str, k: int = 5, region: str | None = None,
               documents: Collection[str] | None = None, also: str = "") -> list[Hit]:
        """Hybrid search: BM25 and vectors fused by reciprocal rank, best first; only in
        `documents` (ids) where given. `also`: words the keyword search looks for besides the
        query's own (those documents write for its everyday words)."""
        snapshot = self._current()
        if not snapshot.chunks:
            raise KBNotBuilt(f"the knowledge base at {self.home} has no documents yet")
        mask = snapshot.region_mask(region)
        if documents is not None:
            within = snapshot.documents_mask(documents)
            mask = within if mask is None else mask & within
        if mask is not None and not mask.any():
            return []
        query_tokens = self._tokenizer.tokenize(query)
        bm25_ranking = self._bm25_ranking(
            snapshot, query_tokens + (self._tokenizer.tokenize(also) if also else []), mask)
        vector_ranking, similarities = self._vector_ranking(snapshot, query, mask)
        fused = fuse_rankings([bm25_ranking, vector_ranking])[:k]
        if region:
            # the region is a filter now; its name is not a word the passage must contain
            query_tokens = [token for token in query_tokens if not is_place_name(token)]
        return [
            Hit(
                chunk=snapshot.chunks[index],
                meta=snapshot.metas[snapshot.chunks[index].doc_id],
                score=score,
                coverage=self._coverage(snapshot, query_tokens, index),
                bm25_rank=_rank_of(bm25_ranking, index),
                vector_rank=_rank_of(vector_ranking, index),
                vector_similarity=similarities.get(index),
            )
            for index, score in fused
        ]

    def term_weights(self, tokens: Iterable[str]) -> dict[str, float]:
        """IDF of each token that some indexed chunk holds; tokens none holds are left out."""
        bm25 = self._current().bm25
        return {token: bm25.idf(token) for token in tokens if bm25.known(token)}

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The chunks just before and after `chunk` in its document."""
        snapshot = self._current()
        index = snapshot.position.get(chunk.chunk_id)
        if index is None:
            return None, None
        before = snapshot.chunks[index - 1] if index > 0 else None
        after = snapshot.chunks[index + 1] if index + 1 < len(snapshot.chunks) else None
        return (before if before and before.doc_id == chunk.doc_id else None,
                after if after and after.doc_id == chunk.doc_id else None)

    def keyword_hits(self, query: str, k: int, region: str | None = None,
                     also: str = "") -> list[Hit]:
        """The k chunks BM25 ranks highest for `query` (and the words `also`), as hits (no
        vector search)."""
        snapshot = self._current()
        query_tokens = self._tokenizer.tokenize(query)
        ranking = self._bm25_ranking(
            snapshot, query_tokens + (self._tokenizer.tokenize(also) if also else []),
            snapshot.region_mask(region), k)
        return [Hit(chunk=snapshot.chunks[index], meta=snapshot.metas[snapshot.chunks[index].doc_id],
                    score=0.0, coverage=self._coverage(snapshot, query_tokens, index),
                    bm25_rank=rank)
                for rank, index in enumerate(ranking, 1)]

    def keyword_chunk_ids(self, query: str, k: int, region: str | None = None) -> set[str]:
        """Ids of the k chunks BM25 ranks highest for `query` (a cheap first cut)."""
        snapshot = self._current()
        ranking = self._bm25_ranking(snapshot, self._tokenizer.tokenize(query),
                                     snapshot.region_mask(region), k)
        return {snapshot.chunks[i].chunk_id for i in ranking}

    @staticmethod
    def _bm25_ranking(snapshot: _Snapshot, query_tokens: list[str],
                      mask: np.ndarray | None, k: int = _CANDIDATES) -> list[int]:
        scores = snapshot.bm25.scores(query_tokens)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        count = min(k, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [int(i) for i in top if scores[i] > 0]

    def _vector_ranking(self, snapshot: _Snapshot, query: str,
                        mask: np.ndarray | None) -> tuple[list[int], dict[int, float]]:
        vector = self.query_vector(query)
        if mask is None or mask.mean() > _FILTER_IN_STORE_BELOW:
            # most documents qualify: a wider unfiltered query, filtered here, beats asking the
            # store to test thousands of ids
            count = _CANDIDATES if mask is None else int(_CANDIDATES / max(mask.mean(), 0.1))
            results = self._vectors.query(vector, count)
        else:
            doc_ids = [snapshot.doc_ids[i] for i in np.unique(snapshot.chunk_docs[mask])]
            results = self._vectors.query(vector, _CANDIDATES, doc_ids)
        # a vector whose chunk is not committed (an ingest under way) is not searchable yet
        position = snapshot.position
        ranked = [(position[cid], sim) for cid, sim in results
                  if cid in position and (mask is None or mask[position[cid]])][:_CANDIDATES]
        return [i for i, _ in ranked], dict(ranked)

    def _coverage(self, snapshot: _Snapshot, query_tokens: Sequence[str], index: int) -> float:
        # a character no chunk contains is how the user phrased it, not what they ask about
        unique = {t for t in query_tokens if len(t) > 1 or snapshot.bm25.known(t)}
        total = sum(snapshot.bm25.idf(t) for t in unique)
        if not total:
            return 0.0
        present = snapshot.tokens[index]
        return sum(snapshot.bm25.idf(t) for t in unique if t in present) / total

    def close(self) -> None:
        self._records.close()
        self._vectors.close()


def with_headings(chunk: Chunk) -> str:
    """The text a chunk is indexed by: its section headings first, so "一是…" under
    "二、把握的主要原则" is found by a question about 原则 (a table row carries its own)."""
    if chunk.kind == "table_row" or not chunk.section_path:
        return chunk.indexed_text
    return " / ".join(chunk.section_path) + "\n" + chunk.indexed_text


def _rank_of(ranking: list[int], index: int) -> int | None:
    try:
        return ranking.index(index) + 1
    except ValueError:
        return None
