"""A document's labelled header is read as fields and taken out of the text to quote."""

from __future__ import annotations

from ingest.header import drop_header, read_header

LABEL_LINES = """关于下达2011年农业品牌奖励资金的通知
发文机关:
上海市农业委员会、上海市财政局
发文字号:
沪农委[2011]306号
发布日期:
2011-08-17
失效日期:
主题词:
农业;品牌;奖励;通知
各区县农委:
为加快推进农产品品牌化建设,市农委今年继续对获得品牌的企业给予奖励。"""

HEADER_TABLE = """索 引 号 失效时间
发文机关 成文日期
标  题 河南省人民政府办公厅关于明确重点工作责任单位的通知
发文字号 豫政办〔2013〕36号 发布时间 2013年05月17日
各省辖市人民政府:
现就有关事项通知如下。"""

RUN_IN = ("南昌市人民政府关于印发南昌市市长质量奖管理办法的通知文章属性•【制定机关】南昌市人民政府"
          "•【公布日期】2021.10.20•【字号】洪府发〔2021〕21号•【时效性】现行有效•【主题分类】法制工作"
          "正文各县(区)人民政府:现将办法印发给你们。")


def test_labels_with_their_values_on_the_next_line() -> None:
    header = read_header(LABEL_LINES)
    assert header.values("issuer") == ["上海市农业委员会、上海市财政局"]
    assert header.values("doc_number") == ["沪农委[2011]306号"]
    assert header.values("date") == ["2011-08-17"]
    assert header.values("expiry") == []  # "失效日期:" is empty: "主题词:" is another label
    text = drop_header(LABEL_LINES, header)
    assert text.startswith("关于下达2011年农业品牌奖励资金的通知\n各区县农委:")
    assert "发文机关" not in text and "农业;品牌" not in text


def test_a_header_table_with_spaced_labels_and_empty_cells() -> None:
    header = read_header(HEADER_TABLE)
    assert header.values("title") == ["河南省人民政府办公厅关于明确重点工作责任单位的通知"]
    assert header.values("doc_number") == ["豫政办〔2013〕36号"]
    assert header.values("date") == ["2013年05月17日"]
    assert header.values("issuer") == []  # the table left 发文机关 empty
    assert drop_header(HEADER_TABLE).startswith("各省辖市人民政府:")


def test_bracketed_labels_run_into_a_line() -> None:
    header = read_header(RUN_IN)
    assert header.values("issuer") == ["南昌市人民政府"]
    assert header.values("validity") == ["现行有效"]
    assert drop_header(RUN_IN) == ("南昌市人民政府关于印发南昌市市长质量奖管理办法的通知"
                                   "各县(区)人民政府:现将办法印发给你们。")


def test_a_label_takes_only_a_value_that_fits_it() -> None:
    text = "实施时间:\n渝文备〔2016〕294号\n重庆市黔江区人民政府"
    assert read_header(text).values("effective") == []
    assert drop_header(text) == "渝文备〔2016〕294号\n重庆市黔江区人民政府"


def test_body_lines_and_tables_that_start_with_a_label_word_stay() -> None:
    text = "日期 | 金额 | 备注\n2024-01-05 | 30万元 | 首批\n标题党不可取,文章应当实事求是。"
    assert read_header(text).fields == ()
    assert drop_header(text) == text
