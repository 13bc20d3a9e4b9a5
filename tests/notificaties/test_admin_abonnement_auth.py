"""Issue 19 finding 8 in the admin: an abonnement's ``auth`` is write-only there too, and a changed callback-URL needs
a new ``auth`` in the same submit (as ``PATCH /abonnement`` requires)."""

from __future__ import annotations

import pytest

from zgw.notificaties.models import Abonnement

pytestmark = pytest.mark.django_db

SECRET = "Bearer s3cret-admin-token"
INLINE = {
    "filter_groups-TOTAL_FORMS": "0",
    "filter_groups-INITIAL_FORMS": "0",
    "filter_groups-MIN_NUM_FORMS": "0",
    "filter_groups-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def abonnement() -> Abonnement:
    return Abonnement.objects.create(callback_url="https://old.example.com/hook", auth=SECRET, client_id="a")


def _change(admin_client, abonnement: Abonnement, **fields):
    data = {
        "callback_url": abonnement.callback_url,
        "auth": "",
        "client_id": abonnement.client_id,
        "aangemaakt_0": abonnement.aangemaakt.strftime("%Y-%m-%d"),
        "aangemaakt_1": abonnement.aangemaakt.strftime("%H:%M:%S"),
        **INLINE,
        **fields,
    }
    return admin_client.post(f"/admin/notificaties/abonnement/{abonnement.pk}/change/", data)


def test_change_page_never_shows_auth(admin_client, abonnement):
    page = admin_client.get(f"/admin/notificaties/abonnement/{abonnement.pk}/change/")
    assert page.status_code == 200
    assert b"s3cret-admin-token" not in page.content
    assert b'type="password"' in page.content
    listing = admin_client.get("/admin/notificaties/abonnement/")
    assert listing.status_code == 200 and b"s3cret-admin-token" not in listing.content


def test_auth_left_empty_keeps_the_stored_value(admin_client, abonnement):
    response = _change(admin_client, abonnement, client_id="b")
    assert response.status_code == 302, response.content.decode()[:2000]
    abonnement.refresh_from_db()
    assert abonnement.client_id == "b" and abonnement.auth == SECRET


def test_new_callback_url_without_new_auth_is_refused(admin_client, abonnement):
    response = _change(admin_client, abonnement, callback_url="https://attacker.example.com/hook")
    assert response.status_code == 200  # the form again, with the error
    assert "Bij een nieuwe callback-URL hoort een nieuwe autorisatie" in response.content.decode()
    assert b"s3cret-admin-token" not in response.content
    abonnement.refresh_from_db()
    assert abonnement.callback_url == "https://old.example.com/hook" and abonnement.auth == SECRET


def test_new_callback_url_with_new_auth_is_saved(admin_client, abonnement):
    response = _change(admin_client, abonnement, callback_url="https://new.example.com/hook", auth="Bearer new")
    assert response.status_code == 302
    abonnement.refresh_from_db()
    assert (abonnement.callback_url, abonnement.auth) == ("https://new.example.com/hook", "Bearer new")


def test_a_submitted_auth_is_not_echoed_when_the_form_fails(admin_client, abonnement):
    response = _change(admin_client, abonnement, callback_url="", auth="Bearer typed-just-now")
    assert response.status_code == 200
    assert b"typed-just-now" not in response.content
    abonnement.refresh_from_db()
    assert abonnement.auth == SECRET


def test_add_requires_auth(admin_client):
    data = {"callback_url": "https://x.example.com/hook", "auth": "", "client_id": "", "aangemaakt_0": "2024-01-01",
            "aangemaakt_1": "10:00:00", **INLINE}  # fmt: skip
    response = admin_client.post("/admin/notificaties/abonnement/add/", data)
    assert response.status_code == 200 and not Abonnement.objects.exists()
    data["auth"] = "Bearer x"
    assert admin_client.post("/admin/notificaties/abonnement/add/", data).status_code == 302
    assert Abonnement.objects.get().auth == "Bearer x"
