"""The HTTP API on a real uvicorn server over loopback, with the bundled corpus."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.web.conftest import LiveSite

pytestmark = pytest.mark.slow

CONTRACT = {"question", "answer", "refused", "intent", "citations"}
CITATION = {"n", "doc_id", "title", "issuer", "date", "region", "quote"}


def _ask(client: httpx.Client, question: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/ask", json={"question": question, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def _assert_verbatim(client: httpx.Client, citations: list[dict[str, Any]]) -> None:
    """Every quote is the document's text at [start, end)."""
    assert citations
    for citation in citations:
        assert CITATION <= citation.keys()
        text = client.get(f"/api/documents/{citation['doc_id']}").json()["text"]
        assert citation["quote"] in text
        assert text[citation["start"]:citation["end"]] == citation["quote"]


def test_ask_returns_the_contract_with_verbatim_quotes(client: httpx.Client) -> None:
    body = _ask(client, "好品山东宣传推广由哪个部门牵头？")
    assert CONTRACT <= body.keys() and body["conversation_id"]
    assert body["refused"] is False and body["intent"] == "responsibility"
    assert "省商务厅牵头" in body["answer"]
    _assert_verbatim(client, body["citations"])


def test_reward_question_is_answered_exactly(client: httpx.Client) -> None:
    body = _ask(client, "获得中国质量奖提名奖奖励多少？")
    assert "100万元" in body["answer"] and body["intent"] == "reward"
    _assert_verbatim(client, body["citations"])


def test_stream_sends_answer_then_citations_then_done(client: httpx.Client) -> None:
    events: list[tuple[str, dict[str, Any]]] = []
    with client.stream("POST", "/api/ask/stream",
                       json={"question": "好品山东宣传推广由哪个部门牵头？"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((name, json.loads(line.removeprefix("data: "))))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-2:] == ["citations", "done"]
    assert names.index("answer") < names.index("citations")
    streamed = "".join(data["delta"] for name, data in events if name == "answer")
    done = events[-1][1]
    assert streamed == done["answer"] and "省商务厅牵头" in streamed
    assert events[-2][1]["citations"] == done["citations"] and done["citations"]
    _assert_verbatim(client, done["citations"])


def test_stream_of_an_empty_question_is_a_4xx_json(client: httpx.Client) -> None:
    response = client.post("/api/ask/stream", json={"question": ""})
    assert response.status_code == 400 and "问题为空" in response.json()["detail"]


def test_search_returns_chunks_with_their_offsets(client: httpx.Client) -> None:
    response = client.get("/api/search", params={"q": "宣传推广", "k": 3, "region": "山东"})
    hits = response.json()["hits"]
    assert 0 < len(hits) <= 3
    for hit in hits:
        assert hit["region"].startswith("山东") and hit["title"] and hit["section_path"]
        text = client.get(f"/api/documents/{hit['doc_id']}").json()["text"]
        assert text[hit["start"]:hit["end"]] == hit["text"]
    assert any("宣传推广" in hit["text"] for hit in hits)


def test_search_of_an_unknown_region_finds_nothing(client: httpx.Client) -> None:
    assert client.get("/api/search", params={"q": "奖励", "region": "广东"}).json()["hits"] == []


def test_documents_lists_the_bundled_corpus(client: httpx.Client) -> None:
    documents = client.get("/api/documents").json()["documents"]
    assert len(documents) == 4
    assert {"doc_id", "title", "issuer", "date", "region"} <= documents[0].keys()
    one = client.get(f"/api/documents/{documents[0]['doc_id']}").json()
    assert one["title"] == documents[0]["title"] and len(one["text"]) > 500


@pytest.mark.parametrize("path", [
    "/api/documents/no_such_document",
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/api/documents/../../etc/passwd",
    "/api/documents/..",
    "/api/documents/a..b",
    "/api/documents/%2E%2E",
])
def test_unknown_and_traversing_document_ids_are_refused(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert isinstance(response.json()["detail"], str)
    assert "root:" not in response.text


def test_rewards_are_checked_with_totals(client: httpx.Client) -> None:
    response = client.post("/api/rewards",
                           json={"honours": ["中国质量奖提名奖", "中国驰名商标", "月球质量奖"]})
    body = response.json()
    assert response.status_code == 200 and body["refused"] is False
    assert body["unmatched"] == ["月球质量奖"]
    assert body["totals"] and body["totals"][0]["total_wan"] == 150
    _assert_verbatim(client, body["citations"])


def test_rewards_without_honours_is_a_4xx(client: httpx.Client) -> None:
    response = client.post("/api/rewards", json={"honours": [" "]})
    assert response.status_code == 400 and "荣誉" in response.json()["detail"]


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"question": ""}, 400, "问题为空"),
    ({"question": "   "}, 400, "问题为空"),
    ({"question": "奖" * 501}, 422, "at most 500"),
    ({}, 422, "question"),
    ({"question": 5}, 422, "question"),
])
def test_bad_questions_get_a_clear_json_error(client: httpx.Client, body: dict[str, Any],
                                             status: int, message: str) -> None:
    response = client.post("/api/ask", json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert message in response.json()["detail"]


def test_cors_allows_the_configured_origin_only(client: httpx.Client, live_site: LiveSite) -> None:
    allowed = live_site.allowed_page.rsplit("/", 1)[0]
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    ok = client.options("/api/ask", headers={"Origin": allowed, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == allowed
    other = client.options("/api/ask", headers={"Origin": "http://evil.example", **preflight})
    assert "access-control-allow-origin" not in other.headers
    simple = client.get("/api/documents", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
    assert client.get("/api/documents", headers={"Origin": allowed}).headers[
        "access-control-allow-origin"] == allowed


def test_a_follow_up_is_answered_in_the_context_of_the_conversation(client: httpx.Client) -> None:
    first = _ask(client, "获得中国质量奖奖励多少？")
    assert "200万元" in first["answer"]
    follow = _ask(client, "那提名奖呢？", conversation_id=first["conversation_id"])
    assert follow["conversation_id"] == first["conversation_id"]
    assert follow["question"] == "那提名奖呢？" and follow["understood"] == "获得中国质量奖提名奖奖励多少？"
    assert "100万元" in follow["answer"] and "200万元" not in follow["answer"]
    lead = _ask(client, "好品山东宣传推广由哪个部门牵头？")
    partners = _ask(client, "配合单位有哪些？", conversation_id=lead["conversation_id"])
    assert "宣传推广" in partners["understood"] and "青岛海关" in partners["answer"]
    alone = _ask(client, "配合单位有哪些？")
    assert alone["understood"] == "配合单位有哪些？"


def test_pages_carry_security_headers(client: httpx.Client) -> None:
    for path in ("/demo", "/widget.js", "/source", "/api/documents"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/widget.js").headers["content-type"].startswith("text/javascript")


def test_widget_is_small_and_never_writes_markup(client: httpx.Client) -> None:
    script = client.get("/widget.js").text
    assert len(script.encode("utf-8")) < 15_000
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_openapi_page_and_health(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "documents": 4}
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/search", "/api/documents",
            "/api/documents/{doc_id}", "/api/rewards"} <= paths.keys()
