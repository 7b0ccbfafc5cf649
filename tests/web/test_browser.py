"""The widget, the demo page, the source page and the chat page in headless Chromium."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.web.browsing import in_widget, screenshot, wait_for
from tests.web.conftest import LiveSite

pytestmark = pytest.mark.slow

QUESTION = "好品山东宣传推广由哪个部门牵头？"
PAYLOAD = '<img src=x onerror="window.__pwned=1">'


def _ask_widget(driver: Any, question: str) -> Any:
    """Open the panel if needed, ask, and return the newest bot message once it arrives."""
    panel = in_widget(driver, ".pkb-panel")[0]
    if "pkb-open" not in panel.get_attribute("class"):
        in_widget(driver, ".pkb-launcher")[0].click()
    before = len(in_widget(driver, ".pkb-bot:not(.pkb-waiting)"))
    box = in_widget(driver, ".pkb-input")[0]
    box.send_keys(question)
    in_widget(driver, ".pkb-send")[0].click()
    wait_for(driver, lambda d: len(in_widget(d, ".pkb-bot:not(.pkb-waiting)")) > before,
             message=f"no answer to {question!r}")
    return in_widget(driver, ".pkb-bot:not(.pkb-waiting)")[-1]


def _not_pwned(driver: Any) -> bool:
    return bool(driver.execute_script("return typeof window.__pwned === 'undefined'"))


def test_widget_answers_with_citations_and_keeps_the_conversation(
    browser: Any, live_site: LiveSite
) -> None:
    browser.get(f"{live_site.url}/demo")
    wait_for(browser, lambda d: in_widget(d, ".pkb-launcher"))
    screenshot(browser, "demo_page")
    answer = _ask_widget(browser, QUESTION)
    assert "省商务厅牵头" in answer.text
    notes = answer.find_elements(By.CSS_SELECTOR, "details.pkb-note")
    assert notes and not notes[0].get_attribute("open")
    answer.find_elements(By.CSS_SELECTOR, ".pkb-ref")[0].click()  # the [1] in the text
    wait_for(browser, lambda d: notes[0].get_attribute("open") is not None)
    quote = notes[0].find_element(By.CSS_SELECTOR, ".pkb-quote")
    assert quote.is_displayed() and "省商务厅牵头" in quote.text
    assert "山东省" in notes[0].find_element(By.CSS_SELECTOR, ".pkb-about").text
    screenshot(browser, "widget_answer")

    browser.refresh()
    wait_for(browser, lambda d: len(in_widget(d, ".pkb-user")) == 1,
             message="the conversation was lost on reload")
    assert in_widget(browser, ".pkb-user")[0].text == QUESTION
    assert in_widget(browser, ".pkb-panel.pkb-open"), "the panel should reopen as it was left"
    follow = _ask_widget(browser, "配合单位有哪些？")  # the conversation id survived too
    assert "青岛海关" in follow.text
    screenshot(browser, "widget_after_reload")


def test_widget_shows_markup_in_a_question_as_text(browser: Any, live_site: LiveSite) -> None:
    browser.get(f"{live_site.url}/demo")
    _ask_widget(browser, PAYLOAD)
    assert in_widget(browser, ".pkb-user")[-1].text == PAYLOAD
    assert not in_widget(browser, "img") and _not_pwned(browser)
    browser.refresh()  # rendered again from localStorage: still text
    wait_for(browser, lambda d: in_widget(d, ".pkb-user"))
    assert in_widget(browser, ".pkb-user")[-1].text == PAYLOAD
    assert not in_widget(browser, "img") and _not_pwned(browser)


def test_widget_fills_a_phone_screen(browser: Any, live_site: LiveSite) -> None:
    browser.set_window_size(390, 844)
    browser.get(f"{live_site.url}/demo")
    wait_for(browser, lambda d: in_widget(d, ".pkb-launcher"))
    screenshot(browser, "demo_mobile")
    _ask_widget(browser, QUESTION)
    width, height = browser.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.clientHeight]")
    rect = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()",
                                  in_widget(browser, ".pkb-panel")[0])
    assert (rect["left"], rect["top"]) == (0, 0)
    assert rect["width"] == width and rect["height"] == height
    send = in_widget(browser, ".pkb-send")[0].rect
    assert send["x"] + send["width"] <= width and send["y"] + send["height"] <= height
    screenshot(browser, "widget_mobile")


def test_widget_works_from_an_allowed_origin_only(browser: Any, live_site: LiveSite) -> None:
    browser.get(live_site.allowed_page)
    answer = _ask_widget(browser, QUESTION)
    assert "省商务厅牵头" in answer.text and answer.find_elements(By.CSS_SELECTOR, ".pkb-note")
    screenshot(browser, "widget_other_origin")
    browser.get(live_site.foreign_page)
    refused = _ask_widget(browser, QUESTION)
    assert "pkb-error" in refused.get_attribute("class") and "出错了" in refused.text


def test_source_page_marks_the_cited_passage(browser: Any, live_site: LiveSite) -> None:
    citation = httpx.post(f"{live_site.url}/api/ask", json={"question": QUESTION}).json()[
        "citations"][0]
    browser.get(f"{live_site.url}/demo")
    answer = _ask_widget(browser, QUESTION)
    link = answer.find_elements(By.CSS_SELECTOR, "a.pkb-source-link")[0].get_attribute("href")
    browser.get(link)
    mark = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "mark#cited"))[0]
    assert mark.text == citation["quote"]
    assert browser.find_element(By.ID, "title").text == f"《{citation['title']}》"
    screenshot(browser, "source_page")


def _chat_ask(driver: Any, question: str) -> Any:
    chat = driver.find_element(By.ID, "pkb-chatbot")
    before = chat.text
    box = driver.find_element(By.CSS_SELECTOR, "#pkb-question textarea")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    wait_for(driver, lambda d: chat.text != before and "\n" in chat.text
             and question.replace('"', "") in chat.text.replace('"', ""),
             message=f"the chat page never showed {question!r}")
    return chat


def test_chat_page_answers_with_highlighted_sources(browser: Any, live_site: LiveSite) -> None:
    citation = httpx.post(f"{live_site.url}/api/ask", json={"question": QUESTION}).json()[
        "citations"][0]
    browser.get(f"{live_site.url}/chat/")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#pkb-question textarea"))
    screenshot(browser, "chat_page")
    chat = _chat_ask(browser, QUESTION)
    wait_for(browser, lambda d: "来源" in chat.text, message="no sources under the answer")
    assert "省商务厅牵头" in chat.text and "[1]" in chat.text
    mark = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR,
                                                       "#pkb-source-panel mark"))[0]
    assert mark.text == citation["quote"]
    screenshot(browser, "chat_answer")

    _chat_ask(browser, PAYLOAD)
    assert PAYLOAD in chat.text and _not_pwned(browser)
    assert not chat.find_elements(By.CSS_SELECTOR, "img[src='x']")

    browser.refresh()
    chat = wait_for(browser, lambda d: [c for c in d.find_elements(By.ID, "pkb-chatbot")
                                        if QUESTION in c.text],
                    message="the chat page lost the conversation on reload")[0]
    assert PAYLOAD in chat.text and _not_pwned(browser)


def test_chat_page_checks_rewards(browser: Any, live_site: LiveSite) -> None:
    browser.get(f"{live_site.url}/chat/")
    tab = wait_for(browser, lambda d: d.find_elements(
        By.XPATH, "//button[@role='tab' and contains(., '奖励核对')]"))[0]
    tab.click()
    honour = wait_for(browser, lambda d: d.find_elements(
        By.XPATH, "//*[@id='pkb-honours']//label[normalize-space(.)='中国质量奖提名奖']"))[0]
    honour.click()
    browser.find_element(By.CSS_SELECTOR, "#pkb-honours-text textarea").send_keys("中国驰名商标")
    browser.find_element(By.ID, "pkb-check").click()
    result = browser.find_element(By.ID, "pkb-reward-result")
    wait_for(browser, lambda d: "合计" in result.text, message="no reward totals")
    assert "150 万元" in result.text and "100万元" in result.text
    assert result.find_elements(By.CSS_SELECTOR, "blockquote")
    screenshot(browser, "chat_rewards")
