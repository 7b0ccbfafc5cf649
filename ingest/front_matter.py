"""What an official document or law says about itself above and below its text: its title,
issuer, 文号 and date, read from the lines where Chinese official layouts put them.

    鹰潭市人民政府                                  issuer line (several for a joint notice)
    关于印发《鹰潭市市长质量奖管理办法》的通知        title, maybe over two or three lines
    鹰府发〔2012〕19号                              文号
    …
    鹰潭市人民政府                                  signature: issuer above the date
    二〇一二年五月二十三日

    上海口岸服务条例                                a law: its title, then adoption lines
    2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过
"""

from __future__ import annotations

import re

from ingest.numbers import read_number
from ingest.places import gazetteer, is_national, place_data

_TOP_LINES = 12
# Kinds of official document and law, longest first so 分工方案 wins over 方案.
KINDS = (
    "分工方案", "实施方案", "实施意见", "指导意见", "实施细则", "管理办法", "若干措施", "政策解读",
    "意见", "通知", "方案", "办法", "措施", "决定", "规定", "细则", "条例", "规划", "纲要", "通告",
    "公告", "批复", "计划", "解读", "制度", "规则", "守则", "章程", "准则", "决议", "通报", "法",
)  # fmt: skip
_KIND = "|".join(KINDS)
# "(试行)", "(修订版)", "(2021年修订)": a note after the kind belongs to the title
_NOTE = r"[(（](?![^()（）]*号)[^()（）]{1,12}[)）]"
_TITLE_LINE = re.compile(rf"^.{{2,100}}?(?:{_KIND})(?:{_NOTE})?》?$")
_NOTE_LINE = re.compile(rf"^{_NOTE}$")
# "第五章 …", "一、…", "(一)…", "1.…": a section of the text, not its title
_SECTION = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条编]|[一二三四五六七八九十]+、"
    r"|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．])"
)
# Offices: "威海市人民政府", "省市场监管局", "山东省质量强省及品牌战略推进工作领导小组办公室".
_ORG_SUFFIX = r"(?:人民政府|办公厅|办公室|领导小组|委员会|政府|局|厅|委|部|署)"
_ORG = rf"[\u4e00-\u9fff]{{2,40}}{_ORG_SUFFIX}"
_ORG_SHORTEST = rf"[\u4e00-\u9fff]{{2,40}}?{_ORG_SUFFIX}"
_ORG_LINE = re.compile(rf"^{_ORG}(?:[、,，\s]+{_ORG})*$")
_ORG_AT_START = re.compile(rf"^{_ORG}(?:[、,，\s]+{_ORG})*(?=[、,，\s\d(（]|$)")
_TITLE_ISSUER = re.compile(rf"^({_ORG_SHORTEST})(?:关于|转发|印发)")
# A title run into the text of a page that lost its line breaks: "…转发…办法的通知津政办发…"
_RUN_IN_TITLE = re.compile(
    rf"^(?:{_ORG_SHORTEST})?(?:关于|转发|印发)[^。,，]{{2,100}}?的(?:通知|意见|决定|批复|通报|通告|公告|函)"
)
# "(此件公开发布)", "(北政发〔2010〕39号)": an aside on a line of its own heads nothing
_ASIDE = re.compile(r"^[(（][^()（）]*[)）]$")
_BULLET = re.compile(r"^[\s•·●▪◆■*\-]+")
# Dates: "2021年6月29日", "2024-06-28 10:10:47", "2021.10.20", "二〇二一年六月二十九日",
# and with characters lost: "20211130", "二一一年一月十日" (二〇一一年).
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{3,4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_COMPACT_DATE = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
_DATE_LINE = re.compile(r"^[\d〇○零一二三四五六七八九十年月日\-/.: ]{8,}$")
# "上海口岸服务条例(2020-05-14)": a collection naming a law's version by its date; the id made
# from the name keeps it as "上海口岸服务条例_2020-05-14"
_NAME_DATE = re.compile(r"(?:^|[_(（\s])((?:19|20)\d{2})-(\d{2})-(\d{2})[_)）]?$")
# a document number (文号): "鲁政发〔2021〕12号", "威政字[2024]5号", "国办发(2019)3号"; read by
# ingest and by the answering side (a title line's number, a question naming its document)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(]\d{4}\s*[〕\])]\s*第?\d{1,4}\s*号")
# Adoption and revision lines of a law: "2011年11月17日 上海市第十三届人民代表大会常务委员会第三十
# 次会议通过", "1996年10月3日 中华人民共和国交通部令第8号发布", "2014年1月1日 施行"
_ADOPTION = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日.*(?:通过|公布|发布|修正|修订|批准|施行)")
_DECREE = re.compile(r"(?P<issuers>[\u4e00-\u9fff、]{2,60}?)令第?[\d一二三四五六七八九十百零〇]*号")
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+[届次]")
_MEETING = re.compile(r"^(?:经)?(?P<issuer>[\u4e00-\u9fff]{2,40}?)(?:常务|部务|局务|委务|署务|主任)?会议")
# "1964年6月8日 国务院公布", "中共中央、国务院发布", "1988年5月10日 国务院批准"
_ISSUED = re.compile(r"^(?:经)?(?P<issuer>[\u4e00-\u9fff、]{2,40}?)(?:审议)?(?:公布|发布|批准)")


_HEADING_MARKS = re.compile(r"^#{1,6}\s+")


def infer_title(lines: list[str]) -> str:
    """A law's first line, a heading naming a kind of document (over up to three lines, with
    the issuer line above a 关于 line), a title run into the text, else a short first line."""
    # "# 某市物业服务条例": a Markdown heading in a text file is a heading, its marks are not
    lines = [_HEADING_MARKS.sub("", line) for line in lines]
    if len(lines) > 1 and _ADOPTION.match(lines[1]) and _is_heading(lines[0]):
        return lines[0]
    for index in range(min(len(lines), _TOP_LINES)):
        title = _title_at(lines, index)
        if title:
            return title
    run_in = _RUN_IN_TITLE.match(lines[0]) if lines else None
    if run_in and len(run_in.group()) < len(lines[0]):
        return run_in.group()
    return _first_line_title(lines)


def _title_at(lines: list[str], index: int) -> str:
    line = strip_doc_number(_BULLET.sub("", lines[index]))
    if not _is_heading(line) or _ORG_LINE.match(line) or _DATE_LINE.match(line):
        return ""
    fused = split_fused(line)
    if fused:
        return fused[1]
    title, used = (line, 1) if _TITLE_LINE.match(line) else _joined(lines, index)
    if not title or title.count("《") != title.count("》"):
        return ""  # "品质量法》《中共中央国务院关于…意见》": a sentence's tail, cut by a PDF line
    after = index + used
    if after < len(lines) and _NOTE_LINE.match(lines[after]):  # "黔西南州品牌奖励管理办法\n(修订版)"
        title += lines[after]
    if title.startswith("关于") and index and _ORG_LINE.match(lines[index - 1]):
        title = lines[index - 1] + title  # "鹰潭市人民政府\n关于印发…的通知"
    return title


def _joined(lines: list[str], index: int) -> tuple[str, int]:
    """A title split over two or three lines: "关于印发黔江区获得国、市名牌(知名)产品\n企业奖励
    办法(试行)的通知"; every part a short line without a sentence in it."""
    parts = [lines[index]]
    for line in lines[index + 1 : index + 3]:
        if not _is_heading(line) or _ORG_LINE.match(line) or line.startswith("关于"):
            break  # "测试页\n关于…的通知": a title starts at its 关于
        parts.append(line)
        joined = "".join(parts)
        if "," in joined:  # a sentence broken by a PDF's lines
            break
        if len(joined) <= 100 and _TITLE_LINE.match(joined):
            return joined, len(parts)
    return "", 0


def _is_heading(line: str) -> bool:
    """A line that could head a document: no sentence end, no colon at its end, no section
    number, no 文号 alone."""
    return bool(line) and "。" not in line and not line.endswith((":", "：")) \
        and not _SECTION.match(line) and not DOC_NUMBER.fullmatch(line) \
        and not _ASIDE.match(line)


def _first_line_title(lines: list[str]) -> str:
    """A first line that reads as a headline ("福清市大力支持企业实施知识产权、标准和品牌战略"):
    short, unpunctuated, above a longer paragraph."""
    if len(lines) < 2:
        return ""
    first = lines[0]
    if (8 <= len(first) <= 40 and _is_heading(first) and not re.search(r"[,;:!?，；：！？]", first)
            and not _ORG_LINE.match(first) and not _DATE_LINE.match(first)
            and len(lines[1]) > len(first)):
        return first
    return ""


def split_fused(line: str) -> tuple[str, str] | None:
    """(issuer, title) of a line that runs them together: "夏县电子商务…领导小组办公室夏县区域公用
    品牌管理及使用制度(试行)"; the title starts with a place and names a kind."""
    for match in re.finditer(_ORG_SUFFIX, line):
        issuer, title = line[: match.end()], line[match.end() :]
        if (len(issuer) >= 4 and _TITLE_LINE.match(title) and not title.startswith("关于")
                and _starts_with_place(title) and _ORG_LINE.match(issuer)):
            return issuer, title
    return None


def _starts_with_place(text: str) -> bool:
    mentions = gazetteer().mentions(text[:12])
    return bool(mentions) and mentions[0].start == 0


def strip_doc_number(title: str) -> str:
    """A title without the 文号 a site wrote before it: "豫政办〔2013〕36号 河南省…的通知"."""
    match = DOC_NUMBER.match(title)
    rest = title[match.end() :].strip() if match else title
    return re.sub(r"^\[[^\]]{1,6}\]", "", rest).strip()  # "[重庆]重庆市黔江区…": a site's tag


def offices_at_start(text: str) -> str:
    """The offices a value starts with, joint ones joined by 、: "上海市农业委员会、上海市财政局"."""
    match = _ORG_AT_START.match(text.strip())
    return "、".join(re.split(r"[、,，\s]+", match.group())) if match else ""


def infer_issuer(lines: list[str], title: str = "") -> str:
    """From a law's adoption lines, the office lines at the top or above the date (all of a
    joint notice's), an issuer fused with the title, or the title's own 关于 prefix."""
    adopted_by = law_issuer(lines)
    if adopted_by:
        return adopted_by
    for index, line in enumerate(lines):
        above_date = index + 1 < len(lines) and bool(_DATE_LINE.match(lines[index + 1]))
        if (index < 6 or above_date) and len(line) <= 80 and _ORG_LINE.match(line):
            offices = [line]
            for following in lines[index + 1 : index + 4]:
                if not _ORG_LINE.match(following):
                    break
                offices.append(following)  # "上海市浦东新区商务委员会\n上海市浦东新区财政局"
            return offices_at_start("、".join(offices))
    for line in lines[:_TOP_LINES]:
        fused = split_fused(_BULLET.sub("", line))
        if fused:
            return fused[0]
    match = _TITLE_ISSUER.match(title)
    return match.group(1) if match else ""


def law_issuer(lines: list[str]) -> str:
    """Who made a law, from its adoption lines: the office of a decree ("国务院令第663号公布"
    -> 国务院), else the body whose session adopted it (-> 上海市人民代表大会常务委员会), else
    the office that published or approved it ("国务院批准")."""
    adoption = [_SESSION.sub("", _without_date(line)) for line in lines[1:_TOP_LINES]
                if _ADOPTION.match(line)]
    for line in adoption:
        decree = _DECREE.search(line)
        if decree:
            return _without_state_prefix(decree.group("issuers"))
    for pattern, word in ((_MEETING, "通过"), (_ISSUED, "公布"), (_ISSUED, "发布"), (_ISSUED, "批准")):
        for line in adoption:
            found = pattern.match(line) if word in line else None
            if found:
                return _without_state_prefix(found.group("issuer"))
    return ""


def _without_state_prefix(issuers: str) -> str:
    """"中华人民共和国国务院、中华人民共和国中央军事委员会" -> "国务院、中央军事委员会"."""
    return "、".join(name.removeprefix("中华人民共和国") for name in issuers.split("、") if name)


def _without_date(line: str) -> str:
    return re.sub(r"^\d{4}年\d{1,2}月\d{1,2}日\s*", "", line)


def infer_date(lines: list[str]) -> str:
    """ISO date of a law's latest adoption or revision, else of a line that is only a date (the
    signature), else the first date written in Chinese numerals near the top."""
    revisions = [parse_date(line) for line in lines[1:_TOP_LINES]
                 if _ADOPTION.match(line) and not re.search(r"日\s*施行", line)]
    if any(revisions):
        return max(revision for revision in revisions if revision)
    for line in lines:
        if _DATE_LINE.match(line):
            found = parse_date(line)
            if found:
                return found
    match = _CN_DATE.search("\n".join(lines)[:3000])
    return parse_date(match.group()) if match else ""


def date_in_name(doc_id: str) -> str:
    """The date a collection's file name gives a version: "上海口岸服务条例_2020-05-14"."""
    match = _NAME_DATE.search(doc_id)
    return _iso(*(int(part) for part in match.groups())) if match else ""


def parse_date(text: str) -> str:
    """First date in `text` as yyyy-mm-dd, or ""."""
    match = _DATE.search(text)
    if match:
        return _iso(*(int(part) for part in match.groups()))
    compact = _COMPACT_DATE.match(text.strip())
    if compact:
        return _iso(*(int(part) for part in compact.groups()))
    match = _CN_DATE.search(text)
    if not match:
        return ""
    year = match.group(1)
    if len(year) == 3:  # 二〇一一 lost its 〇: 二一一
        if year[0] != "二":
            return ""
        year = "二〇" + year[1:]
    numbers = [read_number(part) for part in (year, match.group(2), match.group(3))]
    if any(number is None for number in numbers):
        return ""
    return _iso(*(int(number or 0) for number in numbers))  # Chinese numerals read by cn2an


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


def infer_doc_number(lines: list[str]) -> str:
    """A 文号 standing on its own short line near the top (not one cited in the body)."""
    for line in lines[:_TOP_LINES]:
        match = DOC_NUMBER.search(line)
        # "渝文备〔2016〕294号" files a document with its province, it is not its 文号
        if match and len(line) <= len(match.group(0)) + 12 and "备" not in match.group(0):
            return match.group(0)
    return ""


def doc_number_in(value: str) -> str:
    """The 文号 in a value ("发文字号: 沪农委[2011]306号"), or the value where it is short."""
    match = DOC_NUMBER.search(value)
    if match:
        return match.group()
    return value if len(value) <= 30 and "号" in value else ""


def is_national_title(title: str) -> bool:
    """A title of the central state: "中华人民共和国商标法", "全国年节及纪念日放假办法", or one
    its issuer opens: "国务院、中央军委关于保护通信线路的规定"."""
    if any(re.search(pattern, title) for pattern in place_data()["national"]["titles"]):
        return True
    opened_by = re.match(r"^([\u4e00-\u9fff、]{2,40}?)关于", title)
    return opened_by is not None and is_national(opened_by.group(1))


def infer_kind(title: str) -> str:
    """The kind of document its title names: 政策解读, 分工方案, 意见 ..."""
    if "解读" in title:
        return "政策解读"
    bare = re.sub(rf"{_NOTE}$", "", title.rstrip("》"))
    return next((kind for kind in KINDS if bare.endswith(kind)), "")
