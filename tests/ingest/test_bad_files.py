"""A parser's failure on a crafted or damaged file is an IngestError naming the file, in one
line; never a traceback, and never text silently cut short."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import loader
from ingest.errors import UnreadableFile
from ingest.loader import load_file
from tests.ingest.crafted_files import CRAFTED, ENTITY_TEXT, entity_docx


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_file_is_one_clear_error(tmp_path: Path, name: str) -> None:
    path = CRAFTED[name](tmp_path / name)
    with pytest.raises(UnreadableFile) as raised:
        load_file(path)
    said = str(raised.value)
    assert said.startswith(f"{name}: ") and "\n" not in said and len(said) < 400, said


def test_an_entity_never_cuts_the_text_short(tmp_path: Path) -> None:
    """The text after an entity is kept, or the file is refused saying why."""
    try:
        text = load_file(entity_docx(tmp_path / "entity.docx"))
    except UnreadableFile as error:
        assert "DTD" in str(error)
    else:
        assert "实体之后的文字必须保留" in text, text


@pytest.mark.parametrize("failure", [RecursionError("maximum recursion depth exceeded"),
                                     OverflowError("int too large to convert to float"),
                                     MemoryError(), AssertionError("parser invariant")])
def test_any_parser_failure_is_an_ingest_error(tmp_path: Path, failure: Exception,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(path: Path) -> str:
        raise failure

    monkeypatch.setitem(loader._READERS, ".txt", failing)
    path = tmp_path / "policy.txt"
    path.write_text(ENTITY_TEXT, encoding="utf-8")
    with pytest.raises(UnreadableFile, match=f"policy.txt: .*{type(failure).__name__}"):
        load_file(path)
