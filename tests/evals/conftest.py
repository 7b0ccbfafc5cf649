"""Fixtures for the evaluation tests: the tiny corpus and scripted bot of `tiny_bot`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from app.answer import Answer
from evals.dataset import EvalItem
from tests.evals.tiny_bot import ITEMS, document_text, scripted_ask, scripted_search


@pytest.fixture
def tiny_items() -> tuple[EvalItem, ...]:
    return ITEMS


@pytest.fixture
def bot() -> tuple[
    Callable[[str], Answer], Callable[[str, int], Sequence[str]], Callable[[str], str]
]:
    return scripted_ask, scripted_search, document_text
