"""Input bounds: no field of a request reaches a pattern of ours longer than its limit, so no
request costs more than a fixed amount of matching, whatever its size (issue 11, High 1).

The work is measured, not timed: every compiled pattern of our modules is wrapped in a recorder
of the longest text it is given, and 64 KB adversarial inputs are sent to a real server.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app import limits, rewards
from app.rewards import parse_honour
from tests.reliability.conftest import AdminSite, serving

ADVERSARIAL = 64 * 1024
OUR_MODULES = ("app.", "kb.", "ingest.")
# the longest text a pattern may read from a request: the longest field limit (a question)
LONGEST_FIELD = max(limits.MAX_QUESTION_CHARS, limits.MAX_SEARCH_CHARS, limits.MAX_REGION_CHARS,
                    limits.MAX_HONOURS_TEXT_CHARS)


class Recorder:
    """A compiled pattern that notes the longest text each of its calls reads."""

    def __init__(self, pattern: re.Pattern[str], longest: dict[str, int]) -> None:
        self._pattern, self._longest = pattern, longest

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._pattern, name)
        if name not in ("search", "match", "fullmatch", "sub", "subn", "split", "findall",
                        "finditer"):
            return method

        def recorded(*args: Any, **kwargs: Any) -> Any:
            text = next((a for a in args if isinstance(a, str)), "")
            pos = args[1] if name in ("search", "match", "fullmatch") and len(args) > 1 else 0
            read = len(text) - (pos if isinstance(pos, int) else 0)
            key = self._pattern.pattern[:60]
            self._longest[key] = max(self._longest.get(key, 0), read)
            return method(*args, **kwargs)

        return recorded


@pytest.fixture
def longest(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Every module-level pattern of app/, kb/ and ingest/ recorded while the test runs."""
    seen: dict[str, int] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith(OUR_MODULES) or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                monkeypatch.setattr(module, attribute, Recorder(value, seen))
    return seen


def test_a_count_is_read_from_the_end_of_an_honour_only(longest: dict[str, int]) -> None:
    assert parse_honour("主导制定行业标准 2 项") == ("主导制定行业标准", 2)
    assert parse_honour("4A级景区×2") == ("4A级景区", 2)
    assert parse_honour("驰名商标2件") == ("驰名商标", 2)
    assert parse_honour("标准 12345 项") == ("标准 12345 项", 1)  # no count of five digits
    for honour in ("1" * ADVERSARIAL + "x", "1" * ADVERSARIAL, "奖" + " " * ADVERSARIAL + "3项"):
        parse_honour(honour)
    assert longest[rewards._COUNT.pattern[:60]] <= limits.MAX_COUNT_DIGITS + 20


@pytest.fixture(scope="module")
def roomy(admin_site: AdminSite) -> Iterator[str]:
    """The bundled KB behind a body limit of 1 MiB: only the field limits stand in the way."""
    from app.api import create_api
    from app.settings import load_settings

    settings = load_settings(admin_site.home).model_copy(update={
        "rate_limit_per_minute": 0, "max_request_bytes": 1024 * 1024})
    with serving(create_api(settings, admin_site.answerer, chat_page=False)) as url:
        yield url


def _adversarial() -> list[str]:
    """64 KB texts that make backtracking patterns slow: runs of one character, brackets,
    digits, and the places and honours the patterns look for, repeated."""
    return ["(" * ADVERSARIAL, "1" * ADVERSARIAL + "x", "奖励" * (ADVERSARIAL // 2),
            "山东省(" * (ADVERSARIAL // 4), " " * ADVERSARIAL + "a", "第一条" * (ADVERSARIAL // 3)]


@pytest.mark.slow
def test_no_pattern_reads_more_than_a_field_limit(roomy: str, longest: dict[str, int]) -> None:
    with httpx.Client(base_url=roomy, timeout=60) as http:
        for text in _adversarial():
            calls = [
                http.post("/api/ask", json={"question": text}),
                http.post("/api/ask", json={"question": "奖励多少", "region": text}),
                http.post("/api/ask", json={"question": "奖励多少", "conversation_id": text}),
                http.post("/api/ask/stream", json={"question": "奖励多少", "region": text}),
                http.post("/api/rewards", json={"honours": [text]}),
                http.post("/api/rewards", json={"honours": ["中国驰名商标"] * 1000}),
                http.post("/api/rewards", json={"honours": ["中国驰名商标"], "region": text}),
                http.get("/api/search", params={"q": text[:2000]}),
                http.get("/api/search", params={"q": "奖励", "region": text[:2000]}),
            ]
            for response in calls:
                assert response.status_code == 422, (response.request.url, response.text)
                assert "at most" in response.json()["detail"]
        # within the limits every endpoint still answers, and reads what it was sent
        assert http.post("/api/rewards", json={"honours": ["中国驰名商标 2 项"]}).status_code == 200
        assert http.post("/api/ask", json={"question": "奖" * 500, "region": "(" * 64}
                         ).status_code == 200
    assert longest, "no pattern was recorded"
    too_long = {pattern: length for pattern, length in longest.items() if length > LONGEST_FIELD}
    assert too_long == {}


@pytest.mark.slow
def test_a_reward_count_that_overflows_a_float_is_refused(roomy: str) -> None:
    with httpx.Client(base_url=roomy, timeout=60) as http:
        response = http.post("/api/rewards", json={"honours": ["中国驰名商标 " + "9" * 400]})
        assert response.status_code == 422 and "honours" in response.json()["detail"]
        many = http.post("/api/rewards", json={"honours": ["中国驰名商标 9999 项"]})
        assert many.status_code == 200


def test_the_library_holds_the_chat_page_to_the_same_limits(admin_site: AdminSite) -> None:
    """The chat page calls the library directly: it refuses what the request models refuse."""
    from app.api import Library
    from app.errors import AppError

    library = Library(admin_site.answerer)
    with pytest.raises(AppError, match="问题过长"):
        library.ask("奖" * (limits.MAX_QUESTION_CHARS + 1))
    with pytest.raises(AppError, match="地区过长"):
        library.ask("奖励多少", region="(" * ADVERSARIAL)
    with pytest.raises(AppError, match="荣誉过长"):
        library.check_rewards(["1" * 20_000 + "x"])
    with pytest.raises(AppError, match="荣誉过多"):
        library.check_rewards(["中国驰名商标"] * (limits.MAX_HONOURS + 1))
    with pytest.raises(AppError, match="查询过长"):
        library.search("奖" * ADVERSARIAL, 5, None)
