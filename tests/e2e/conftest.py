"""End-to-end browser tests: headless Debian Chromium driven by Playwright for Python.

They run by default. Without Chromium or Playwright they are skipped with a one-line reason, except in the full run
(``./bin/test --full``, ``ZGW_TEST_FULL=1``), where a missing browser is a failure. ``ZGW_SKIP_E2E=1`` skips them on
request.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests import testservices

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end browser test (headless Chromium); ZGW_SKIP_E2E=1 skips")


def chromium_path() -> str:
    return os.environ.get("ZGW_CHROMIUM", "") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser_page(monkeypatch):
    """A Playwright page in headless Chromium (``/usr/bin/chromium``; override with ``ZGW_CHROMIUM``)."""
    if os.environ.get("ZGW_SKIP_E2E") == "1":
        pytest.skip("ZGW_SKIP_E2E=1: end-to-end browser tests skipped on request")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        testservices.unavailable("needs Playwright: pip install playwright (the test extra)")

    # Playwright's sync API keeps an event loop on this thread; the test's own ORM calls are still synchronous
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = chromium_path()
    if not os.path.exists(executable):
        testservices.unavailable(f"needs Chromium at {executable} (apt-get install chromium, or set ZGW_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            yield page
        finally:
            browser.close()
