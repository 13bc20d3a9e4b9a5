"""End-to-end browser tests: headless Debian Chromium driven by Playwright for Python.

They run by default. Set ``ZGW_SKIP_E2E=1`` to skip them explicitly (for a machine without Chromium); without that
variable a missing browser or missing Playwright is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil

import pytest

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
    from playwright.sync_api import sync_playwright  # a missing package fails the test (no silent skip)

    # Playwright's sync API keeps an event loop on this thread; the test's own ORM calls are still synchronous
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = chromium_path()
    assert os.path.exists(executable), f"Chromium not found at {executable}; install it or set ZGW_SKIP_E2E=1"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            yield page
        finally:
            browser.close()
