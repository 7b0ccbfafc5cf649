"""Provinces, their 文号 abbreviations, and Shandong's prefectural cities, for region guesses."""

from __future__ import annotations

import re

# Provincial-level divisions with the short name used in 文号 (鲁政发, 京政发 ...).
PROVINCES: dict[str, str] = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋", "内蒙古自治区": "蒙",
    "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑", "上海市": "沪", "江苏省": "苏",
    "浙江省": "浙", "安徽省": "皖", "福建省": "闽", "江西省": "赣", "山东省": "鲁",
    "河南省": "豫", "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂",
    "海南省": "琼", "重庆市": "渝", "四川省": "川", "贵州省": "黔", "云南省": "云",
    "西藏自治区": "藏", "陕西省": "陕", "甘肃省": "甘", "青海省": "青", "宁夏回族自治区": "宁",
    "新疆维吾尔自治区": "新", "台湾省": "台", "香港特别行政区": "港", "澳门特别行政区": "澳",
}  # fmt: skip

# Prefectural cities by province; Shandong complete, a few capitals elsewhere.
CITIES: dict[str, tuple[str, ...]] = {
    "山东省": (
        "济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市",
        "泰安市", "威海市", "日照市", "临沂市", "德州市", "聊城市", "滨州市", "菏泽市",
    ),
    "湖北省": ("武汉市", "荆州市", "宜昌市", "襄阳市"),
    "河北省": ("石家庄市",),
    "江苏省": ("南京市", "苏州市"),
    "浙江省": ("杭州市", "宁波市"),
    "广东省": ("广州市", "深圳市"),
    "河南省": ("郑州市",),
    "四川省": ("成都市",),
}  # fmt: skip

# One-character city prefixes of Shandong 文号 ("威政字[2024]5号"); 济 and 青 are left out
# because 济南/济宁 share one and 青 is also Qinghai's.
CITY_DOC_PREFIXES: dict[str, str] = {
    "淄": "淄博市", "枣": "枣庄市", "烟": "烟台市", "潍": "潍坊市", "泰": "泰安市",
    "威": "威海市", "临": "临沂市", "德": "德州市", "聊": "聊城市", "滨": "滨州市", "菏": "菏泽市",
}  # fmt: skip


def short_name(place: str) -> str:
    """山东省 -> 山东, 威海市 -> 威海, 广西壮族自治区 -> 广西."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


def province_of_city(city: str) -> str:
    """The province a listed city belongs to, or ""."""
    return next((province for province, cities in CITIES.items() if city in cities), "")


def _every_place_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for province, cities in CITIES.items():
        for city in cities:
            names[city] = names[short_name(city)] = city
    for province in PROVINCES:
        names[province] = names[short_name(province)] = province
    return names


# Every province and listed city under its full and short name (威海, 威海市), to its full name.
PLACE_NAMES: dict[str, str] = _every_place_name()
# Names that contain a place but are programmes or units: 好品山东 is not a question about 山东.
NOT_PLACES = re.compile(r"好品山东|好客山东|优品威海|山东手造|[\u4e00-\u9fa5]{2}海关")
