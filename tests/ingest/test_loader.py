"""Loaders: txt, md, html, docx, pdf; and the errors for what cannot be read."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from ingest.errors import EmptyDocument, NeedsOCR, UnreadableFile, UnsupportedFile
from ingest.loader import load_file
from tests.ingest.conftest import DATA
from tests.ingest.pdf_bytes import build_pdf


def test_txt_in_gbk() -> None:
    text = load_file(DATA / "notice_gbk.txt")
    assert "威政字〔2024〕5号" in text


def test_markdown_markup_dropped_words_kept() -> None:
    text = load_file(DATA / "notes.md")
    lines = text.split("\n")
    assert lines[0] == "关于推进标准化工作的意见"
    assert "一、主要任务" in lines
    assert "1. 加强标准研制。支持企业主导制定国家标准。" in lines
    assert "第一项说明" in lines
    assert "国家标准 | 20万元" in lines
    assert "#" not in text and "**" not in text and "https" not in text and "---" not in text


def test_html_body_kept_chrome_dropped() -> None:
    text = load_file(DATA / "page.html")
    lines = text.split("\n")
    assert "关于开展质量提升行动的通知" in lines
    assert "(一)加强组织领导。建立工作机制。" in lines
    assert "政策文件" not in text and "var x" not in text and "color" not in text
    assert "ICP" not in text  # <footer> is dropped by the loader already


def test_html_table_as_pipe_rows() -> None:
    lines = load_file(DATA / "page.html").split("\n")
    assert "序号 | 奖项 | 奖励" in lines
    assert "1 | 中国质量奖 | 200万元" in lines
    assert "2 | 省长质量奖 | 100万元" in lines


def test_html_line_breaks_become_lines() -> None:
    lines = load_file(DATA / "page.html").split("\n")
    assert lines[-3:] == ["特此通知。", "某市人民政府", "2024年1月5日"]


def _write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("关于推进质量强市的意见")
    document.add_paragraph("一、主要措施")
    table = document.add_table(rows=4, cols=4)
    for column, name in enumerate(["序号", "重点任务", "措施", "责任单位"]):
        table.cell(0, column).text = name
    table.cell(1, 0).text, table.cell(2, 0).text, table.cell(3, 0).text = "1", "2", "3"
    merged = table.cell(1, 1).merge(table.cell(2, 1))  # a group heading spanning two rows
    merged.text = "(一)构建品牌体系"
    table.cell(3, 1).text = "(二)打造标准体系"
    table.cell(1, 2).text, table.cell(2, 2).text, table.cell(3, 2).text = (
        "做优存量。",
        "做强增量。",
        "制定标准。",
    )
    table.cell(1, 3).text = "省市场监管局牵头"
    table.cell(2, 3).text, table.cell(3, 3).text = "省科技厅负责", "省商务厅负责"
    document.add_paragraph("二、组织保障")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    lines = load_file(_write_docx(tmp_path / "plan.docx")).split("\n")
    assert lines[0] == "关于推进质量强市的意见"
    assert lines[1] == "一、主要措施"
    assert lines[2] == "序号 | 重点任务 | 措施 | 责任单位"
    assert lines[3] == "1 | (一)构建品牌体系 | 做优存量。 | 省市场监管局牵头"
    assert lines[-1] == "二、组织保障"


def test_docx_vertical_merge_written_once(tmp_path: Path) -> None:
    lines = load_file(_write_docx(tmp_path / "plan.docx")).split("\n")
    assert lines[4] == "2 |  | 做强增量。 | 省科技厅负责"
    assert sum(line.count("(一)构建品牌体系") for line in lines) == 1


def test_docx_horizontal_merge_written_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "主要措施"
    table.cell(0, 2).text = "省商务厅负责"
    document.save(str(tmp_path / "wide.docx"))
    assert load_file(tmp_path / "wide.docx") == "主要措施 | 省商务厅负责"


def test_corrupt_docx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(UnreadableFile, match="broken.docx"):
        load_file(path)


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(build_pdf([b"Policy 2021", b"Quality"]))
    assert load_file(path).split("\n") == ["Policy 2021", "Quality"]


def test_pdf_chinese_through_to_unicode_map(tmp_path: Path) -> None:
    path = tmp_path / "cjk.pdf"
    path.write_bytes(build_pdf([b"ABCD"], {"A": "质", "B": "量", "C": "强", "D": "省"}))
    assert load_file(path) == "质量强省"


def test_pdf_without_text_needs_ocr(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(NeedsOCR, match="scan.pdf"):
        load_file(path)


def test_garbage_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises((UnreadableFile, NeedsOCR)):
        load_file(path)


def test_unknown_extension_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedFile, match="table.xlsx"):
        load_file(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(EmptyDocument, match="empty.txt"):
        load_file(path)


def test_binary_txt_is_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        load_file(DATA / "image.txt")
