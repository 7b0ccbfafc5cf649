"""A document's validity is stored with its metadata; records written before it read back."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from kb.records import RecordStore
from tests.conftest import make_parsed


def test_validity_is_stored_with_the_metadata(tmp_path: Path) -> None:
    parsed = make_parsed("old_rule", ["本办法自2011年起施行。"])
    document = replace(parsed.document, meta=replace(parsed.document.meta, validity="已失效"))
    store = RecordStore(tmp_path / "records.sqlite")
    store.replace(replace(parsed, document=document), [["本办法"]])
    assert [meta.validity for meta in store.metas()] == ["已失效"]
    stored = store.document("old_rule")
    assert stored is not None and stored.meta.validity == "已失效"


def test_a_record_written_before_validity_existed_reads_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite"
    RecordStore(path).replace(make_parsed("rule", ["第一条 为规范管理,制定本办法。"]), [["规范"]])
    with sqlite3.connect(path) as db:  # the metadata as an older version wrote it
        meta = json.loads(db.execute("SELECT meta FROM documents").fetchone()[0])
        del meta["validity"]
        db.execute("UPDATE documents SET meta=?", (json.dumps(meta, ensure_ascii=False),))
    assert [meta.validity for meta in RecordStore(path).metas()] == [""]
