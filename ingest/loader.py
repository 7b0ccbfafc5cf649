"""Read a supported file into raw text, one format per function, using maintained parsers."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO
from xml.parsers import expat

from ingest.encoding import decode_bytes
from ingest.errors import (
    EmptyDocument,
    IngestError,
    NeedsOCR,
    TooLarge,
    UnreadableFile,
    UnsupportedFile,
)

_HTML_DROP = ["script", "style", "nav", "header", "footer", "noscript", "template", "iframe"]
_HTML_BLOCKS = [
    "p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "br", "hr",
]  # fmt: skip

# Markdown markup to drop, keeping the words: "## 一、总体要求", "**加粗**", "[链接](url)".
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_BULLET = re.compile(r"^\s*[-*+]\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
_MD_FENCE = re.compile(r"^\s*```.*$", re.MULTILINE)


# A policy document is text: far below these, while a runaway file or a zip bomb is not.
MAX_FILE_BYTES = 50 * 2**20
MAX_UNPACKED_BYTES = 100 * 2**20
_MAX_ZIP_ENTRIES = 5000


def load_file(path: Path, max_bytes: int = MAX_FILE_BYTES,
              max_unpacked: int = MAX_UNPACKED_BYTES) -> str:
    """Raw text of `path` in reading order; tables come out as `a | b | c` rows."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFile(
            f"{path.name}: 不支持的文件类型 / unsupported file type {path.suffix!r}"
        )
    if not path.is_file():
        raise UnreadableFile(f"{path.name}: 文件不存在或不是普通文件 / not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLarge(f"{path.name}: {size // 2**20} MB, 超过上限 {max_bytes // 2**20} MB "
                       "(larger than a policy document can be)")
    if path.suffix.lower() == ".docx":
        check_archive(path, max_unpacked)
    try:
        text = reader(path)
    except IngestError:
        raise
    except Exception as error:
        # whatever a parser raises on a crafted or damaged file (lxml's syntax errors, pypdf's
        # limits, RecursionError on nested arrays, OverflowError) means this file cannot be read
        raise UnreadableFile(f"{path.name}: 无法解析 / cannot be parsed "
                             f"({type(error).__name__}: {_first_line(error)})") from error
    if not text.strip():
        raise EmptyDocument(f"{path.name}: 文件没有文字 / the file holds no text")
    return text


def check_archive(path: Path, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a .docx whose zip directory declares more than `max_unpacked` bytes.

    Python's zipfile never inflates a member past its declared size, so reading the
    directory is enough: nothing is decompressed here.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(f"{path.name}: 不是有效的 docx 文件 (not a valid .docx: {error})")
    unpacked = sum(member.file_size for member in members)
    if len(members) > _MAX_ZIP_ENTRIES or unpacked > max_unpacked:
        raise TooLarge(
            f"{path.name}: 解压后 {unpacked // 2**20} MB / {len(members)} 个文件, 超过上限 "
            f"{max_unpacked // 2**20} MB (unpacks to more than allowed: a zip bomb?)")


def _first_line(error: BaseException, limit: int = 200) -> str:
    said = str(error).strip().split("\n", 1)[0]
    return said if len(said) <= limit else said[:limit] + "…"


class _PrologEnd(Exception):
    """The root element began: a DTD can only come before it."""


def declares_dtd(part: IO[bytes]) -> bool:
    """Whether an XML stream declares a document type, read only up to its root element."""
    parser = expat.ParserCreate()
    found = []

    def doctype(*args: object) -> None:
        found.append(True)
        raise _PrologEnd

    def root(*args: object) -> None:
        raise _PrologEnd

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        while chunk := part.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _PrologEnd:
        pass
    except expat.ExpatError:
        pass  # malformed XML: python-docx's own parser reports it
    return bool(found)


def check_xml_parts(path: Path) -> None:
    """Refuse a .docx whose XML declares a DTD. Word never writes one; its entities either
    expand without bound (billion laughs) or, unexpanded, cut a paragraph's text short."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if member.filename.endswith((".xml", ".rels")):
                with archive.open(member) as part:
                    if declares_dtd(part):
                        raise UnreadableFile(
                            f"{path.name}: {member.filename} 含有 DTD/实体声明 / declares a DTD "
                            "(entities), which Word never writes: not read")


def load_plain(path: Path) -> str:
    """A .txt file, decoded."""
    return decode_bytes(path.read_bytes(), path.name)


def load_markdown(path: Path) -> str:
    """A .md file with its markup dropped and its words kept."""
    text = decode_bytes(path.read_bytes(), path.name)
    for pattern, replacement in (
        (_MD_FENCE, ""),
        (_MD_TABLE_RULE, ""),
        (_MD_IMAGE, r"\1"),
        (_MD_LINK, r"\1"),
        (_MD_HEADING, ""),
        (_MD_BULLET, ""),
        (_MD_EMPHASIS, ""),
    ):
        text = pattern.sub(replacement, text)
    return "\n".join(_strip_outer_pipes(line) for line in text.split("\n"))


def load_html(path: Path) -> str:
    """An HTML page: body text with block structure as lines, chrome dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_bytes(path.read_bytes(), path.name), "lxml")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for table in reversed(soup.find_all("table")):  # innermost first
        rows = [
            " | ".join(cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"]))
            for row in table.find_all("tr")
        ]
        table.replace_with("\n" + "\n".join(row for row in rows if row.strip(" |")) + "\n")
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in soup.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def load_docx(path: Path) -> str:
    """A Word file: paragraphs and tables in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        check_xml_parts(path)
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableFile(
            f"{path.name}: 不是有效的 docx 文件 / not a valid .docx ({error})"
        ) from None
    parts = []
    for block in document.iter_inner_content():
        parts.append(render_table(block) if isinstance(block, Table) else block.text)
    return "\n".join(parts)


def render_table(table: object) -> str:
    """Rows of a python-docx table as `a | b | c`, each merged cell written once."""
    # keyed by id() but holding the element itself, so an id cannot be reused meanwhile
    seen_above: dict[int, object] = {}
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        elements = [cell._tc for cell in row.cells]
        cells, previous = [], None
        for cell, element in zip(row.cells, elements, strict=True):
            if element is previous:  # horizontal merge: python-docx repeats the cell
                continue
            previous = element
            # a vertical merge continues a cell from a row above: leave it blank, as the
            # source tables do ("later rows of a group leave the heading out")
            above = seen_above.get(id(element)) is element
            cells.append("" if above else cell.text.strip().replace("\n", " "))
        seen_above.update((id(element), element) for element in elements)
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def load_pdf(path: Path) -> str:
    """A PDF's text layer, page by page; a scan without one needs OCR."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise UnreadableFile(f"{path.name}: 无法读取的 PDF / unreadable PDF ({error})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise NeedsOCR(
            f"{path.name}: PDF 没有文字层, 需要先 OCR / PDF has no text layer, needs OCR"
        )
    return text


def _strip_outer_pipes(line: str) -> str:
    """`| a | b |` (markdown table row) -> `a | b`."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return stripped.strip("|").strip()
    return line


_READERS: dict[str, Callable[[Path], str]] = {
    ".txt": load_plain,
    ".md": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
    ".pdf": load_pdf,
}
SUPPORTED_SUFFIXES = frozenset(_READERS)
