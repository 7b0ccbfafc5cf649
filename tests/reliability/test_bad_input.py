"""Bad input to the API and the command line: each gets a clear 4xx or error line, and the
knowledge base answers exactly as before afterwards."""

from __future__ import annotations

import io
import json
import socket
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.conftest import (
    ADMIN_TOKEN,
    AdminSite,
    answer_key,
    copy_kb,
    policykb,
    stable_questions,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def answers_before(admin_site: AdminSite) -> dict[str, Any]:
    with admin_site.client() as http:
        return {q: answer_key(http.post("/api/ask", json={"question": q}).json())
                for q in stable_questions()}


def _refused(response: httpx.Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    detail = response.json()["detail"]
    assert isinstance(detail, str) and all(word in detail for word in words), detail


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"question": ""}, 400, ["问题为空"]),
    ({"question": " \t\n\u3000 "}, 400, ["问题为空"]),
    ({"question": "\x00\x01\x1b\x7f"}, 400, ["问题为空"]),  # control characters only
    ({"question": "奖" * 5000}, 422, ["question", "at most 500"]),
    ({"question": "奖", "region": "(" * 66_000}, 413, ["65536"]),
    ({"question": "奖", "region": "(" * 1000}, 422, ["region", "at most 64"]),
    ({"question": "a" * 100_000}, 413, ["65536"]),
    ({"question": "\udcff\udcfe"}, 422, ["lone surrogates"]),
    ({"question": ["a"]}, 422, ["question"]),
    ({"honours": "x"}, 422, ["question"]),
])
def test_bad_questions_are_clear_4xx(admin: httpx.Client, answers_before: dict[str, Any],
                                     body: dict[str, Any], status: int, words: list[str]) -> None:
    raw = json.dumps(body).encode()  # "\\udcff" escaped, as a client sending it would
    _refused(admin.post("/api/ask", content=raw, headers={"content-type": "application/json"}),
             status, *words)


@pytest.mark.parametrize("raw", [b'{"question": "abc"', b"[1, 2]", b"\xff\xfe\x00binary\x80",
                                 b"question=abc"])
def test_malformed_bodies_are_4xx(admin: httpx.Client, raw: bytes) -> None:
    response = admin.post("/api/ask", content=raw, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422) and response.json()["detail"]


def test_control_characters_inside_a_question_are_blanked(admin: httpx.Client) -> None:
    body = admin.post("/api/ask", json={
        "question": "好品山东\x00\x07\x1b[31m宣传推广由哪个部门牵头？"}).json()
    assert body["refused"] is False and "省商务厅牵头" in body["answer"]


def test_unknown_fields_are_ignored(admin: httpx.Client) -> None:
    body = admin.post("/api/ask", json={"question": "好品山东宣传推广由哪个部门牵头？",
                                        "temperature": 2, "admin": True}).json()
    assert body["refused"] is False and "省商务厅牵头" in body["answer"]


@pytest.mark.parametrize("doc_id", ["..%2F..%2Fetc%2Fpasswd", "..", "a..b", "%2E%2E"])
def test_traversing_ids_cannot_delete(admin: httpx.Client, doc_id: str) -> None:
    assert admin.delete(f"/api/documents/{doc_id}").status_code in (400, 404)


def _upload(http: httpx.Client, name: str, data: bytes, **meta: str) -> httpx.Response:
    return http.post("/api/documents", files={"file": (name, data)}, data=meta)


@pytest.mark.parametrize(("name", "data", "status", "words"), [
    ("program.exe", b"MZ\x90\x00" * 100, 415, ["不支持"]),
    ("notes", b"plain", 415, ["不支持"]),
    ("../../etc/evil.sh", b"#!/bin/sh", 415, ["evil.sh"]),
    (".hidden.txt", b"text", 400, ["invalid file name"]),
    ("binary.txt", bytes(range(256)) * 40, 422, ["binary"]),
    ("fake.docx", b"PK\x03\x04 not really a zip", 422, ["docx"]),
    ("fake.pdf", b"%PDF-1.4 garbage", 422, ["PDF"]),
    ("empty.txt", b"   \n\n  ", 422, ["没有"]),
])
def test_uploads_that_are_not_documents_are_refused(admin: httpx.Client, name: str, data: bytes,
                                                    status: int, words: list[str]) -> None:
    _refused(_upload(admin, name, data), status, *words)


def _zip_bomb(path: Path, inflated_mb: int) -> Path:
    """A .docx whose document.xml declares `inflated_mb` MB; it compresses to under 1 MB."""
    from docx import Document

    Document().save(str(path))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    block = b"<w:p><w:r><w:t>" + b"A" * (1 << 20) + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            if name != "word/document.xml":
                bomb.writestr(name, data)
        with bomb.open("word/document.xml", "w", force_zip64=True) as xml:
            for _ in range(inflated_mb):
                xml.write(block)
    return path


def test_a_zip_bomb_is_refused_from_its_directory(admin: httpx.Client, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.docx", 300)
    assert bomb.stat().st_size < 2 << 20

    def never(*args: object) -> None:
        raise AssertionError("the bomb was inflated")

    monkeypatch.setattr("docx.Document", never)  # the server shares this process
    _refused(_upload(admin, "bomb.docx", bomb.read_bytes()), 413, "zip bomb")


def test_a_200_mb_upload_is_refused_by_its_size(admin_site: AdminSite, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(200 * 2**20)  # sparse: no 200 MB written anywhere
    host, port = admin_site.url.removeprefix("http://").split(":")
    head = (f"POST /api/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer "
            f"{ADMIN_TOKEN}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {big.stat().st_size + 200}\r\n\r\n--b\r\n"
            "Content-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n")
    with socket.create_connection((host, int(port)), timeout=10) as raw, big.open("rb") as data:
        raw.sendall(head.encode() + data.read(1 << 16))  # 64 KB of 200 MB, then wait
        reply = b""
        while not reply.endswith(b"}") and (piece := raw.recv(4096)):
            reply += piece
    assert reply.startswith(b"HTTP/1.1 413") and b"20971520" in reply
    assert not list((admin_site.home / "uploads").glob(".incoming-*"))


def test_a_pdf_without_text_needs_ocr(admin: httpx.Client) -> None:
    from pypdf import PdfWriter

    scan = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(scan)
    _refused(_upload(admin, "scan.pdf", scan.getvalue()), 422, "OCR")


def test_a_gbk_file_without_bom_is_accepted_and_deleted(admin: httpx.Client) -> None:
    text = ("关于编码测试月饼补贴的通知\n一、补贴标准\n对编码测试月饼企业,一次性给予7万元补贴。"
            "(责任单位:市编码局)\n")
    response = _upload(admin, "gbk编码.txt", text.encode("gbk"), region="编码市")
    assert response.status_code == 201, response.text
    doc_id = response.json()["doc_id"]
    assert response.json()["status"] == "added" and response.json()["region"] == "编码市"
    assert admin.get(f"/api/documents/{doc_id}").json()["text"].startswith("关于编码测试月饼补贴")
    answer = admin.post("/api/ask", json={"question": "编码测试月饼补贴多少？"}).json()
    assert "7万元" in answer["answer"] and answer["citations"][0]["doc_id"] == doc_id
    assert admin.delete(f"/api/documents/{doc_id}").json()["status"] == "deleted"
    assert admin.get(f"/api/documents/{doc_id}").status_code == 404
    assert admin.delete(f"/api/documents/{doc_id}").status_code == 404


def test_the_command_line_reports_each_bad_question(bundled_home: Path, tmp_path: Path) -> None:
    batch = tmp_path / "bad.jsonl"
    lines = [json.dumps({"question": q}) for q in ["", "   ", "奖" * 100_000]]
    lines += ["{not json", json.dumps({"q": "no question field"}),
              json.dumps({"question": "好品山东宣传推广由哪个部门牵头？", "extra": 1})]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = copy_kb(bundled_home, tmp_path / "kb")  # one process per data folder
    run = policykb("ask", "--batch", str(batch), "--json", "--kb", str(home))
    out = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert run.returncode == 0, run.stderr
    assert [item.get("error", "")[:4] for item in out[:3]] == ["问题为空", "问题为空", "问题过长"]
    assert "line 4" in out[3]["error"] and "line 5" in out[4]["error"]
    assert "省商务厅牵头" in out[5]["answer"]


def test_the_knowledge_base_answers_as_before(admin: httpx.Client,
                                              answers_before: dict[str, Any]) -> None:
    after = {q: answer_key(admin.post("/api/ask", json={"question": q}).json())
             for q in stable_questions()}
    assert after == answers_before
