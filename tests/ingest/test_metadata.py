"""Metadata: sidecars win per field; the rest is inferred from the text and listed as such."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.cleaner import clean_text
from ingest.errors import UnreadableFile
from ingest.metadata import infer_metadata, parse_date, read_sidecar, resolve_metadata
from ingest.pipeline import parse_file
from tests.ingest.conftest import SEEDS, cleaned_seed

SYNTHETIC = """威海市人民政府办公室
威政办字[2024]5号
威海市人民政府办公室关于印发质量提升行动方案的通知
各区市人民政府:
现将方案印发给你们,请认真贯彻执行。
根据《山东省质量强省建设纲要》(鲁政发〔2023〕3号)制定。
威海市人民政府办公室
2024年3月1日
"""


def test_001_inferred_without_sidecar() -> None:
    meta = infer_metadata(cleaned_seed("001"), "001")
    assert meta.title == "威海市人民政府关于推进质量强市及品牌战略的意见"
    assert meta.issuer == "威海市人民政府"
    assert meta.date == "2024-06-28"
    assert meta.region == "山东省威海市"
    assert meta.source_kind == "意见"
    assert set(meta.inferred) == {"title", "issuer", "date", "region", "source_kind"}


def test_000_inferred_without_sidecar() -> None:
    meta = infer_metadata(cleaned_seed("000"), "000")
    assert meta.title == "共建共享“好品山东”推进落实分工方案"
    assert meta.issuer == "山东省质量强省及品牌战略推进工作领导小组办公室"
    assert meta.date == "2021-06-29"
    assert meta.region == "山东省"
    assert meta.source_kind == "分工方案"


def test_002_inferred_without_sidecar() -> None:
    meta = infer_metadata(cleaned_seed("002"), "002")
    assert meta.title == "部门解读|《关于共建共享“好品山东”推动高质量发展若干措施》"
    assert meta.date == "2021-11-24"
    assert meta.region == "山东省"  # from place names: "好品山东" throughout
    assert meta.source_kind == "政策解读"
    assert meta.issuer == "" and "issuer" not in meta.inferred  # the text does not say


def test_003_not_guessed_as_shandong() -> None:
    meta = infer_metadata(cleaned_seed("003"), "003")
    assert meta.title == "关于全面开展质量品牌提升行动促进经济高质量发展的若干意见"
    assert meta.region == ""  # its issuer was blanked out; it must not become 山东省
    assert meta.issuer == "" and meta.date == ""


def test_synthetic_doc_number_and_city_prefix() -> None:
    meta = infer_metadata(SYNTHETIC, "x")
    assert meta.doc_number == "威政办字[2024]5号"  # the cited 鲁政发〔2023〕3号 is not it
    assert meta.issuer == "威海市人民政府办公室"
    assert meta.date == "2024-03-01"
    assert meta.region == "山东省威海市"
    assert meta.title == "威海市人民政府办公室关于印发质量提升行动方案的通知"
    assert meta.source_kind == "通知"


def test_region_from_province_doc_number() -> None:
    text = "鲁政发〔2021〕12号\n关于推进质量强省建设的意见\n各市人民政府:\n现提出如下意见。"
    meta = infer_metadata(text, "x")
    assert meta.doc_number == "鲁政发〔2021〕12号"
    assert meta.region == "山东省"


def test_region_from_city_doc_number_alone() -> None:
    meta = infer_metadata("威政字[2024]5号\n关于开展检查的通知\n请各单位落实。", "x")
    assert meta.region == "山东省威海市"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021年6月29日", "2021-06-29"),
        ("2024-06-28 10:10:47", "2024-06-28"),
        ("二〇二一年六月二十九日", "2021-06-29"),
        ("2021年13月1日", ""),
        ("无日期", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_read_sidecar_of_seed() -> None:
    given = read_sidecar(SEEDS["003"])
    assert given is not None
    assert given["region"] == "湖北省(推断)"
    assert "doc_number" not in given  # empty in the file: left to inference


def test_missing_sidecar_is_none(tmp_path: Path) -> None:
    assert read_sidecar(tmp_path / "a.txt") is None


def test_broken_sidecar_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="a.meta.json"):
        read_sidecar(tmp_path / "a.txt")


def test_sidecar_wins_per_field_and_rest_is_inferred(tmp_path: Path) -> None:
    (tmp_path / "a.meta.json").write_text(json.dumps({"issuer": "某市人民政府", "x": 1}), "utf-8")
    meta = resolve_metadata(cleaned_seed("001"), "a", read_sidecar(tmp_path / "a.txt"))
    assert meta.issuer == "某市人民政府"
    assert meta.date == "2024-06-28"
    assert "issuer" not in meta.inferred and "date" in meta.inferred


# Rules for documents of all of China, each on a small text of the layout it handles.

DEQING = """德清县人民政府
德政发〔2024〕12号
德清县人民政府关于印发德清县制造业高质量发展若干意见的通知
各乡镇人民政府,县政府各部门:
现将《德清县制造业高质量发展若干意见》印发给你们,请认真贯彻执行。
德清县人民政府
2024年5月30日
"""


def test_region_of_a_zhejiang_county_from_its_issuer() -> None:
    meta = infer_metadata(DEQING, "x")
    assert meta.issuer == "德清县人民政府"
    assert meta.region == "浙江省湖州市德清县"
    assert meta.title == "德清县人民政府关于印发德清县制造业高质量发展若干意见的通知"
    assert meta.date == "2024-05-30"


def test_region_of_a_chongqing_autonomous_county_from_its_issuer() -> None:
    text = ("秀山土家族苗族自治县人民政府办公室\n关于印发秀山县质量强县奖励办法的通知\n"
            "各乡镇人民政府:\n现将办法印发给你们。\n")
    meta = infer_metadata(text, "x")
    assert meta.region == "重庆市秀山土家族苗族自治县"
    assert meta.title == "秀山土家族苗族自治县人民政府办公室关于印发秀山县质量强县奖励办法的通知"


def test_region_from_the_body_for_a_county_that_speaks_as_one() -> None:
    text = ("为推进质量强县建设,根据《重庆市人民政府办公厅关于实施商标品牌战略的意见》,结合我县实际,"
            "制定本办法。\n获得秀山县县长质量奖的,奖励20万元;获得重庆市市长质量奖的,奖励50万元。\n")
    assert infer_metadata(text, "x").region == "重庆市秀山土家族苗族自治县"


def test_a_joint_notice_keeps_every_issuer() -> None:
    text = ("关于印发《浦东新区商务高质量发展专项资金使用管理办法》的通知\n区政府各委、办、局:\n"
            "《办法》已经区政府批准,现印发给你们。\n上海市浦东新区商务委员会\n上海市浦东新区财政局\n"
            "2025年7月14日\n")
    meta = infer_metadata(text, "x")
    assert meta.issuer == "上海市浦东新区商务委员会、上海市浦东新区财政局"
    assert meta.region == "上海市浦东新区"
    assert meta.date == "2025-07-14"


def test_header_labels_become_metadata() -> None:
    text = ("关于下达2011年农业品牌奖励资金的通知\n发文机关:\n上海市农业委员会、上海市财政局\n"
            "发文字号:\n沪农委[2011]306号\n发布日期:\n2011-08-17\n有效性:\n已失效\n"
            "各区县农委:\n市农委今年继续对获得品牌的企业给予奖励。\n二○一一年八月十七日\n")
    meta = infer_metadata(text, "x")
    assert meta.title == "关于下达2011年农业品牌奖励资金的通知"
    assert meta.issuer == "上海市农业委员会、上海市财政局"
    assert meta.doc_number == "沪农委[2011]306号"
    assert meta.date == "2011-08-17"
    assert meta.validity == "已失效" and "validity" in meta.inferred
    assert meta.region == "上海市"


def test_a_header_table_gives_the_title_not_its_first_line() -> None:
    text = ("豫政办〔2013〕36号 河南省人民政府办公厅关于明确重点工作责任单位的通知\n"
            "索 引 号 失效时间\n发文机关 成文日期\n"
            "标  题 河南省人民政府办公厅关于明确重点工作责任单位的通知\n"
            "发文字号 豫政办〔2013〕36号 发布时间 2013年05月17日\n各省辖市人民政府:\n现通知如下。\n")
    meta = infer_metadata(text, "x")
    assert meta.title == "河南省人民政府办公厅关于明确重点工作责任单位的通知"
    assert meta.doc_number == "豫政办〔2013〕36号"
    assert meta.date == "2013-05-17"
    assert meta.region == "河南省"


@pytest.mark.parametrize(("label", "validity"), [
    ("【时效性】现行有效", "有效"), ("有效性: 已失效", "已失效"), ("效力状态:已废止", "已废止"),
    ("失效日期: 2015-12-31", "已失效"), ("失效日期: 2099-12-31", "有效"), ("", ""),
])
def test_validity(label: str, validity: str) -> None:
    text = f"某市质量奖管理办法\n{label}\n第一条 为提高质量,制定本办法。\n"
    assert infer_metadata(text, "x", today=date(2024, 1, 1)).validity == validity


def test_a_law_in_markdown(tmp_path: Path) -> None:
    law = ("# 上海口岸服务条例\n\n2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过\n\n"
           "2020年5月14日 上海市第十五届人民代表大会常务委员会第二十一次会议《关于修改本市部分地方性法规的决定》"
           "第一次修正\n\n<!-- INFO END -->\n\n## 第一章  总则\n\n第一条 为了规范口岸开放,根据"
           "《中华人民共和国海关法》,制定本条例。\n")
    (tmp_path / "上海口岸服务条例(2019-01-01).md").write_text(law, encoding="utf-8")
    (tmp_path / "上海口岸服务条例.md").write_text(law, encoding="utf-8")
    named = parse_file(tmp_path / "上海口岸服务条例(2019-01-01).md").document
    unnamed = parse_file(tmp_path / "上海口岸服务条例.md").document
    assert named.meta.title == unnamed.meta.title == "上海口岸服务条例"
    assert named.meta.issuer == "上海市人民代表大会常务委员会"
    assert named.meta.region == "上海市"
    assert named.meta.date == "2019-01-01"  # the version its file name gives
    assert unnamed.meta.date == "2020-05-14"  # else its latest revision
    assert "INFO END" not in unnamed.text and "<!--" not in unnamed.text
    assert unnamed.text.startswith("上海口岸服务条例\n\n2011年11月17日")


@pytest.mark.parametrize(("adoption", "issuer", "region"), [
    ("2015年11月26日 中华人民共和国国务院令第663号公布", "国务院", "全国"),
    ("1996年10月3日 中华人民共和国交通部令第8号发布", "交通部", "全国"),
    ("2007年10月28日 第十届全国人民代表大会常务委员会第三十次会议通过", "全国人民代表大会常务委员会",
     "全国"),
    ("2017年10月27日 青岛市第十六届人民代表大会常务委员会第四次会议通过", "青岛市人民代表大会常务委员会",
     "山东省青岛市"),
])
def test_the_issuer_of_a_law_from_its_adoption_line(adoption: str, issuer: str, region: str) -> None:
    text = f"上海航运交易所管理规定\n{adoption}\n第一条 为了规范管理,制定本规定。\n"
    meta = infer_metadata(text, "x")
    assert (meta.title, meta.issuer, meta.region) == ("上海航运交易所管理规定", issuer, region)


def test_a_book_title_quoted_in_the_body_is_not_the_title() -> None:
    text = ("第一条 为规范区域公用品牌的使用,根据《中华人民共和国商标法》等有关法律法规,制定本制度。\n"
            "第二条 本制度所称区域公用品牌,是指本县注册的集体商标。\n")
    assert infer_metadata(text, "x").title == ""


def test_a_title_split_over_lines_below_its_issuer() -> None:
    text = ("重庆市黔江区人民政府\n关于印发黔江区获得国、市名牌(知名)产品\n企业奖励办法(试行)的通知\n"
            "黔江府发〔2015〕23号\n各乡、镇人民政府:\n现印发给你们。\n")
    meta = infer_metadata(text, "x")
    assert meta.title == ("重庆市黔江区人民政府关于印发黔江区获得国、市名牌(知名)产品企业奖励办法"
                          "(试行)的通知")
    assert meta.doc_number == "黔江府发〔2015〕23号"
    assert meta.region == "重庆市黔江区"


def test_an_issuer_fused_with_the_title() -> None:
    text = ("• 夏县电子商务进农村综合示范工作领导小组办公室夏县区域公用品牌管理及使用制度(试行)\n"
            "第一条 为规范夏县区域公用品牌使用管理,制定本制度。\n")
    meta = infer_metadata(text, "x")
    assert meta.title == "夏县区域公用品牌管理及使用制度(试行)"
    assert meta.issuer == "夏县电子商务进农村综合示范工作领导小组办公室"
    assert meta.region == "山西省运城市夏县"


@pytest.mark.parametrize(("text", "iso"), [
    ("二○一一年八月十七日", "2011-08-17"),
    ("二一一年一月十日", "2011-01-10"),  # 二〇一一 with its 〇 lost
    ("20211130", "2021-11-30"),  # a signing date that lost 年月日
    ("2021.10.20", "2021-10-20"),
    ("一九八年五月一日", ""),  # a lost character that cannot be placed
])
def test_parse_dates_with_lost_characters(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_a_signing_date_that_lost_its_characters_survives_cleaning() -> None:
    text = clean_text("忻州市人民政府办公室\n\n             20211130       \n\n忻州市市长质量奖管理办法\n")
    assert infer_metadata(text, "x").date == "2021-11-30"


def test_the_day_a_document_takes_effect_comes_from_its_header() -> None:
    text = ("某市人民政府关于印发某市质量奖管理办法的通知文章属性•【制定机关】某市人民政府•"
            "【公布日期】2021.10.20•【施行日期】2021.12.01•【时效性】现行有效\n\n第一条 为…制定本办法。")
    meta = infer_metadata(text, "notice")
    assert (meta.date, meta.effective, meta.validity) == ("2021-10-20", "2021.12.01", "有效")
