"""Issue 18 §4: the delivery pages of the admin are Dutch throughout and carry the project's branding."""

from __future__ import annotations

import re

import pytest

from tests.notificaties.test_admin import failed_delivery  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

ENGLISH = ("Attempts", "Started at", "Last status code", "Last error", "Target", "Duration ms", "Delivered at",
           "Next attempt at", "Response excerpt", "Django-beheer", "Django administration")  # fmt: skip


def visible_text(html: bytes) -> str:
    return re.sub(r"<[^>]+>", " ", html.decode())


@pytest.mark.parametrize(
    "path",
    [
        "/admin/notificaties/delivery/",
        "/admin/notificaties/deliveryattempt/",
        "/admin/notificaties/delivery/{pk}/change/",
    ],
)
def test_delivery_pages_have_dutch_labels_only(admin_client, failed_delivery, path):  # noqa: F811
    response = admin_client.get(path.format(pk=failed_delivery.pk))
    assert response.status_code == 200
    text = visible_text(response.content)
    for english in ENGLISH:
        assert english not in text, english
    assert "pogingen" in text.lower() or "gestart op" in text.lower()
    assert "ZGW-referentieserver" in text
