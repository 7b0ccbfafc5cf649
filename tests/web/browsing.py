"""Helpers for the browser tests: screenshots, waiting, and reaching into the widget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
T = TypeVar("T")


def screenshot(driver: Any, name: str) -> Path:
    """Save a screenshot as artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def wait_for(driver: Any, condition: Callable[[Any], T], seconds: float = 30,
             message: str = "") -> T:
    """The first truthy value of `condition(driver)` within `seconds`."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.2).until(condition, message)


def widget(driver: Any) -> Any:
    """The widget's shadow root (its elements are found with CSS selectors)."""
    from selenium.webdriver.common.by import By

    host = wait_for(driver, lambda d: d.find_elements(By.ID, "policykb-widget"),
                    message="the widget never appeared")[0]
    return host.shadow_root


def in_widget(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return widget(driver).find_elements(By.CSS_SELECTOR, selector)
