"""The `policykb` command end to end on the bundled corpus: contract, batch, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from corpus import bundled_documents_dir
from kb.knowledge_base import KnowledgeBase

pytestmark = pytest.mark.slow
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ask_json_follows_the_contract_and_quotes_verbatim(bundled_home: Path) -> None:
    code, out, _ = run("ask", "--json", "--kb", str(bundled_home), "好品山东宣传推广由哪个部门牵头？")
    assert code == 0
    answer = json.loads(out)
    assert set(answer) == {"question", "answer", "refused", "intent", "citations"}
    assert not answer["refused"] and answer["citations"]
    kb = KnowledgeBase(bundled_home)
    for citation in answer["citations"]:
        assert set(citation) == {"n", "doc_id", "title", "issuer", "date", "region", "validity",
                                 "quote"}
        assert citation["quote"] in kb.document(citation["doc_id"]).text
    assert "省商务厅" in answer["answer"]
    assert any("省商务厅牵头" in c["quote"] and c["doc_id"].startswith("000")
               for c in answer["citations"])


def test_batch_prints_one_object_per_line_and_survives_bad_lines(
    bundled_home: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        "\n".join([json.dumps({"question": "获得中国质量奖奖励多少？"}, ensure_ascii=False),
                   "{not json",
                   json.dumps({"question": "   "}),
                   json.dumps({"question": "个人所得税怎么申报？"}, ensure_ascii=False)]),
        encoding="utf-8",
    )
    code, out, _ = run("ask", "--json", "--kb", str(bundled_home), "--batch", str(batch))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 4
    assert "200万元" in lines[0]["answer"] and not lines[0]["refused"]
    assert "error" in lines[1] and "line 2" in lines[1]["error"]
    assert "error" in lines[2]
    assert lines[3]["refused"] and lines[3]["citations"] == []


def test_an_empty_question_is_a_one_line_error(bundled_home: Path) -> None:
    code, out, err = run("ask", "--kb", str(bundled_home), "  ")
    assert code == 1 and out == ""
    assert err.startswith("错误 Error:") and len(err.strip().splitlines()) == 1


def test_bad_files_are_skipped_with_a_reason_and_the_kb_stays_intact(
    bundled_home: Path, tmp_path: Path
) -> None:
    home = tmp_path / "kb"
    shutil.copytree(bundled_home, home)
    before = {meta.doc_id for meta in KnowledgeBase(home).documents()}
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "binary.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\x02" * 50)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "gbk_notice.txt").write_bytes(
        "关于印发某市质量奖励办法的通知\n第一条 对获得市长质量奖的企业,一次性奖励不超过30万元。"
        .encode("gbk")
    )
    code, out, _ = run("ingest", "--kb", str(home), str(folder), str(tmp_path / "missing.txt"))
    assert code == 0
    assert "added 1" in out
    for name in ("binary.pdf", "empty.txt", "missing.txt"):
        assert any(name in line and "skipped" in line for line in out.splitlines()), name
    after = {meta.doc_id for meta in KnowledgeBase(home).documents()}
    assert after == before | {"gbk_notice"}
    code, out, _ = run("ask", "--json", "--kb", str(home), "获得市长质量奖奖励多少？")
    assert "30万元" in json.loads(out)["answer"]


def test_reingesting_the_bundled_corpus_changes_nothing(bundled_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "kb"
    shutil.copytree(bundled_home, home)
    code, out, _ = run("ingest", "--kb", str(home), str(bundled_documents_dir()))
    assert code == 0
    assert "unchanged 4" in out and "0 chunks embedded" in out


def test_oversized_files_and_zip_bombs_are_skipped_without_unpacking(
    bundled_home: Path, tmp_path: Path
) -> None:
    import zipfile

    home = tmp_path / "kb"
    shutil.copytree(bundled_home, home)
    folder = tmp_path / "uploads"
    folder.mkdir()
    with (folder / "huge.txt").open("wb") as huge:  # sparse: 60 MB on paper, nothing on disk
        huge.truncate(60 * 2**20)
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"0" * (120 * 2**20))  # 120 MB of zeros, ~120 KB zipped
    code, out, _ = run("ingest", "--kb", str(home), str(folder))
    assert code == 0 and "added 0" in out
    assert any("huge.txt" in line and "MB" in line for line in out.splitlines())
    assert any("bomb.docx" in line and "zip bomb" in line for line in out.splitlines())


def test_a_question_with_bytes_that_are_not_utf8_is_still_answered(bundled_home: Path) -> None:
    code, out, _ = run("ask", "--json", "--kb", str(bundled_home), "好品山东宣传推广\udcff由谁牵头")
    assert code == 0
    assert "省商务厅" in json.loads(out)["answer"]
