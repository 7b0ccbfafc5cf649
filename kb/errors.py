"""Errors of the knowledge-base layer; the CLI and API translate them at the edge."""


class KBError(Exception):
    """Base class of knowledge-base errors."""


class KBNotBuilt(KBError):
    """The data folder holds no knowledge base yet."""


class EmbeddingMismatch(KBError):
    """The index was built with another embedding model than the one configured."""


class CorruptIndex(KBError):
    """A file of the index cannot be read; the message says how to rebuild."""


class MissingExtra(KBError):
    """An optional dependency is not installed; the message names the extra."""


class UnknownDocument(KBError):
    """No document with that id in the knowledge base."""


class StorageError(KBError):
    """The data folder cannot take writes: full, read-only or not permitted."""


class KBBusy(KBError):
    """Another process is writing to the data folder, and did not finish in time."""
