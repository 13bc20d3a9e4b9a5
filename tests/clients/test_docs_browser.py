"""Swagger UI and Redoc of all six APIs in headless Chromium, offline, against the live server.

Every request the page makes is watched: one to a host other than the loopback server is answered with an abort and
fails the test (the pages must render from what the server itself serves). Console errors and page errors fail it
too. Then Swagger's "Try it out" on a list operation, with the token entered through "Authorize", must show 200.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path

from .conftest import APIS, LiveZGW

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("ZGW_SKIP_E2E") == "1":
        pytest.skip("ZGW_SKIP_E2E=1: end-to-end browser tests skipped on request")
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert os.path.exists(executable), f"Chromium not found at {executable}; install it or set ZGW_SKIP_E2E=1"
    # Playwright's sync API keeps an event loop on this thread; the tests' own ORM calls stay synchronous
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class WatchedPage:
    """A fresh page whose console errors, page errors and non-loopback requests are collected."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} {r.failure}"))
        self.context.route("**/*", self._route)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.problems.append(f"non-loopback request: {route.request.url}")
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser):
    page = WatchedPage(browser)
    yield page
    page.close()


@pytest.mark.parametrize("api", APIS)
def test_swagger_ui_renders_offline(zgw_live: LiveZGW, watched, api):
    page = watched.page
    page.goto(f"{zgw_live.root(api)}schema/")
    page.wait_for_selector(".swagger-ui .info .title")
    page.wait_for_selector(".opblock")
    page.wait_for_load_state("networkidle")
    assert page.locator(".opblock").count() > 3
    assert page.locator(".swagger-ui .errors-wrapper").count() == 0, page.inner_text(".swagger-ui .errors-wrapper")
    assert watched.problems == [], "\n".join(watched.problems)


_REDOC_SEEN: dict[str, list[str] | BaseException] = {}


def redoc_problems(live: LiveZGW, watched: WatchedPage, api: str) -> list[str]:
    """Open an API's Redoc page once per session (both Redoc tests read the same visit) and return its problems."""
    if api not in _REDOC_SEEN:
        try:
            open_redoc(live, watched, api)
            _REDOC_SEEN[api] = list(watched.problems)
        except BaseException as exc:  # the second test fails the same way without waiting again
            _REDOC_SEEN[api] = exc
    seen = _REDOC_SEEN[api]
    if isinstance(seen, BaseException):
        raise seen
    return seen


def open_redoc(live: LiveZGW, watched: WatchedPage, api: str) -> None:
    page = watched.page
    page.goto(f"{live.root(api)}schema/redoc/")
    page.wait_for_selector(".api-content h1", timeout=45_000)  # Catalogi's document is large; CI shares 2 cores
    page.wait_for_selector("[role=menuitem]")
    page.wait_for_load_state("networkidle")
    assert "Something went wrong" not in page.inner_text("body")
    assert page.locator("[role=menuitem]").count() > 3


@pytest.mark.parametrize("api", APIS)
def test_redoc_renders_offline(zgw_live: LiveZGW, watched, api):
    problems = redoc_problems(zgw_live, watched, api)
    # outside requests are the next test's subject; here every other error counts (an aborted outside request
    # leaves one "Failed to load resource" console line, nothing else may)
    aborted = [p for p in problems if p.startswith("non-loopback request")]
    failed_loads = [p for p in problems if p == "console error: Failed to load resource: net::ERR_FAILED"]
    others = [
        p for p in problems if not p.startswith(("non-loopback request", "failed request")) and p not in failed_loads
    ]
    assert others == [], "\n".join(others)
    assert len(failed_loads) <= len(aborted)


@pytest.mark.parametrize("api", APIS)
def test_redoc_requests_nothing_outside(zgw_live: LiveZGW, watched, api):
    problems = redoc_problems(zgw_live, watched, api)
    assert problems == [], "\n".join(problems)


def test_swagger_try_it_out_with_token_gets_200(zgw_live: LiveZGW, watched):
    page = watched.page
    page.goto(f"{zgw_live.root('catalogi')}schema/")
    page.wait_for_selector(".opblock")

    page.click(".auth-wrapper .authorize")
    page.fill(".auth-container input", zgw_live.token())
    page.click(".auth-btn-wrapper .modal-btn.authorize")
    page.click(".auth-btn-wrapper .btn-done")

    operation = page.locator("[id$='-catalogus_list']").first
    operation.locator(".opblock-summary").click()
    operation.locator(".try-out__btn").click()
    operation.locator(".execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200"), operation.locator(".live-responses-table").inner_text()
    assert watched.problems == [], "\n".join(watched.problems)
