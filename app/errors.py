"""Errors of the answering layer (the edges translate them to a message)."""


class AppError(Exception):
    """Base class of answering errors."""


class BadQuestion(AppError):
    """An empty, oversized or unreadable question."""
