"""The bounds on what a client may send: one definition per field, read by the request models,
the chat page and the library behind both.

Every string a regex of ours reads from a request is held to one of these lengths before it is
matched, so no request costs more than a fixed amount of matching, whatever its size.
"""

from __future__ import annotations

from app.errors import BadQuestion

MAX_QUESTION_CHARS = 500  # a question, as asked (the widget's input stops here too)
MAX_SEARCH_CHARS = 500  # /api/search?q=
# the longest place name of China is 25 characters (新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县),
# with room for a note: 湖北省(推断)
MAX_REGION_CHARS = 64
MAX_CONVERSATION_ID_CHARS = 64  # ours are 16; a client's longer id is not ours
MAX_HONOUR_CHARS = 100  # one honour, with its count: 主导制定行业标准 2 项
MAX_HONOURS = 50  # honours checked at once
# the reward form's free text: every honour on its own line
MAX_HONOURS_TEXT_CHARS = MAX_HONOURS * (MAX_HONOUR_CHARS + 1)
MAX_COUNT_DIGITS = 4  # 主导制定行业标准 9999 项 at most: a bigger count is no count
MAX_META_CHARS = 300  # each form field of an upload: title, issuer, date, region …


def check_length(text: str | None, limit: int, name: str, english: str) -> None:
    """Refuse `text` over `limit` characters with one line naming the field: 地区过长 …"""
    if text is not None and len(text) > limit:
        raise BadQuestion(f"{name}过长: {len(text)} 字, 最多 {limit} 字 "
                          f"(the {english} has {len(text)} characters; at most {limit})")


def check_honours(honours: list[str]) -> None:
    """At most `MAX_HONOURS` honours of at most `MAX_HONOUR_CHARS` each."""
    if len(honours) > MAX_HONOURS:
        raise BadQuestion(f"荣誉过多: {len(honours)} 项, 最多 {MAX_HONOURS} 项 "
                          f"(honours: {len(honours)}; at most {MAX_HONOURS})")
    for honour in honours:
        check_length(honour, MAX_HONOUR_CHARS, "荣誉", "honour")
