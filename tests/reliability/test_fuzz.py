"""Fuzzing the public endpoints of a real server (Hypothesis): no input gives a 500, and no
pattern of ours reads more than a field limit, whatever is sent (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import AdminSite, serving
from tests.reliability.test_bounds import LONGEST_FIELD, longest  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=30, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# the characters the patterns of ours look for: brackets, digits, counts, places, markers
PATTERN_TEXT = "(（)）[]【】1234567890 .,，、;；：:x×*项个件次家奖励元万山东省市县第条一二三"
texts = st.one_of(
    st.text(max_size=600),
    st.text(alphabet=PATTERN_TEXT, max_size=700),
    st.builds(lambda piece, times: piece * times,
              st.sampled_from(["(", "1", "奖", " ", "山东省(", "第一条", "\u3000", "%"]),
              st.integers(0, 70_000)),
)
values = st.one_of(texts, st.none(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                   st.booleans(),
                   st.lists(texts, max_size=3), st.dictionaries(texts, texts, max_size=2))


@pytest.fixture(scope="module")
def site(admin_site: AdminSite) -> Iterator[str]:
    """The bundled KB with the default body limit and no rate limit."""
    from app.api import create_api
    from app.settings import load_settings

    config = load_settings(admin_site.home).model_copy(update={"rate_limit_per_minute": 0})
    with serving(create_api(config, admin_site.answerer, chat_page=False)) as url:
        yield url


# refused by the HTTP layer before the app sees the request: a plain-text reason, no JSON
_PROTOCOL_REFUSALS = {400, 413, 414, 431}


def _checked(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.request.url, response.text[:300])
    if response.status_code >= 400:
        if response.status_code in _PROTOCOL_REFUSALS \
                and "json" not in response.headers.get("content-type", ""):
            return
        assert isinstance(response.json()["detail"], str)


def _bounded(read: dict[str, int]) -> None:
    assert {p: n for p, n in read.items() if n > LONGEST_FIELD} == {}


@FUZZ
@given(body=st.fixed_dictionaries({"question": values},
                                  optional={"region": values, "conversation_id": values}),
       stream=st.booleans())
def test_ask(site: str, longest: dict[str, int], body: dict[str, Any], stream: bool) -> None:  # noqa: F811
    _checked(httpx.post(f"{site}/api/ask{'/stream' if stream else ''}", json=body, timeout=60))
    _bounded(longest)


@FUZZ
@given(body=st.fixed_dictionaries({"honours": st.one_of(st.lists(texts, max_size=60), values)},
                                  optional={"region": values}))
def test_rewards(site: str, longest: dict[str, int], body: dict[str, Any]) -> None:  # noqa: F811
    _checked(httpx.post(f"{site}/api/rewards", json=body, timeout=60))
    _bounded(longest)


@FUZZ
# each part of the URL within what an HTTP client sends at all (the query, percent-encoded,
# under 64 KB); past the server's header limit uvicorn answers 431 itself
@given(q=texts.map(lambda text: text[:1500]),
       k=st.one_of(st.integers(-5, 100), texts.map(lambda text: text[:1500])),
       region=st.one_of(st.none(), texts.map(lambda text: text[:1500])),
       doc_id=texts.map(lambda text: text[:1500]))
def test_search_and_documents(site: str, longest: dict[str, int], q: str, k: Any,  # noqa: F811
                              region: str | None, doc_id: str) -> None:
    params = {"q": q, "k": str(k), **({"region": region} if region is not None else {})}
    _checked(httpx.get(f"{site}/api/search", params=params, timeout=60))
    if doc_id and doc_id not in (".", ".."):
        _checked(httpx.get(f"{site}/api/documents/{quote(doc_id, safe='')}", timeout=60))
    _bounded(longest)


@FUZZ
@given(raw=st.one_of(st.binary(max_size=2000), texts.map(lambda text: text.encode("utf-8",
                                                                                   "replace"))))
def test_raw_bodies(site: str, raw: bytes) -> None:
    for path in ("/api/ask", "/api/rewards"):
        _checked(httpx.post(f"{site}{path}", content=raw,
                            headers={"content-type": "application/json"}, timeout=60))
