"""Loading and validating a dataset: clear errors with line numbers."""

from __future__ import annotations

import json

import pytest

from evals.dataset import DatasetError, load_dataset, parse_lines

GOOD = {"id": "a", "question": "谁牵头?", "intent": "responsibility", "must_contain": ["省商务厅"],
        "evidence": "省商务厅牵头"}
NONE = {"id": "b", "question": "深圳?", "intent": "unanswerable", "must_contain": [], "evidence": ""}


def lines(*records: object) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]


def test_loads_valid_items_and_skips_blank_lines(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(lines(GOOD, "", NONE)) + "\n", encoding="utf-8")
    items = load_dataset(path)
    assert [i.id for i in items] == ["a", "b"]
    assert items[0].must_contain == ("省商务厅",) and items[0].answerable
    assert not items[1].answerable


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "invalid JSON"),
        ('["a list"]', "expected a JSON object"),
        ({k: v for k, v in GOOD.items() if k != "evidence"}, "missing field(s): evidence"),
        ({**GOOD, "intent": "money"}, "unknown intent 'money'; valid intents: responsibility"),
        ({**GOOD, "must_contain": "省商务厅"}, "must be a list of strings"),
        ({**GOOD, "must_contain": []}, "needs a non-empty 'must_contain'"),
        ({**GOOD, "evidence": ""}, "needs a non-empty 'evidence'"),
        ({**NONE, "must_contain": ["x"]}, "must have an empty 'must_contain'"),
        ({**GOOD, "id": "b"}, "duplicate id 'b' (first on line 2)"),
    ],
)
def test_errors_name_the_line(bad, message):
    with pytest.raises(DatasetError) as error:
        parse_lines(lines(GOOD, NONE, bad), "qa.jsonl")
    assert error.value.line == 3
    assert str(error.value).startswith("qa.jsonl:3: ")
    assert message in str(error.value)


def test_extra_fields_are_kept_out_not_refused():
    noted = {**GOOD, "id": "c", "answer": "省商务厅牵头", "doc": "000", "note": "seen in 000"}
    items = parse_lines(lines(GOOD, NONE, noted), "qa.jsonl")
    assert items[2].must_contain == ("省商务厅",) and items[2].id == "c"


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        load_dataset(tmp_path / "absent.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no items"):
        load_dataset(tmp_path / "empty.jsonl")
