"""Documents uploaded over HTTP: checked, staged, parsed, then kept for the next rebuild.

An upload is stored under `<home>/uploads/` once it is in the knowledge base, so
`policykb ingest --rebuild <home>/uploads …` brings it back (see docs/operations.md).
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import AppError
from ingest.document import ParsedDocument
from ingest.errors import TooLarge
from ingest.loader import SUPPORTED_SUFFIXES
from ingest.loader import check_archive as ingest_check_archive
from ingest.metadata import SIDECAR_SUFFIX, sidecar_path
from ingest.pipeline import document_id, parse_file
from kb.folder_lock import FolderLock
from kb.records import storage_error

META_FIELDS = ("title", "issuer", "date", "region", "doc_number", "source_kind")
STAGING_PREFIX = ".incoming-"
_COPY_CHUNK = 1 << 20
log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class Staging:
    """An upload's staging folder, and the descriptor of the lock that marks it as in use."""

    path: Path
    lock_fd: int


class UploadFolder:
    """Where accepted uploads are kept, and how an incoming one is staged and parsed.

    Each staging folder `.incoming-<random>` has a lock file beside it, taken before the folder
    is made and dropped after it is gone: the kernel drops it too when its process dies, so
    `remove_abandoned` tells a killed server's leftovers from another replica's upload.
    """

    def __init__(self, folder: Path, max_bytes: int, max_unpacked: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.max_unpacked = max_unpacked

    def parse(self, name: str | None, source: BinaryIO,
              meta: dict[str, str]) -> tuple[ParsedDocument, Staging]:
        """1. check the name, 2. copy within the size limit, 3. check a zip, 4. parse.

        Returns the parsed document and its staging folder (pass it to `keep` or `discard`).
        """
        bare = safe_filename(name)
        staging = self._stage()
        try:
            staged = staging.path / bare
            with self._writing():
                self._copy(source, staged)
            if staged.suffix.lower() == ".docx":
                check_archive(staged, self.max_unpacked)
            given = {key: value.strip() for key, value in meta.items()
                     if key in META_FIELDS and value and value.strip()}
            if given:
                with self._writing():
                    sidecar_path(staged).write_text(json.dumps(given, ensure_ascii=False),
                                                    encoding="utf-8")
            return parse_file(staged), staging
        except BaseException:
            self.discard(staging)
            raise

    def _stage(self) -> Staging:
        """A new staging folder, its lock taken before it exists."""
        name = STAGING_PREFIX + secrets.token_hex(8)
        with self._writing():
            self.folder.mkdir(parents=True, exist_ok=True)
            lock_fd = FolderLock(self.folder / f"{name}.lock").acquire()
            try:
                (self.folder / name).mkdir()
            except BaseException:
                FolderLock.release(lock_fd)
                raise
        return Staging(self.folder / name, lock_fd)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A full disk (ENOSPC) or a read-only folder is a StorageError (HTTP 507), not a 500."""
        try:
            yield
        except OSError as error:
            raise storage_error(error, self.folder) or error

    def remove_abandoned(self) -> None:
        """Delete the staging folders of uploads whose process died (kill -9, power loss)."""
        if not self.folder.is_dir():
            return
        names = {entry.name.removesuffix(".lock")
                 for entry in self.folder.glob(STAGING_PREFIX + "*")}
        for name in sorted(names):
            lock = self.folder / f"{name}.lock"
            if FolderLock(lock).is_held():
                continue  # an upload under way, in this process or another replica
            shutil.rmtree(self.folder / name, ignore_errors=True)
            lock.unlink(missing_ok=True)
            log.info("removed the staging folder of an interrupted upload: %s", name)

    def _copy(self, source: BinaryIO, target: Path) -> None:
        copied = 0
        with target.open("wb") as out:
            while chunk := source.read(_COPY_CHUNK):
                copied += len(chunk)
                if copied > self.max_bytes:
                    raise OversizedUpload(f"文件过大: 最多 {self.max_bytes} 字节 "
                                          f"(upload over {self.max_bytes} bytes)")
                out.write(chunk)

    def keep(self, staging: Staging) -> None:
        """Move an ingested upload (and its metadata) in place of any earlier version."""
        for staged in staging.path.iterdir():
            if not staged.name.endswith(SIDECAR_SUFFIX):
                self.forget(document_id(staged))
        for staged in staging.path.iterdir():
            staged.replace(self.folder / staged.name)
        self.discard(staging)

    def forget(self, doc_id: str) -> None:
        """Delete the kept files of document `doc_id`, so a rebuild does not bring it back."""
        if not self.folder.is_dir():
            return
        for kept in self.folder.iterdir():
            if kept.is_file() and not kept.name.endswith(SIDECAR_SUFFIX) \
                    and not kept.name.startswith(".") and document_id(kept) == doc_id:
                sidecar_path(kept).unlink(missing_ok=True)
                kept.unlink()

    @staticmethod
    def discard(staging: Staging) -> None:
        """Delete a staging folder, then its lock: the lock outlives the folder it marks."""
        shutil.rmtree(staging.path, ignore_errors=True)
        staging.path.with_name(staging.path.name + ".lock").unlink(missing_ok=True)
        FolderLock.release(staging.lock_fd)
