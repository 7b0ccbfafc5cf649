"""Files crafted to break parsers: malformed or entity-laden .docx XML, PDFs that recurse or hit
pypdf's limits. Each writes a small file and returns its path."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.ingest.pdf_bytes import build_pdf

ENTITY_TEXT = "关于实体测试的通知 实体之前&ent;实体之后的文字必须保留"


def _docx(path: Path, body: bytes, doctype: bytes = b"") -> Path:
    """A python-docx document whose one paragraph is `body` (raw XML), with `doctype` before
    the root element of word/document.xml."""
    import docx

    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    document.save(str(path))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    xml = parts["word/document.xml"].replace(b"PLACEHOLDER", body)
    parts["word/document.xml"] = xml.replace(b"<w:document", doctype + b"<w:document", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    return path


def malformed_docx(path: Path) -> Path:
    return _docx(path, b"<w:broken>")  # an element never closed


def billion_laughs_docx(path: Path) -> Path:
    levels = b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10)
                      for i in range(1, 10))
    return _docx(path, b"&lol9;", b'<!DOCTYPE w:document [<!ENTITY lol0 "lol">' + levels + b"]>\n")


def entity_docx(path: Path) -> Path:
    """An internal entity in a paragraph: python-docx keeps only the text before it."""
    return _docx(path, ENTITY_TEXT.encode(), '<!DOCTYPE w:document [<!ENTITY ent "中">]>\n'.encode())


def nested_arrays_pdf(path: Path) -> Path:
    """A content stream with arrays nested 5,000 deep: pypdf recurses into RecursionError."""
    deep = b"[" * 5000 + b"]" * 5000
    path.write_bytes(build_pdf([b"Policy) Tj " + deep + b" TJ (text"]))
    return path


def oversized_number_pdf(path: Path) -> Path:
    """A 401-digit number in the page dictionary: pypdf stops at its own limit."""
    path.write_bytes(build_pdf([b"Policy"], page_extra=b"/Rotate 1" + b"0" * 400))
    return path


CRAFTED: dict[str, Callable[[Path], Path]] = {
    "malformed.docx": malformed_docx,
    "laughs.docx": billion_laughs_docx,
    "entity.docx": entity_docx,
    "nested.pdf": nested_arrays_pdf,
    "number.pdf": oversized_number_pdf,
}
