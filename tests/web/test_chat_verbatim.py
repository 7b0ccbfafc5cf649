"""A quote with $$…$$ is shown on the chat page as written, not typeset (issue 11, Low)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app.answer import Answer
from app.conversation import Reply
from tests.reliability.conftest import serving
from tests.web.browsing import wait_for

pytestmark = pytest.mark.slow

QUOTED = "奖励标准为 $$a^2$$ 万元, 另按 $b_1$ 计"


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    """The chat page alone, over a backend that answers with the quote."""
    from fastapi import FastAPI

    from app.chat_page import ChatBackend, mount_chat_page

    def ask(question: str, region: str | None, conversation_id: str | None) -> Reply:
        return Reply("conversation-1", question, Answer(question, QUOTED, False, "reward"))

    app = FastAPI()
    app.get("/healthz")(lambda: {"status": "ok"})
    mount_chat_page(app, ChatBackend(ask, lambda doc_id: None,  # type: ignore[arg-type]
                                     lambda honours, region: {}, list))
    with serving(app) as url:
        yield url


def test_dollar_signs_in_an_answer_stay_text(browser: Any, page_url: str) -> None:
    browser.get(f"{page_url}/chat/")
    box = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#pkb-question textarea"))[0]
    box.send_keys("奖励多少？")
    box.send_keys(Keys.ENTER)
    chat = browser.find_element(By.ID, "pkb-chatbot")
    wait_for(browser, lambda d: "万元" in chat.text, 60, message="no answer on the page")
    assert "$$a^2$$" in chat.text and "$b_1$" in chat.text
    assert not chat.find_elements(By.CSS_SELECTOR, ".katex, math")
