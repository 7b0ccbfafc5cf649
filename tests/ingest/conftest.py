"""Fixtures for ingest tests: the four seed documents and the small files in tests/data/ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cleaner import clean_text
from ingest.document import ParsedDocument
from ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "corpus" / "documents"
DATA = ROOT / "tests" / "data" / "ingest"
SEEDS = {
    "000": DOCUMENTS / "000_7d6cf43977e1ccb8.txt",
    "001": DOCUMENTS / "001_4e76b2bbd40c5036.txt",
    "002": DOCUMENTS / "002_85de7e62f5f80ffd.txt",
    "003": DOCUMENTS / "003_3226a30af70900b0.txt",
}


def raw_seed(key: str) -> str:
    return SEEDS[key].read_text(encoding="utf-8")


def cleaned_seed(key: str) -> str:
    return clean_text(raw_seed(key))


_PARSED: dict[str, ParsedDocument] = {}


def parsed_seed(key: str) -> ParsedDocument:
    """Parse a seed once per session; parsing is pure, so sharing is safe."""
    if key not in _PARSED:
        _PARSED[key] = parse_file(SEEDS[key])
    return _PARSED[key]


@pytest.fixture(params=sorted(SEEDS))
def seed(request: pytest.FixtureRequest) -> ParsedDocument:
    return parsed_seed(request.param)
