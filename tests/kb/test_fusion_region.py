"""Reciprocal rank fusion and region matching."""

from __future__ import annotations

from kb.fusion import fuse_rankings
from kb.region import region_matches


def test_fusion_rewards_items_found_by_both_rankings() -> None:
    fused = fuse_rankings([[1, 2, 3], [3, 4, 1]])
    assert [item for item, _ in fused][:2] == [1, 3]
    assert {item for item, _ in fused} == {1, 2, 3, 4}


def test_fusion_matches_the_reciprocal_rank_formula() -> None:
    fused = dict(fuse_rankings([[7], [8, 7]], k=60))
    assert abs(fused[7] - (1 / 61 + 1 / 62)) < 1e-12
    assert abs(fused[8] - 1 / 61) < 1e-12


def test_a_province_rule_covers_its_cities_and_a_city_rule_only_its_city() -> None:
    # a city's rule is not the whole province's: a question about 山东 does not get 威海's
    assert not region_matches("山东省威海市", "山东")
    assert region_matches("山东省威海市", "威海市")
    assert region_matches("山东省", "山东省")
    assert region_matches("山东省", "威海")  # a provincial rule applies in Weihai
    assert not region_matches("山东省威海市", "济南")
    assert not region_matches("山东省威海市", "青岛市")
    assert not region_matches("湖北省(推断)", "山东")
    assert not region_matches("湖北省(推断)", "威海")
    assert region_matches("湖北省(推断)", "湖北省")
    assert region_matches("", "山东")  # a document of unknown region cannot be ruled out
    assert region_matches("任何地区", None)
