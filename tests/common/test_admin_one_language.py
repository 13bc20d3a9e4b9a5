"""Issue 18 §4: every admin page is Dutch throughout (LANGUAGE_CODE nl), not Dutch with English labels mixed in.

Opens the changelist, the add page and (where a row exists) the change page of every registered ModelAdmin as a
superuser and looks for English words in the visible text: column headers, list-filter titles, field labels.
"""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.notificaties.conftest import kanalen  # noqa: F401 - fixture
from tests.notificaties.test_admin import failed_delivery  # noqa: F401 - fixture
from tests.zaken.conftest import catalogus, eigenschap, resultaattype, roltype, statustypen, zaaktype  # noqa: F401
from tests.zaken.test_list_rows import _full_zaak

pytestmark = pytest.mark.django_db

# Labels that Django derives from English field names or that English-only apps bring along.
ENGLISH = (
    "attempts?", "started at", "status code", "last error", "target", "duration", "delivered at", "next attempt",
    "response excerpt", "success", "created( at)?", "updated", "queued until", "locked until", "error", "delivery",
    "number", "kind", "year", "last", "secret", "header key", "header value", "auth type", "api root",
    "client credentials?", "latest version", "lock", "payload", "outbox", "access attempts?", "access logs?",
    "access failures?", "user agent", "ip address", "path", "attempt time", "logout time", "failed logins",
    "session key", "locked out", "get data", "post data", "http accept", "callback url", "client id",
    "client identifiers?", "can (add|change|delete|view)", "log entry", "after you",
    "Django-beheer", "Django administration",
)  # fmt: skip
PATTERN = re.compile(r"(?<![\w/.-])(" + "|".join(ENGLISH) + r")(?![\w/.-])", re.IGNORECASE)


def visible_text(html: bytes) -> str:
    """The page without tags, scripts and the values of text areas/inputs (which hold data, not labels)."""
    text = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", html.decode(), flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", text)


def english_words(html: bytes) -> set[str]:
    return {match.group(0) for match in PATTERN.finditer(visible_text(html))}


def admin_pages() -> list[tuple[str, type]]:
    return [
        (f"{model._meta.app_label}.{model._meta.model_name}", model)
        for model in sorted(admin.site._registry, key=lambda m: (m._meta.app_label, m._meta.model_name))
    ]


@pytest.fixture
def rows(superuser_client, failed_delivery, zaaktype, statustypen, roltype, resultaattype, eigenschap):  # noqa: F811
    """A row for as many admin pages as cheaply possible: a delivery history and a zaak with everything filled in."""
    _full_zaak(superuser_client, zaaktype, statustypen, roltype, resultaattype, eigenschap)


@pytest.mark.parametrize(("name", "model"), admin_pages(), ids=[name for name, _ in admin_pages()])
def test_every_admin_page_is_dutch_throughout(admin_client, rows, name, model):
    opts = model._meta
    pages = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    row = model._default_manager.first()
    if row is not None:
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))
    for page in pages:
        response = admin_client.get(page)
        if response.status_code == 403 and page.endswith("/add/"):
            continue  # read-only records: no add page
        assert response.status_code == 200, (page, response.status_code)
        assert not english_words(response.content), (page, english_words(response.content))
        assert "ZGW-referentieserver" in response.content.decode()
