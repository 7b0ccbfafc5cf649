"""Exclusive locks between processes on a data folder (one writer at a time) and on an upload's
staging folder, with `flock`: the kernel drops a lock when its holder dies, even by kill -9."""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.errors import KBBusy

WRITE_LOCK_NAME = ".write.lock"
_POLL_SECONDS = 0.1
log = logging.getLogger(__name__)


class FolderLock:
    """An exclusive lock held through a file. The file stays when the lock is released:
    unlinking it would let two processes lock two different files of one name."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def acquire(self, timeout: float = 0.0, waiting: str = "",
                busy: str = "{path} is held by {holder}") -> int:
        """Take the lock, waiting up to `timeout` seconds, and return the descriptor that holds
        it (give it to `release`). Past the timeout KBBusy says `busy`, formatted with the
        lock's path and holder; `waiting` is logged once if the lock is not free at first."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(timeout, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(fd)
                    os.close(fd)
                    raise KBBusy(busy.format(path=self.path, holder=holder)) from None
                if waiting and not told:
                    log.info(waiting)
                    told = True
                time.sleep(_POLL_SECONDS)
            except BaseException:
                os.close(fd)
                raise
        # the holder's pid, for the message another process shows while this one writes
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return fd

    @staticmethod
    def release(fd: int) -> None:
        os.close(fd)  # closing the descriptor drops the lock

    @contextmanager
    def held(self, timeout: float = 0.0, waiting: str = "",
             busy: str = "{path} is held by {holder}") -> Iterator[None]:
        fd = self.acquire(timeout, waiting, busy)
        try:
            yield
        finally:
            self.release(fd)

    def is_held(self) -> bool:
        """Whether some process (this one included) holds the lock now."""
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        finally:
            os.close(fd)


def _holder(fd: int) -> str:
    pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return f"process {pid}" if pid.isdigit() else "another process"
