"""Errors raised while reading a source file; each message is one line naming the file."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a document."""


class UnsupportedFile(IngestError):
    """The file type is not one ingest can read."""


class UnreadableFile(IngestError):
    """The bytes are binary, corrupt, or in no text encoding we can decode."""


class EmptyDocument(IngestError):
    """The file holds no text once noise is removed."""


class NeedsOCR(IngestError):
    """A PDF without a text layer (a scan): it needs OCR first."""


class TooLarge(IngestError):
    """A file, or what an archive unpacks to, larger than a policy document can be."""
