"""Strip web and document-sharing-site noise from collected policy text, keeping the body."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Markup a Markdown law leaves in its text: "<!-- INFO END -->" closes its adoption lines.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

# Whole lines of site chrome: "当前位置:首页 |", "【关闭窗口】 |", "分享", "热点推荐".
_NAVIGATION = re.compile(
    r"^(当前位置[::].*|【?(关闭窗口|打印本页|打印|关闭)】?|分享(到)?[::]?|热点推荐"
    r"|展开阅读全文|相关资源|猜你喜欢|相关搜索|资源标签|上一篇.*|下一篇.*)$"
)
# Site footers: "Copyright © ...", "山东省商务厅 版权所有", "鲁ICP备09023866号-50",
# "宁公网安备 64010402000987号", "经营许可证:宁B2-20210002", "承建单位:...大众网".
_FOOTER = re.compile(
    r"Copyright|©|版权所有|ICP备|公网安备|经营许可证[::]|承建单位|备案号[::]|主办单位[::]"
)
# "山东省国际投资促进中心:+86-531-51763562    +86-18678817218", or a bare number list; not a
# signing date that lost its 年月日 ("20211130").
_PHONE_LINE = re.compile(
    r"^[^。]{0,30}\+86[-\s]?\d.*$"
    r"|^(?!\s*(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*$)(?=.*\d{7})[\d\s+()-]+$"
)
_EMAIL_LINE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
# Lines where a footer may begin: everything after one of them is chrome when short.
_FOOTER_START = re.compile(
    r"^(分享|热点推荐|展开阅读全文|相关资源|【?关闭窗口】?)$|Copyright|版权所有|ICP备"
)
_TAIL_LINE_MAX = 60

# Document-sharing sites (003): "上传人:李司机 文档编号:3954991 上传时间:2023-03-28 ...",
# "返回 下载 相关 举报", "…意见.docx_第1页", "第1页 / 共7页", "点击查看更多>>", "资源描述",
# "《…意见.docx》由会员分享,可在线阅读…".
_SHARING_SIGNS = re.compile(
    r"文档编号[::]|上传人[::]|_第\d+页$|^第\d+页\s*/\s*共\d+页$|由会员分享", re.MULTILINE
)
_SHARING_LINE = re.compile(
    r"^(.*(上传人|文档编号|上传时间)[::].*|返回\s*下载.*|.*_第\d+页|第\d+页\s*/\s*共\d+页"
    r"|点击查看更多.*|资源描述|.*由会员分享.*)$"
)
_FILE_NAME_LINE = re.compile(r"^(?P<title>.+)\.(docx?|pdf|wps|txt)$", re.IGNORECASE)
# A page of the shared copy starts "N、" with N = 1, 2, 3 ...; the cut falls mid-sentence:
# "…新增主导制\n\n3、修订国家…". "1 .开展制造业" (with a space) is a real list item.
_PAGE_START = re.compile(r"^(\d{1,3})、")

_PIPE_ONLY = re.compile(r"^[\s|]+$")
# A trailing run of empty cells on a line that is not a table row: "…措施》 | ||||||".
_PIPE_TAIL = re.compile(r"\s*\|[\s|]*$")
_HIT_COUNTER = re.compile(r"\s*点击数[::]\s*\d*")
_BLANK_RUNS = re.compile(r"\n{3,}")

# OCR slips, only where unambiguous: "给予200万元、IOO万元奖励" -> "100万元".
_OCR_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])([0-9IOl]*[IOl][0-9IOl]*)(?=(?:\.\d+)?(?:万元|亿元|元|%))"
)
_OCR_DIGITS = str.maketrans("IOl", "100")
# "(-)" read for "(一)" at a heading position: "二、主要措施(-)抓质量提升…".
_OCR_FIRST_HEADING = re.compile(
    r"(^|[。;:\s]|[一二三四五六七八九十]、[\u4e00-\u9fff]{1,12})\([-—–ー]\)(?=[\u4e00-\u9fff])",
    re.MULTILINE,
)


def clean_text(raw: str) -> str:
    """Normalised body text: noise lines gone, broken pages re-joined, blank runs collapsed."""
    text = _COMMENT.sub("", _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", raw)))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    shared = bool(_SHARING_SIGNS.search("\n".join(lines)))
    lines = cut_footer(lines)
    title = _shared_title(lines) if shared else ""
    lines = [tidy_line(line) for line in lines if not is_noise(line, shared)]
    if shared:
        lines = join_pages(lines, title)
    text = fix_ocr("\n".join(lines))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def is_noise(line: str, shared: bool = False) -> bool:
    """True for a line of site navigation, footer, or sharing-site chrome."""
    if not line.strip():
        return False  # blank lines separate paragraphs
    if _PIPE_ONLY.match(line):
        return True
    stripped = line.strip().rstrip("|").strip()
    if _NAVIGATION.match(stripped) or _EMAIL_LINE.match(stripped) or _PHONE_LINE.match(stripped):
        return True
    if _FOOTER.search(stripped) and len(stripped) <= _TAIL_LINE_MAX and "。" not in stripped:
        return True
    return shared and bool(_SHARING_LINE.match(stripped) or _FILE_NAME_LINE.match(stripped))


def tidy_line(line: str) -> str:
    """Drop a hit counter and a trailing run of empty cells, unless the line is a table row."""
    line = _HIT_COUNTER.sub("", line)
    if is_table_row(line):
        return line
    return _PIPE_TAIL.sub("", line)


def is_table_row(line: str) -> bool:
    """A pipe-separated row with at least three filled cells: `1 | 主要措施 | … | 省…牵头 |`."""
    return sum(1 for cell in line.split(" | ") if cell.strip(" |")) >= 3


def cut_footer(lines: list[str]) -> list[str]:
    """Drop the tail that starts at a footer line and holds only short, sentence-less lines."""
    cut = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        stripped = lines[index].strip().strip("|").strip()
        if "。" in stripped or len(stripped) > _TAIL_LINE_MAX:
            break
        if _FOOTER_START.search(stripped):
            cut = index
    return lines[:cut]


def join_pages(lines: list[str], title: str = "") -> list[str]:
    """Re-join a shared copy's pages "1、… 2、… 3、…" into one text, markers removed."""
    numbered = [
        (index, int(match.group(1)))
        for index, line in enumerate(lines)
        if (match := _PAGE_START.match(line))
    ]
    pages: list[int] = []
    for index, number in numbered:
        if number != len(pages) + 1:  # pages run 1, 2, 3 … without a gap
            break
        pages.append(index)
    if len(pages) < 2 or any(
        lines[i].strip() for i in range(pages[0] + 1, pages[-1]) if i not in pages
    ):
        return lines
    body = "".join(_PAGE_START.sub("", lines[index], count=1) for index in pages)
    if title and body.startswith(title) and len(body) > len(title):
        body = f"{title}\n{body[len(title) :]}"  # the title ran into the first sentence
    return lines[: pages[0]] + [body] + lines[pages[-1] + 1 :]


def fix_ocr(text: str) -> str:
    """Repair OCR slips whose reading is certain: letters in amounts, "(-)" as first heading."""
    text = _OCR_NUMBER.sub(_fix_number, text)
    if "(二)" in text:  # a "(-)" is only a first heading when a second one follows
        text = _OCR_FIRST_HEADING.sub(lambda match: f"{match.group(1)}(一)", text)
    return text


def _fix_number(match: re.Match[str]) -> str:
    token = match.group(1)
    return token.translate(_OCR_DIGITS) if len(token) >= 2 else token  # a lone "O元" is unsure


def _shared_title(lines: list[str]) -> str:
    """The document title a sharing site puts first, as a file name: "…意见.docx"."""
    for line in lines:
        if line.strip():
            match = _FILE_NAME_LINE.match(line.strip())
            return match.group("title") if match else ""
    return ""
