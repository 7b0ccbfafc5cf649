"""Amounts, percentages, counts and periods as policy texts write them: one definition each.

Policy texts write money in Arabic digits ("奖励30万元", "5—20 万元(含)"), in Chinese numerals
("处五万元以下罚款", "一次性奖励现金五万元"), as shares ("按15%给予补助", "百分之三十"), and in
tables as bare numbers under a header that carries the unit ("金额(万元) | 30"). Every reader of
amounts in the project (fact extraction, answer selection, the LLM check) uses this module.
Chinese numerals are read by cn2an, a maintained library, and always quoted as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CN_DIGITS = "〇○零一二两三四五六七八九十百千"
_ARABIC = r"[0-9IOlo][0-9IOlo,]*(?:\.\d+)?"
_CN = rf"[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?"
_NUMBER = rf"(?:{_ARABIC}|{_CN})"
# "5—20 万元" / "2000元以上2万元以下": a range shares the unit of its second end
_RANGE_JOIN = r"\s*[—\-–~～至到]\s*"

# Money: "30万元", "30 万元", "五万元", "1.5亿元", "5—20 万元", "2000元"
MONEY = re.compile(
    rf"(?<![\dA-Za-z.])(?P<low>{_NUMBER})(?:{_RANGE_JOIN}(?P<high>{_NUMBER}))?\s*"
    r"(?P<scale>万|亿|千)?\s*元"
)
# Shares: "15%", "15 %", "百分之三十", "15%、25%、30%"
PERCENT = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?\s*[%％]|百分之{_CN}")
# Caps and floors written before an amount: "最高补助300万元", "不超过30万元"
CAP = re.compile(r"不超过|最高|最多|上限|封顶|以内|以下")
# Counts of things: "不超过2家", "3个", "组织2个、个人2名", "十名"
# ("八大产业集群", "四大工程", "十大行动": a count of things the text goes on to name)
_COUNT_WORDS = r"个(?![月工小])|家|名|项|人|户|件|批|届|次(?!性)|位|节|所|座|台|辆|种|套|株|棵"
_GROUPS = re.compile(r"(?<![一二三四五六七八九十百千万\d])[二三四五六七八九十两]大(?=[\u4e00-\u9fff]{2})")
COUNT = re.compile(rf"{_NUMBER}\s*(?:{_COUNT_WORDS})|{_GROUPS.pattern}")
# what a question counts: "几节体育课" is counted in 节 (or 课时); "评几个获奖单位" in 个, 家,
# 名 … but never in 次, which counts times ("每年评审一次" does not say how many win)
_COUNT_ASKED = re.compile(r"(?:多少|几)\s*(个|家|名|位|人|项|条|批|种|类|届|期|次|节|所|座|台|辆|套|株|棵|户|件|分(?![之钟]))")
_SAME_COUNT = ({"家", "个", "所", "户"}, {"名", "位", "人", "个"}, {"项", "条", "个", "件"},
               {"节", "课时", "学时"}, {"次", "回", "遍"}, {"种", "类", "个"}, {"届", "期"},
               {"株", "棵"}, {"台", "套", "辆"})
# (an article's number, "第四条", counts nothing)
_COUNTED = re.compile(rf"(?<![第\d一二三四五六七八九十百千两]){_NUMBER}\s*"
                      rf"(?P<unit>课时|学时|{_COUNT_WORDS}|期|回|遍|类|条|分(?![之钟]))")


def count_asked(question: str) -> frozenset[str]:
    """The words a count that answers a question may be counted in ("几节" -> 节, 课时, 学时);
    empty where the question names none."""
    match = _COUNT_ASKED.search(question)
    if match is None:
        return frozenset()
    unit = match.group(1)
    same = {word for group in _SAME_COUNT if unit in group for word in group} | {unit}
    if unit == "个":  # "几个" counts anything but times
        same |= {word for group in _SAME_COUNT for word in group} - {"次", "回", "遍"}
    return frozenset(same)


def count_units(text: str) -> frozenset[str]:
    """The words a text's counts are counted in ("每天至少开展两次" -> 次)."""
    units = {m.group("unit") for m in _COUNTED.finditer(text)}
    if _GROUPS.search(text):
        units.add("个")  # "八大产业集群" counts as "八个" would
    return frozenset(units)


# Periods and cycles: "每两年评选一次", "每3年", "年度", "五年内", "60日内", "三十个工作日"
PERIOD = re.compile(
    rf"每{_NUMBER}?\s*[年月季届]|每年度|年度|{_NUMBER}\s*(?:个)?(?P<unit>工作日|日|天|月|年|周|届|小时|分钟)"
    r"(?:内|以内|之内|后|起)?"
)
# what a question counts time in: "多少天内" / "几个工作日" / "几年"
_TIME_ASKED = re.compile(r"(?:多少|几)\s*个?\s*(工作日|日|天|月|年|周|小时|分钟)")
# the units that answer it: days are written 日 or 天, and a count of 工作日 is one of days
_TIME_UNITS = {"工作日": {"工作日", "日", "天"}, "日": {"日", "天", "工作日"},
               "天": {"日", "天", "工作日"}, "月": {"月"}, "年": {"年"}, "周": {"周", "日", "天"},
               "小时": {"小时", "分钟"}, "分钟": {"分钟", "小时"}}
# A year named: "2012年度", "到2025年"
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# Calendar dates: "2021年12月1日", "二○一一年八月十七日", "2021-06-29"
DATE = re.compile(
    r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?"
)
# A unit named in a column header: "金额(万元)", "奖励标准（元）", "比例(%)"
HEADER_UNIT = re.compile(r"[(（]\s*(万元|元|亿元|%|％)\s*[)）]")
_BARE_NUMBER = re.compile(r"^\s*(?:不超过|最高)?\s*\d+(?:\.\d+)?\s*$")
# Sentence ends of policy prose, and the separators of clauses inside a sentence
SENTENCE_END = re.compile(r"[。;；!?！？]")
CLAUSE_END = re.compile(r"[。;；!?！？,，:：]")


@dataclass(frozen=True)
class Amount:
    """An amount of money or a share, as written, with its value where it can be read."""

    start: int
    end: int
    written: str  # verbatim text, e.g. "五万元以下" is read from "五万元"
    yuan: float | None = None  # money in 元 (the high end of a range); None for shares
    percent: float | None = None  # a share in per cent


@lru_cache(maxsize=4096)
def read_number(text: str) -> float | None:
    """"30" / "1,000" / "IOO" / "五" / "二十" / "一千五百" -> a number, or None."""
    text = text.replace(",", "").strip()
    if not text:
        return None
    if re.fullmatch(_ARABIC, text):
        try:
            return float(text.translate(OCR_DIGITS))
        except ValueError:
            return None
    import cn2an  # imported on first use: it is slow to load

    try:
        return float(cn2an.cn2an(text.replace("○", "零").replace("〇", "零"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


# OCR writes 100 as IOO or l00; only inside an amount are these letters digits.
OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0"})
_SCALE = {None: 1.0, "": 1.0, "千": 1_000.0, "万": 10_000.0, "亿": 100_000_000.0}


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money and every share in `text`, in order of position."""
    found: list[Amount] = []
    for match in MONEY.finditer(text):
        number = match.group("high") or match.group("low")
        value = read_number(number)
        if value is None or not _plausible_number(match.group("low"), match.group("scale")):
            continue
        found.append(Amount(match.start(), match.end(), match.group(0),
                            yuan=value * _SCALE[match.group("scale")]))
    for match in PERCENT.finditer(text):
        written = match.group(0)
        digits = re.match(r"\d+(?:\.\d+)?", written)
        value = float(digits.group(0)) if digits else read_number(written[3:])
        found.append(Amount(match.start(), match.end(), written, percent=value))
    return sorted(found, key=lambda amount: amount.start)


def _plausible_number(written: str, scale: str | None) -> bool:
    """One Chinese numeral character before a bare 元 ends another word ("统一元旦"); with a
    scale ("五万元") or written in full ("五十元") it is an amount."""
    return bool(scale) or len(written) > 1 or not re.fullmatch(f"[{_CN_DIGITS}]", written)


# A sum stated as a multiple of another: "违法所得1倍以上3倍以下的罚款", "年收入二倍的赔偿"
MULTIPLE = re.compile(rf"{_NUMBER}\s*倍")
_MONEY_BASE = re.compile(r"所得|金额|收入|货值|价款|价值|费用|税款|工资|报酬|营业额|数额|罚款|罚金|赔偿|资金")


def has_money(text: str, header: str = "") -> bool:
    """Whether a passage states an amount of money or a share (or a multiple of a sum), or a
    table row holds a bare number under a header that names the unit ("金额(万元) | 30")."""
    if find_amounts(text):
        return True
    if (MULTIPLE.search(text) or FRACTION.search(text)) and _MONEY_BASE.search(text):
        return True  # "…罚款" by a multiple, "年报酬总额的二分之一": a share of a sum
    return bool(header and header_unit(header) and any(
        _BARE_NUMBER.match(cell) for cell in text.split("|")))


def header_unit(header: str) -> str:
    """The unit a table header gives its numbers: "金额(万元)" -> "万元"; "" when none."""
    match = HEADER_UNIT.search(header)
    return match.group(1) if match else ""


def has_count(text: str) -> bool:
    return bool(COUNT.search(text))


def has_period(text: str) -> bool:
    """A span of time or a cycle; a calendar date ("2002年9月27日") or a year ("到2025年") is
    none."""
    return bool(PERIOD.search(_without_dates(text)))


def _without_dates(text: str) -> str:
    return _PROGRAMME_SPAN.sub(" ", YEAR.sub(" ", DATE.sub(" ", text)))


# "滚动实施五年行动计划": the span a programme is named by states no period of anything
_PROGRAMME_SPAN = re.compile(rf"{_NUMBER}\s*年(?=(?:专项)?(?:行动|计划|规划|攻坚))")


def time_asked(question: str) -> frozenset[str]:
    """The units of time that answer a question counting in one ("多少天内" -> 日, 天, 工作日);
    empty where it names none ("多久", "多长时间")."""
    match = _TIME_ASKED.search(question)
    return frozenset(_TIME_UNITS[match.group(1)]) if match else frozenset()


def period_units(text: str) -> frozenset[str]:
    """The units of time a text's spans are counted in ("十五日内" -> 日)."""
    return frozenset(m.group("unit") for m in PERIOD.finditer(_without_dates(text))
                     if m.group("unit"))


# A measured quantity: "三十公斤", "半径5000米", "零点二五立方米", "1.5亿元", "晚上10时", "十五周岁":
# a number and what it measures ("第十九条", "(一)" and a date measure nothing)
_PHYSICAL = (r"(?:平方|立方)?(?:公里|千米|厘米|毫米|米)|公斤|千克|克|吨|斤|毫升|升|亩|公顷|分贝|千瓦"
             r"|周岁|岁|倍")
_MEASURES = (rf"{_PHYSICAL}|平方|[成折档级层时](?![间期代候])|分钟|秒|元|万|亿|余|多|以上|以下|以内|"
             rf"{_COUNT_WORDS}|个|工作日|日|天|月|年|周|小时|期|回|遍|类|条(?!例)|张|艘|架|间|本|份|页"
             r"|头|只|匹|羽|尾")
# "一个", "一项", "一次": one of a kind, as prose says it, measures nothing
_ONE_OF = re.compile(r"一\s*(?:个|项|种|条|次|件|家|批|类|位|名|户|所|处|回|遍|份|张|本|只|头)")
# A share written as a fraction: "三分之二以上", "2/3"
FRACTION = re.compile(rf"{_CN}分之{_CN}|(?<![\d/])\d+/\d+(?![\d/])")
QUANTITY = re.compile(rf"(?<![第\d.{_CN_DIGITS}]){_NUMBER}\s*(?:{_MEASURES})")


def has_quantity(text: str) -> bool:
    """Whether a passage states a measured quantity or a share."""
    return bool(PERCENT.search(text) or FRACTION.search(text) or any(
        not _ONE_OF.fullmatch(match.group()) for match in QUANTITY.finditer(_without_dates(text))))


def measure_asked(question: str) -> str:
    """The measure a question asks a quantity in ("最大不能超过多少岁" -> 岁); "" where it
    names none ("重量线是多少")."""
    match = _MEASURE_ASKED.search(question)
    return match.group(1) if match else ""


def states_measure(text: str, measure: str) -> bool:
    """Whether a text states a quantity in a measure ("理事为5人至25人" is none in 岁)."""
    written = "周?岁" if measure in ("岁", "周岁") else re.escape(measure)  # "十八周岁" is an age
    return bool(re.search(rf"{_NUMBER}\s*(?:余|多)?\s*{written}", _without_dates(text)))


_MEASURE_ASKED = re.compile(rf"(?:多少|几)\s*({_PHYSICAL}|成|折|档|级|层|分钟|秒|亿|万|元)")


# A day or month of every year: "每年4月", "每年的九月一日" ("爱国卫生月定在哪个月")
YEARLY_DATE = re.compile(r"每年的?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
                         r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?")


# A day of the year written without its year: "9月20日", "十月一日", and the lunar calendar's
# "腊月二十三", "二月初二" ("非物质文化遗产月定在每年什么时候")
DAY_OF_YEAR = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[一二三四五六七八九十]{1,2}月(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
    r"|[一二三四五六七八九十]{1,2}月初[一二三四五六七八九十]"
    r"|[正腊冬]月(?:初[一二三四五六七八九十]|[一二三]?十?[一二三四五六七八九十])")


def has_date(text: str) -> bool:
    return bool(DATE.search(text) or YEARLY_DATE.search(text) or DAY_OF_YEAR.search(text))
