"""Segmentation of the seeds along their own structure, and the verbatim-offset invariant."""

from __future__ import annotations

import re

from ingest.document import Chunk, ParsedDocument
from ingest.pipeline import parse_text
from ingest.segmenter import MAX_CHARS
from tests.ingest.conftest import parsed_seed


def _containing(parsed: ParsedDocument, words: str) -> Chunk:
    found = [chunk for chunk in parsed.chunks if words in chunk.text]
    assert len(found) == 1, (words, len(found))
    return found[0]


# --- invariants, for every seed -------------------------------------------------------------


def test_chunk_text_is_exact_slice(seed: ParsedDocument) -> None:
    for chunk in seed.chunks:
        assert seed.document.text[chunk.start : chunk.end] == chunk.text
        assert chunk.doc_id == seed.document.doc_id


def test_no_empty_chunk_and_offsets_increase(seed: ParsedDocument) -> None:
    previous_end = 0
    for chunk in seed.chunks:
        assert chunk.text.strip() and chunk.text == chunk.text.strip()
        assert chunk.start >= previous_end
        previous_end = chunk.end


def test_every_character_of_the_body_is_in_a_chunk(seed: ParsedDocument) -> None:
    text = seed.document.text
    covered = [False] * len(text)
    for chunk in seed.chunks:
        covered[chunk.start : chunk.end] = [True] * (chunk.end - chunk.start)
    lost = [
        char
        for char, inside in zip(text, covered, strict=True)
        if not inside and char not in " \n|"
    ]
    assert lost == []


def test_every_sentence_is_in_the_chunks(seed: ParsedDocument) -> None:
    # a sentence may run across two chunks ("…局)2 .开展…。"), so compare without the gaps
    joined = re.sub(r"\s", "", "".join(chunk.text for chunk in seed.chunks))
    for sentence in re.findall(r"[^。\n|]+。", seed.document.text):
        assert re.sub(r"\s", "", sentence) in joined, sentence


def test_chunk_ids_unique_and_content_derived(seed: ParsedDocument) -> None:
    ids = [chunk.chunk_id for chunk in seed.chunks]
    assert len(set(ids)) == len(ids)
    again = parse_text(seed.document.text, seed.document.meta)
    assert [chunk.chunk_id for chunk in again.chunks] == ids


def test_prose_chunks_stay_near_the_size_limit(seed: ParsedDocument) -> None:
    for chunk in seed.chunks:
        if chunk.kind == "paragraph":
            assert len(chunk.text) <= MAX_CHARS + 100, chunk.section_path


# --- 000: a table of measures -------------------------------------------------------------


def test_000_all_twenty_rows() -> None:
    rows = [chunk for chunk in parsed_seed("000").chunks if chunk.kind == "table_row"]
    assert [chunk.row for chunk in rows] == list(range(1, 21))
    for chunk in rows:
        assert chunk.text.startswith(f"{chunk.row} | ")
        assert len(chunk.section_path) == 2


def test_000_row_10_to_12_under_heading_six() -> None:
    rows = {chunk.row: chunk for chunk in parsed_seed("000").chunks if chunk.kind == "table_row"}
    path = ("主要措施", "(六)做好“好品山东”宣传推广")
    assert rows[10].section_path == path
    assert "省商务厅牵头" in rows[10].text
    assert rows[11].section_path == path and rows[12].section_path == path
    assert "(六)做好“好品山东”宣传推广" in rows[11].context
    assert "责任单位" in rows[11].context


def test_000_group_parts_switch_at_row_13() -> None:
    rows = {chunk.row: chunk for chunk in parsed_seed("000").chunks if chunk.kind == "table_row"}
    assert rows[2].section_path == ("主要措施", "(一)构建“好品山东”品牌体系")
    assert rows[13].section_path == ("组织保障", "(一)加强组织领导")
    assert rows[16].section_path == ("组织保障", "(二)强化政策支持")
    assert rows[20].section_path == ("组织保障", "(四)加强权益保护")


def test_000_preamble_is_a_normal_chunk() -> None:
    first = parsed_seed("000").chunks[0]
    assert first.kind == "paragraph" and first.section_path == ()
    assert first.text.startswith("省直各相关部门:")
    assert "2021年6月29日" in first.text


# --- 001: (一) / 1. / (1) ------------------------------------------------------------------


def test_001_item_under_its_two_headings() -> None:
    chunk = _containing(parsed_seed("001"), "建设“质量强国标杆城市”,提升城市影响力")
    assert chunk.section_path == ("(一)实施质量建设“四强工程”", "1.全力推进质量强市建设")


def test_001_each_numbered_item_is_its_own_chunk() -> None:
    parsed = parsed_seed("001")
    items = [chunk for chunk in parsed.chunks if re.search(r"(^|\n)\(\d\)", chunk.text)]
    assert len(items) == 24  # 8 groups of three (1)(2)(3) items
    assert all(len(re.findall(r"(?:^|\n)\(\d\)", chunk.text)) == 1 for chunk in items)


def test_001_second_part_paths() -> None:
    chunk = _containing(parsed_seed("001"), "(2)进一步健全区域品牌保护机制")
    assert chunk.section_path == (
        "(二)实施品牌建设“四大工程”",
        "4.实施品牌保护“利剑工程”,守护品牌核心竞争力",
    )


# --- 002: inline 一、 and 一是 -------------------------------------------------------------


def test_002_inline_sections_and_ordinals() -> None:
    parsed = parsed_seed("002")
    assert _containing(parsed, "党的十八大以来").section_path == ("一、起草背景",)
    assert _containing(parsed, "二是坚持质量至上").section_path == ("二、把握的主要原则",)
    chunk = _containing(parsed, "五是细化强化更加有力的推进措施")
    assert chunk.section_path == ("三、主要内容",)
    assert chunk.text.startswith("五是")


# --- 003: re-joined shared copy ------------------------------------------------------------


def test_003_reward_paragraph_under_policy_support() -> None:
    chunk = _containing(parsed_seed("003"), "一次性分别给予200万元、100万元奖励")
    assert chunk.section_path == ("三、组织保障", "(二)强化政策支持")
    for words in ("荆江质量奖", "詹天佑奖", "5A级", "地理标志的一次性分别给予50万元、10万元奖励"):
        assert words in chunk.text


def test_003_items_under_main_measures() -> None:
    parsed = parsed_seed("003")
    chunk = _containing(parsed, "2 .开展文化旅游服务质量提升行动")
    assert chunk.section_path == ("二、主要措施", "(一)抓质量提升促进产业转型升级")
    assert chunk.text.startswith("2 .开展文化旅游服务质量提升行动")
    chunk = _containing(parsed, "3 .发展特色农产品品牌")
    assert chunk.section_path == ("二、主要措施", "(二)抓品牌引领带动产业提质增效")


def test_003_organisation_sections() -> None:
    parsed = parsed_seed("003")
    assert _containing(parsed, "加强督查考核").section_path == ("三、组织保障", "(三)加强督查考核")
    assert _containing(parsed, "由市长任主任").section_path == ("三、组织保障", "(一)加强组织领导")


# --- synthetic structures ------------------------------------------------------------------


def test_articles_are_chunks_under_their_chapter() -> None:
    text = (
        "第一章 总则\n第一条 为规范质量奖评审工作,制定本办法。本办法适用于全市范围。\n"
        "第二条 质量奖每两年评审一次,每次不超过十个组织。\n"
        "第二章 奖励\n第三条 对获得市长质量奖的组织给予一次性奖励五十万元,资金由市级财政承担。"
    )
    chunks = parse_text(text, doc_id="rules").chunks
    paths = {chunk.text[:3]: chunk.section_path for chunk in chunks}
    assert paths["第一章"] == ("第一章 总则",)  # the chapter heading folds into its first article
    assert paths["第二条"] == ("第一章 总则",)
    assert paths["第二章"] == ("第二章 奖励",)


def test_long_item_split_at_sentence_ends_keeping_its_path() -> None:
    sentence = "支持企业开展质量提升行动并建立健全质量管理体系,提升产品和服务质量水平。"
    text = "一、主要任务\n(一)强化质量提升。" + sentence * 40
    chunks = parse_text(text, doc_id="long").chunks
    assert len(chunks) >= 3
    assert all(chunk.section_path == ("一、主要任务", "(一)强化质量提升") for chunk in chunks)
    assert all(chunk.text.endswith("。") and len(chunk.text) <= MAX_CHARS for chunk in chunks)


def test_tiny_heading_folds_into_its_first_child() -> None:
    text = (
        "一、主要措施\n(一)抓质量提升。\n"
        "1.开展制造业质量提升行动,支持企业与科研院所合作创建技术创新中心。"
    )
    chunks = parse_text(text, doc_id="tiny").chunks
    assert len(chunks) == 1
    assert chunks[0].section_path == ("一、主要措施", "(一)抓质量提升")


def test_an_item_is_indexed_with_the_line_that_introduces_it() -> None:
    text = ("某市物业管理条例\n"
            "第二十条 业主大会可以在管理规约中规定,具有下列情形之一的业主不得担任业主委员会成员:\n"
            "(一)被判处刑罚正在执行或者刑罚执行完毕未满五年的;\n"
            "(二)被列入严重失信名单的。\n"
            "第二十一条 业主委员会应当自选举产生之日起三十日内备案。\n"
            "(一)这一行不是列表的一项。\n")
    chunks = parse_text(text, doc_id="leads").chunks
    item = next(c for c in chunks if c.text.startswith("(一)被判处刑罚"))
    assert item.context.endswith("不得担任业主委员会成员:"), item.context
    assert "刑罚" not in item.context and item.text == text[item.start:item.end]
    assert "不得担任" in item.indexed_text
    second = next(c for c in chunks if c.text.startswith("(二)"))
    assert second.context == item.context
    stray = next(c for c in chunks if "(一)这一行" in c.text)
    assert stray.context == ""
    # the lead is part of what is embedded, so it is part of the id: an index built before items
    # had leads embeds them again at the next ingest instead of keeping the vector without it
    from ingest.document import content_hash
    assert item.chunk_id != content_hash("leads", "\x1e".join(item.section_path), item.text)


def test_a_spaced_out_chapter_title_is_kept_whole() -> None:
    text = (
        "第一章 总 则\n第一条 为规范质量奖评审工作,制定本办法。\n"
        "第二章 法 律 责 任\n第二条 违反本办法规定的,由市市场监管局责令改正。\n"
        "第三章 奖励 办法\n第三条 对获得市长质量奖的组织给予一次性奖励五十万元。"
    )
    paths = {chunk.text[:3]: chunk.section_path for chunk in parse_text(text, doc_id="law").chunks}
    assert paths["第一章"] == ("第一章 总 则",)  # each heading folds into its first article
    assert paths["第二章"] == ("第二章 法 律 责 任",)
    assert paths["第三章"] == ("第三章 奖励",)  # two words, not one title spaced out
