"""The chat page's gradio app on a real server: only the routes the page uses, no forwarded host
from anyone but the configured proxy, no exception text or question in replies and logs
(issue 11: High 2 and 3, Medium 9, Low)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.conftest import serving
from tests.web.conftest import LiveSite

pytestmark = pytest.mark.slow

SECRET = "机密问题-好品山东宣传推广谁牵头"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/chat/gradio_api/dev/reload"),
    ("POST", "/chat/gradio_api/upload"),
    ("GET", "/chat/gradio_api/upload_progress"),
    ("GET", "/chat/gradio_api/file=/etc/passwd"),
    ("GET", "/chat/gradio_api/file/etc/passwd"),
    ("GET", "/chat/gradio_api/proxy=http://127.0.0.1/"),
    ("GET", "/chat/gradio_api/info"),
    ("POST", "/chat/gradio_api/run/submit"),
    ("POST", "/chat/gradio_api/call/submit"),
    ("POST", "/chat/gradio_api/component_server"),
    ("GET", "/chat/gradio_api/startup-events"),
    ("GET", "/chat/monitoring"),
    ("POST", "/chat/login"),
])
def test_gradio_routes_the_page_does_not_use_are_refused(client: httpx.Client, method: str,
                                                         path: str) -> None:
    files = {"files": ("a.txt", b"x" * 60_000)} if path.endswith("upload") else None
    response = client.request(method, path, files=files, timeout=5)
    assert response.status_code == 404, (path, response.text[:200])
    assert "/tmp" not in response.text and "gradio" not in response.text


def test_the_routes_of_the_page_are_served(client: httpx.Client) -> None:
    page = client.get("/chat/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert client.get("/chat/theme.css").status_code == 200
    assert client.get("/chat/config").json()["dependencies"]


def test_a_forwarded_host_from_a_client_is_ignored(client: httpx.Client) -> None:
    for header in ("X-Forwarded-Host", "Forwarded"):
        value = "evil.example" if header != "Forwarded" else "host=evil.example;proto=https"
        page = client.get("/chat/", headers={header: value, "X-Forwarded-Proto": "https"})
        assert page.status_code == 200 and "evil.example" not in page.text


@pytest.fixture(scope="module")
def behind_proxy(bundled_home: Path) -> Iterator[str]:
    """The chat page with 127.0.0.1 named as the trusted proxy."""
    from app.api import create_api
    from app.settings import load_settings

    settings = load_settings(bundled_home).model_copy(update={"trusted_proxies": "127.0.0.1"})
    with serving(create_api(settings)) as url:
        yield url


def test_the_trusted_proxy_may_name_the_host(behind_proxy: str) -> None:
    page = httpx.get(f"{behind_proxy}/chat/", headers={"X-Forwarded-Host": "policy.example.gov"},
                     timeout=30)
    assert "policy.example.gov" in page.text


def _dependency(config: dict[str, Any], api_name: str) -> int:
    return next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == api_name)


def _call(client: httpx.Client, fn_index: int, data: list[Any], session: str) -> dict[str, Any]:
    """One event through gradio's queue, as the page sends it; the completion message."""
    joined = client.post("/chat/gradio_api/queue/join", json={
        "data": data, "fn_index": fn_index, "session_hash": session, "event_data": None,
        "trigger_id": None})
    assert joined.status_code == 200, joined.text
    with client.stream("GET", "/chat/gradio_api/queue/data",
                       params={"session_hash": session}) as events:
        for line in events.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return dict(message)
    raise AssertionError("no process_completed message")


def test_a_forged_history_leaves_no_question_in_the_reply_or_the_log(
        client: httpx.Client, capfd: pytest.CaptureFixture[str]) -> None:
    config = client.get("/chat/config").json()
    forged = [{"role": "user", "content": SECRET}, "<object object at 0x7f00>"]
    done = _call(client, _dependency(config, "submit"), ["配合单位有哪些？", "全部", forged, None],
                 "forged-history")
    restore = _call(client, _dependency(config, "restore"), [{"messages": forged}],
                    "forged-storage")
    out, err = capfd.readouterr()
    assert done["success"] and SECRET not in json.dumps(done, ensure_ascii=False)
    assert restore["success"]  # the well-formed message comes back to its own page, the rest not
    for message in (done, restore):
        assert "0x7f00" not in json.dumps(message) and "input_value" not in json.dumps(message)
    assert SECRET not in out + err and "input_value" not in out + err


def test_a_typed_region_is_not_echoed_to_the_log(client: httpx.Client,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    config = client.get("/chat/config").json()
    done = _call(client, _dependency(config, "submit"), ["奖励多少", SECRET, [], None],
                 "typed-region")
    out, err = capfd.readouterr()
    assert SECRET not in out + err
    assert done["success"] and SECRET not in json.dumps(done, ensure_ascii=False)


def test_the_chat_page_is_not_offered_more_than_its_limits(live_site: LiveSite) -> None:
    config = httpx.get(f"{live_site.url}/chat/config", timeout=30).json()
    lengths = {c["props"].get("elem_id"): c["props"].get("max_length")
               for c in config["components"] if c.get("type") == "textbox"}
    assert lengths["pkb-question"] == 500 and lengths["pkb-honours-text"]
