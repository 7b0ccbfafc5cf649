"""Documents uploaded over HTTP: checked, staged, parsed, then kept for the next rebuild.

An upload is stored under `<home>/uploads/` once it is in the knowledge base, so
`policykb ingest --rebuild <home>/uploads …` brings it back (see docs/operations.md).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from app.errors import AppError
from ingest.document import ParsedDocument
from ingest.errors import TooLarge
from ingest.loader import SUPPORTED_SUFFIXES
from ingest.loader import check_archive as ingest_check_archive
from ingest.metadata import SIDECAR_SUFFIX, sidecar_path
from ingest.pipeline import document_id, parse_file

META_FIELDS = ("title", "issuer", "date", "region", "doc_number", "source_kind")
_COPY_CHUNK = 1 << 20


class RejectedUpload(AppError):
    """An upload refused before parsing; `status` is the HTTP status to answer with."""

    status = 400


class UnsupportedUpload(RejectedUpload):
    status = 415


class OversizedUpload(RejectedUpload):
    status = 413


def safe_filename(name: str | None) -> str:
    """The bare file name of an upload, or RejectedUpload: no folders, no hidden files."""
    bare = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not bare or bare.startswith(".") or "\x00" in bare or len(bare) > 200:
        raise RejectedUpload(f"无效的文件名 (invalid file name): {name!r}")
    if bare.endswith(SIDECAR_SUFFIX) or Path(bare).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedUpload(
            f"{bare}: 不支持的文件类型 (unsupported file type); supported: "
            + ", ".join(sorted(SUPPORTED_SUFFIXES)))
    return bare


def check_archive(path: Path, max_unpacked: int) -> None:
    """Refuse a .docx that unpacks to more than `max_unpacked` bytes, as HTTP 413."""
    try:
        ingest_check_archive(path, max_unpacked)
    except TooLarge as error:
        raise OversizedUpload(str(error)) from None


class UploadFolder:
    """Where accepted uploads are kept, and how an incoming one is staged and parsed."""

    def __init__(self, folder: Path, max_bytes: int, max_unpacked: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.max_unpacked = max_unpacked

    def parse(self, name: str | None, source: BinaryIO,
              meta: dict[str, str]) -> tuple[ParsedDocument, Path]:
        """1. check the name, 2. copy within the size limit, 3. check a zip, 4. parse.

        Returns the parsed document and its staging folder (pass it to `keep` or `discard`).
        """
        bare = safe_filename(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.folder))
        try:
            staged = staging / bare
            self._copy(source, staged)
            if staged.suffix.lower() == ".docx":
                check_archive(staged, self.max_unpacked)
            given = {key: value.strip() for key, value in meta.items()
                     if key in META_FIELDS and value and value.strip()}
            if given:
                sidecar_path(staged).write_text(json.dumps(given, ensure_ascii=False),
                                                encoding="utf-8")
            return parse_file(staged), staging
        except BaseException:
            self.discard(staging)
            raise

    def _copy(self, source: BinaryIO, target: Path) -> None:
        copied = 0
        with target.open("wb") as out:
            while chunk := source.read(_COPY_CHUNK):
                copied += len(chunk)
                if copied > self.max_bytes:
                    raise OversizedUpload(f"文件过大: 最多 {self.max_bytes} 字节 "
                                          f"(upload over {self.max_bytes} bytes)")
                out.write(chunk)

    def keep(self, staging: Path) -> None:
        """Move an ingested upload (and its metadata) in place of any earlier version."""
        for staged in staging.iterdir():
            if not staged.name.endswith(SIDECAR_SUFFIX):
                self.forget(document_id(staged))
        for staged in staging.iterdir():
            staged.replace(self.folder / staged.name)
        self.discard(staging)

    def forget(self, doc_id: str) -> None:
        """Delete the kept files of document `doc_id`, so a rebuild does not bring it back."""
        if not self.folder.is_dir():
            return
        for kept in self.folder.iterdir():
            if kept.is_file() and not kept.name.endswith(SIDECAR_SUFFIX) \
                    and document_id(kept) == doc_id:
                sidecar_path(kept).unlink(missing_ok=True)
                kept.unlink()

    @staticmethod
    def discard(staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)
