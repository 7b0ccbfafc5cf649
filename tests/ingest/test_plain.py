from __future__ import annotations

from ingest.plain import expansion, written_for


def test_everyday_words_are_read_as_the_words_documents_write() -> None:
    found = dict(written_for("台州小区选业委会，有人以前坐过牢，能不能当成员？"))
    assert "刑罚" in found["坐过牢"] and "业主委员会" in found["业委会"]
    # the longest phrase wins: "坐过牢" is not also read as "坐牢"
    assert "坐牢" not in found
    assert "暂停供热" in expansion("最晚要提前多少天去办理停暖？")
    assert expansion("天津今天的天气怎么样") == ""

