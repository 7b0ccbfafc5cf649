"""clean_text on the real seed noise: navigation, footers, sharing-site pages, OCR slips."""

from __future__ import annotations

import pytest

from ingest.cleaner import clean_text
from tests.ingest.conftest import cleaned_seed, raw_seed


def test_nfkc_turns_fullwidth_into_ascii() -> None:
    assert (
        clean_text("（一）加强组织领导，形成合力：１００万元")
        == "(一)加强组织领导,形成合力:100万元"
    )


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_cleaning_twice_changes_nothing(key: str) -> None:
    once = cleaned_seed(key)
    assert clean_text(once) == once


def test_blank_line_runs_collapse() -> None:
    assert clean_text("一、总体要求\n\n\n\n二、主要任务\n \n\n") == "一、总体要求\n\n二、主要任务"


# --- 000: navigation above a table -------------------------------------------------------


def test_000_navigation_and_pipe_lines_dropped() -> None:
    raw, text = raw_seed("000"), cleaned_seed("000")
    assert raw.startswith("当前位置:首页 |\n|\n")
    assert text.startswith("省直各相关部门:\n")
    assert "当前位置" not in text


def test_000_table_rows_kept_verbatim() -> None:
    raw, text = raw_seed("000"), cleaned_seed("000")
    rows = [line for line in raw.split("\n") if line[:1].isdigit() and " | " in line]
    assert len(rows) == 20
    for row in rows:
        assert row in text
    assert "序号 | 重点任务 | 责任单位 | ||" in text


# --- 001: site footer after the body -------------------------------------------------------


def test_001_footer_dropped() -> None:
    text = cleaned_seed("001")
    for junk in (
        "分享",
        "热点推荐",
        "Copyright",
        "版权所有",
        "鲁ICP备",
        "承建单位",
        "+86",
        "selectshandong@",
        "山东省国际投资促进中心",
        "山东省互联网传媒集团",
    ):
        assert junk not in text, junk
    assert text.endswith(
        "(责任单位:市质量强市及品牌战略推进工作领导小组成员单位,市法院、市检察院、市公安局)"
    )


def test_001_source_line_kept() -> None:
    assert "来源: 威海市人民政府2024-06-28 10:10:47" in cleaned_seed("001").split("\n")


# --- 002: one paragraph wrapped in pipe noise ----------------------------------------------


def test_002_pipe_runs_dropped_title_and_date_kept() -> None:
    lines = cleaned_seed("002").split("\n")
    assert lines[0] == "部门解读|《关于共建共享“好品山东”推动高质量发展若干措施》"
    assert lines[1] == "2021-11-24"
    assert all("||" not in line and not line.endswith("|") for line in lines)
    assert "点击数" not in "\n".join(lines)


def test_002_close_window_dropped_and_body_kept() -> None:
    text = cleaned_seed("002")
    assert "关闭窗口" not in text
    assert text.endswith(
        "提出加强权益保护,支持“好品山东”市场主体海外贸易合法维权,消除“走出去”疑虑,扩大海外影响力。"
    )
    assert "一是坚持市场主导,政府推动。" in text


# --- 003: a document-sharing-site copy ------------------------------------------------------


def test_003_sharing_site_chrome_dropped() -> None:
    text = cleaned_seed("003")
    for junk in (
        "上传人",
        "文档编号",
        "返回 下载",
        ".docx",
        "第1页 / 共7页",
        "点击查看更多",
        "资源描述",
        "由会员分享",
        "展开阅读全文",
        "猜你喜欢",
        "资源标签",
        "当前位置",
        "备案号",
        "宁ICP备",
        "经营许可证",
        "公网安备",
    ):
        assert junk not in text, junk


def test_003_pages_rejoined_mid_word() -> None:
    text = cleaned_seed("003")
    assert "新增主导制修订国家、行业和团体(联盟)标准10项以上" in text
    assert "推动协同创新协同制造。" in text
    assert "品牌引领能力明显提升。品牌培育创建取得明显成效" in text
    assert "扶持菲利华、五方光电" in text
    assert "12、" not in text and "\n3、" not in text


def test_003_title_split_from_first_sentence() -> None:
    lines = cleaned_seed("003").split("\n")
    assert lines[0] == "关于全面开展质量品牌提升行动促进经济高质量发展的若干意见"
    assert lines[1].startswith("为全面实施质量强市和品牌兴市战略")


def test_003_real_list_items_with_space_kept() -> None:
    text = cleaned_seed("003")
    assert "。1 .开展制造业质量提升行动。" in text
    assert ")2 .开展文化旅游服务质量提升行动。" in text


def test_003_ocr_slips_fixed() -> None:
    raw, text = raw_seed("003"), cleaned_seed("003")
    assert "IOO万元" in raw and "(-)" in raw
    assert "一次性分别给予200万元、100万元奖励" in text
    assert "二、主要措施(一)抓质量提升促进产业转型升级。" in text
    assert "IOO" not in text and "(-)" not in text


# --- what must not be touched ------------------------------------------------------------


def test_numbered_items_of_a_normal_document_kept() -> None:
    text = "一、工作任务\n1、加强组织领导。\n\n2、强化政策支持。"
    assert clean_text(text) == text


def test_ocr_fix_only_where_unambiguous() -> None:
    assert clean_text("优化NQI服务。") == "优化NQI服务。"
    assert clean_text("给予O元补贴。") == "给予O元补贴。"  # one letter alone is not sure
    assert clean_text("数值记为(-)表示下降。(二)其他") == "数值记为(-)表示下降。(二)其他"


def test_footer_words_inside_body_sentences_kept() -> None:
    text = "各单位要分享经验,推广做法。\n对版权所有人的合法权益依法保护,营造良好环境。"
    assert clean_text(text) == text


def test_markup_of_a_markdown_law_goes_and_its_words_stay() -> None:
    raw = "危险废物经营许可证管理办法\n\n2004年5月30日 国务院令第408号公布\n\n<!-- INFO END -->\n第一章 总则"
    # a title that names a 经营许可证 is not a site's licence footer ("经营许可证:宁B2-…")
    assert clean_text(raw) == ("危险废物经营许可证管理办法\n\n2004年5月30日 国务院令第408号公布\n\n"
                               "第一章 总则")


def test_a_signing_date_that_lost_its_characters_is_not_a_phone_number() -> None:
    assert clean_text("忻州市人民政府办公室\n   20211130   \n13912345678") == "忻州市人民政府办公室\n   20211130"
