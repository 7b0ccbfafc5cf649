"""The pipeline: which files are read, ids and hashes, sidecars, errors, other formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.document import DocumentMeta
from ingest.errors import EmptyDocument, UnsupportedFile
from ingest.pipeline import discover_files, document_id, parse_file, parse_text
from tests.ingest.conftest import DATA, DOCUMENTS, SEEDS, parsed_seed


def test_discover_seed_folder_skips_sidecars() -> None:
    files, skipped = discover_files([DOCUMENTS])
    assert [path.name for path in files] == [path.name for path in sorted(SEEDS.values())]
    assert skipped == []


def test_discover_reports_missing_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.docx").write_bytes(b"")
    (tmp_path / "sub" / "b.HTML").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "sub" / "b.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "d.xlsx").write_bytes(b"")
    files, skipped = discover_files([tmp_path, tmp_path / "nope.txt", tmp_path / ".notes.md"])
    assert sorted(path.name for path in files) == ["a.docx", "b.HTML"]
    reasons = {path.name: reason for path, reason in skipped}
    assert reasons["nope.txt"] == "不存在/not found"
    assert "d.xlsx" in reasons and ".notes.md" in reasons
    assert "c.txt" not in reasons  # inside a hidden folder: silently left alone


def test_seed_metadata_from_sidecar() -> None:
    meta = parsed_seed("003").document.meta
    assert meta.doc_id == "003_3226a30af70900b0"
    assert meta.region == "湖北省(推断)"
    assert meta.issuer == "某市人民政府(名称在转载中被隐去)"
    assert meta.source_file == "003_3226a30af70900b0.txt"
    assert meta.inferred == ()  # every field it could guess is given by the sidecar


def test_parsing_extracts_facts_whose_quotes_are_verbatim() -> None:
    parsed = parsed_seed("001")
    assert len(parsed.document.content_hash) == 16
    assert len(parsed.facts) >= 24  # one per (责任单位:…) item at least
    for fact in parsed.facts:
        assert parsed.document.text[fact.span.start : fact.span.end] == fact.span.quote


def test_doc_id_is_a_safe_stem() -> None:
    assert document_id(Path("政策 文件(2024)/v1.txt")) == "v1"
    assert document_id(Path("质量 强市(2024)-final.docx")) == "质量_强市_2024_-final"
    assert document_id(Path("!!!.txt"))  # never empty


def test_changed_file_keeps_doc_id_and_unchanged_chunks_keep_ids(tmp_path: Path) -> None:
    path = tmp_path / "001_copy.txt"
    shutil.copy(SEEDS["001"], path)
    before = parse_file(path)
    path.write_text(
        SEEDS["001"].read_text(encoding="utf-8").replace("全力争创", "全力创建"), "utf-8"
    )
    after = parse_file(path)
    assert before.document.doc_id == after.document.doc_id == "001_copy"
    assert before.document.content_hash != after.document.content_hash
    changed = {chunk.chunk_id for chunk in before.chunks} ^ {
        chunk.chunk_id for chunk in after.chunks
    }
    assert len(changed) == 2  # the one chunk that changed, old id and new id


def test_metadata_change_changes_the_document_hash(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    shutil.copy(DATA / "notice_gbk.txt", path)
    before = parse_file(path).document.content_hash
    (tmp_path / "doc.meta.json").write_text('{"region": "山东省"}', encoding="utf-8")
    after = parse_file(path).document
    assert after.meta.region == "山东省" and after.content_hash != before


def test_parse_text_infers_what_meta_lacks() -> None:
    text = (DATA / "notice_utf8_bom.txt").read_text(encoding="utf-8-sig")
    parsed = parse_text(text, DocumentMeta(doc_id="n1", title="自定标题"))
    meta = parsed.document.meta
    assert meta.doc_id == "n1" and meta.title == "自定标题"
    assert meta.doc_number == "威政字〔2024〕5号" and meta.region == "山东省威海市"
    assert "title" not in meta.inferred and "doc_number" in meta.inferred
    assert parsed.chunks[-1].section_path == ("一、总体要求",)


def test_parse_text_without_meta() -> None:
    parsed = parse_text("一、总体要求\n对获得中国质量奖的一次性给予200万元奖励。", doc_id="t")
    assert parsed.document.doc_id == "t"
    assert parsed.chunks[0].section_path == ("一、总体要求",)


def test_html_end_to_end(tmp_path: Path) -> None:
    parsed = parse_file(DATA / "page.html")
    rows = [chunk for chunk in parsed.chunks if chunk.kind == "table_row"]
    assert [chunk.row for chunk in rows] == [1, 2]
    assert rows[0].text == "1 | 中国质量奖 | 200万元"
    assert "序号 | 奖项 | 奖励" in rows[0].context
    assert parsed.document.meta.title == "关于开展质量提升行动的通知"


def test_only_noise_is_an_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "nav.txt"
    path.write_text("当前位置:首页 |\n|\n||||||\n【关闭窗口】\n", encoding="utf-8")
    with pytest.raises(EmptyDocument, match="nav.txt"):
        parse_file(path)


def test_unsupported_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "a.xls"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFile):
        parse_file(path)


def test_ingest_imports_no_later_layer() -> None:
    for module in Path(__file__).resolve().parents[2].joinpath("ingest").glob("*.py"):
        source = module.read_text(encoding="utf-8")
        for layer in ("kb", "app", "evals"):
            assert f"from {layer}" not in source and f"import {layer}" not in source, module
