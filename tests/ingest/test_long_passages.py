"""No passage is longer than the hard maximum, whatever the text: a page dump with no sentence
end, one endless sentence, a table row of a whole page. The parts tile the text, so a document
costs (embedding) work in proportion to its size."""

from __future__ import annotations

from itertools import pairwise

import pytest

from ingest.pipeline import parse_text
from ingest.segmenter import HARD_MAX_CHARS

PATHOLOGICAL = {
    # pypdf's text of a huge table-less PDF: short lines, no sentence end anywhere
    "page dump": "关于页面测试的通知\n" + "\n".join(
        f"第{page}页 质量提升行动推进工作情况汇总 单位 数量 金额" for page in range(6000)),
    # one line of 200,000 characters without a break of any kind
    "endless line": "关于长行测试的通知\n" + "质量提升行动" * 33_000,
    # sentences of 1,500 characters: split at sentence ends alone, two would make one chunk
    "long sentences": "关于长句测试的通知\n" + ("质量提升行动,推进品牌建设" * 115 + "。") * 40,
    # a table whose one row holds a page of text
    "huge row": "关于表格测试的通知\n序号 | 任务 | 责任单位\n1 | " + "推进品牌建设" * 2000
                + " | 市测试局\n2 | 加强质量管理 | 市测试局",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_no_chunk_exceeds_the_maximum(name: str) -> None:
    parsed = parse_text(PATHOLOGICAL[name])
    text = parsed.document.text
    chunks = parsed.chunks
    assert max(len(chunk.text) for chunk in chunks) <= HARD_MAX_CHARS
    # each chunk is its span of the document; spans are ordered and never overlap
    assert all(chunk.text == text[chunk.start : chunk.end] for chunk in chunks)
    assert all(a.end <= b.start for a, b in pairwise(chunks))
    # nothing is lost: outside the chunks there is only whitespace and table pipes
    covered = bytearray(len(text))
    for chunk in chunks:
        covered[chunk.start : chunk.end] = b"\x01" * (chunk.end - chunk.start)
    assert not [c for c, inside in zip(text, covered) if not inside and c not in " \n|"]
    # and so the work of embedding them is the document's size, not its square
    assert sum(len(chunk.text) for chunk in chunks) <= len(text)
    assert len(chunks) <= 2 * len(text) // HARD_MAX_CHARS + 2


def test_ordinary_passages_are_not_cut() -> None:
    """Only what is over the maximum is cut: a 600-character section stays one chunk."""
    body = "对获得测试奖的企业给予奖励,奖励资金由市财政列支" * 20 + "。"
    parsed = parse_text("关于测试奖的通知\n一、奖励标准\n" + body)
    assert any(chunk.text.endswith(body) for chunk in parsed.chunks)
