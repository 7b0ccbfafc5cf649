"""Region matching with county-level regions of all of China, in both the document and the ask."""

from __future__ import annotations

import pytest

from kb.region import full_region, is_place_name, region_matches


@pytest.mark.parametrize(("written", "full"), [
    ("威海", "山东省威海市"),
    ("山东", "山东省"),
    ("德清县", "浙江省湖州市德清县"),
    ("湖州市德清县", "浙江省湖州市德清县"),
    ("黔江区", "重庆市黔江区"),
    ("秀山县", "重庆市秀山土家族苗族自治县"),  # the short form of an autonomous county
    ("湖北省(推断)", "湖北省"),
    ("某地", "某地"),  # unknown to the gazetteer: kept as written
])
def test_full_region(written: str, full: str) -> None:
    assert full_region(written) == full


@pytest.mark.parametrize(("document", "asked"), [
    ("浙江省", "德清县"),  # a province's rule applies in its counties
    ("浙江省湖州市", "浙江省湖州市德清县"),  # a city's rule in its counties
    ("浙江省湖州市德清县", "德清县"),
    ("重庆市", "黔江区"),
    ("重庆市秀山土家族苗族自治县", "秀山县"),
    ("全国", "德清县"),  # a national text applies everywhere
    ("上海市浦东新区", "上海市浦东新区"),
])
def test_a_rule_applies_in_its_own_region_and_below(document: str, asked: str) -> None:
    assert region_matches(document, asked)


@pytest.mark.parametrize(("document", "asked"), [
    ("浙江省湖州市德清县", "湖州市"),  # a county's rule does not apply to the whole city
    ("浙江省湖州市德清县", "浙江省"),
    ("浙江省湖州市德清县", "浙江省湖州市长兴县"),  # nor in a sibling county
    ("重庆市黔江区", "重庆市武隆区"),
    ("浙江省宁波市江东区", "宁波市"),  # a district the gazetteer no longer lists
])
def test_a_rule_does_not_apply_above_or_beside_its_region(document: str, asked: str) -> None:
    assert not region_matches(document, asked)


def test_a_document_of_unknown_region_is_not_ruled_out() -> None:
    # no sidecar and no place in the text: its answers name it as of unknown region
    assert region_matches("", "德清县") and region_matches("", "山东")


def test_places_of_all_of_china_are_region_filters_not_search_words() -> None:
    assert is_place_name("德清县") and is_place_name("威海") and is_place_name("黔西南州")
    assert not is_place_name("质量奖")
