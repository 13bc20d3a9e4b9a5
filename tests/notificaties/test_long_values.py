"""Notificaties 1.0.1: ``Abonnement.callbackUrl`` and ``auth`` have no length limit any more.

A 4 KB bearer token (a long Keycloak JWT, say) and a long callback URL go through the API (with the callback check
against a real HTTP receiver), the admin add and change forms, and the outbox → routing → delivery path, and reach
the subscriber unchanged.
"""

from __future__ import annotations

import secrets

import pytest
from django.db import transaction

from zgw.common import outbox
from zgw.notificaties import delivery, routing
from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal

from .receiver import Receiver

pytestmark = pytest.mark.django_db

BASE = "/notificaties/api/v1"
# 4 KB of token after "Bearer " (the old limit was 1000), and a callback path of 1.5 KB (the old limit was 200)
LONG_AUTH = "Bearer " + secrets.token_urlsafe(3072)
LONG_PATH = "/callback/" + "a" * 1500


def _authorised_only(request, count: int) -> tuple[int, float]:
    """A subscriber that accepts only the long token (and refuses anything else, as a real one would)."""
    return (204 if request.headers.get("authorization") == LONG_AUTH else 401), 0.0


@pytest.fixture
def subscriber():
    with Receiver(_authorised_only) as running:
        yield running


def test_long_token_is_really_4_kb():
    assert len(LONG_AUTH.encode()) > 4096
    assert len(LONG_PATH) > 1000


def test_api_create_read_and_patch_with_long_values(kanalen, nrc_client, subscriber):
    client = nrc_client("notificaties.consumeren")
    callback = subscriber.url(LONG_PATH)
    body = {"callbackUrl": callback, "auth": LONG_AUTH, "kanalen": [{"naam": "zaken", "filters": {}}]}
    response = client.post(f"{BASE}/abonnement", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["callbackUrl"] == callback
    assert "auth" not in response.json()  # never echoed (issue 19)
    stored = Abonnement.objects.get()
    assert (stored.callback_url, stored.auth) == (callback, LONG_AUTH)
    # the callback check sent the whole token to the subscriber
    assert subscriber.requests[0].headers["authorization"] == LONG_AUTH
    assert subscriber.requests[0].path == LONG_PATH
    assert client.get(response.json()["url"]).json()["callbackUrl"] == callback
    other_token = LONG_AUTH[:-1] + ("A" if LONG_AUTH[-1] != "A" else "B")
    patched = client.patch(response.json()["url"], {"auth": other_token}, format="json")
    # the callback check runs again with the new token, which this subscriber refuses
    assert patched.status_code == 400
    assert patched.json()["invalidParams"][0]["code"] == "invalid-callback-url"
    stored.refresh_from_db()
    assert stored.auth == LONG_AUTH


def test_a_new_long_callback_still_needs_a_new_auth(kanalen, nrc_client, subscriber):
    """The ownership/credential rule of issue 19 is unchanged for long values."""
    client = nrc_client("notificaties.consumeren")
    body = {"callbackUrl": subscriber.url(), "auth": LONG_AUTH, "kanalen": [{"naam": "zaken", "filters": {}}]}
    created = client.post(f"{BASE}/abonnement", body, format="json")
    assert created.status_code == 201, created.json()
    moved = client.patch(created.json()["url"], {"callbackUrl": subscriber.url(LONG_PATH)}, format="json")
    assert moved.status_code == 400
    assert [(p["name"], p["code"]) for p in moved.json()["invalidParams"]] == [("auth", "required")]
    other = nrc_client("notificaties.consumeren")
    assert other.get(created.json()["url"]).status_code == 404


def test_outbox_routes_and_delivers_the_long_header(kanalen, subscriber):
    abonnement = Abonnement.objects.create(callback_url=subscriber.url(LONG_PATH), auth=LONG_AUTH)
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="zaken"), filters={})
    url = "http://zrc.local/zaken/api/v1/zaken/0c1e2d3f-0000-4000-8000-000000000009"
    with transaction.atomic():
        message = outbox.publish(
            kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url, actie="create", kenmerken={}
        )
    [pk] = routing.route_outbox([message.pk])
    assert delivery.deliver(pk).status == "delivered"
    [received] = subscriber.requests
    assert received.headers["authorization"] == LONG_AUTH
    assert received.path == LONG_PATH
    assert received.body["hoofdObject"] == url
    assert Delivery.objects.get(pk=pk).last_status_code == 204


def _admin_form(callback: str, auth: str, kanaal: Kanaal, existing_group: FilterGroup | None = None) -> dict:
    form = {
        "callback_url": callback,
        "auth": auth,
        "client_id": "",
        "aangemaakt_0": "2024-01-01",
        "aangemaakt_1": "12:00:00",
        "initial-aangemaakt_0": "2024-01-01",
        "initial-aangemaakt_1": "12:00:00",
        "filter_groups-TOTAL_FORMS": "1",
        "filter_groups-INITIAL_FORMS": "1" if existing_group else "0",
        "filter_groups-MIN_NUM_FORMS": "0",
        "filter_groups-MAX_NUM_FORMS": "1000",
        "filter_groups-0-kanaal": str(kanaal.pk),
        "filter_groups-0-filters": "{}",
    }
    if existing_group is not None:
        form["filter_groups-0-id"] = str(existing_group.pk)
        form["filter_groups-0-abonnement"] = str(existing_group.abonnement_id)
    return form


def test_admin_add_and_change_forms_keep_long_values(admin_client, kanalen):
    kanaal = Kanaal.objects.get(naam="zaken")
    callback = "https://subscriber.example.com" + LONG_PATH
    added = admin_client.post("/admin/notificaties/abonnement/add/", _admin_form(callback, LONG_AUTH, kanaal))
    assert added.status_code == 302, added.content.decode()[:3000]
    abonnement = Abonnement.objects.get()
    assert (abonnement.callback_url, abonnement.auth) == (callback, LONG_AUTH)
    change_url = f"/admin/notificaties/abonnement/{abonnement.pk}/change/"
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert LONG_PATH.encode() in page.content
    longer = LONG_AUTH + "x" * 1024
    changed = admin_client.post(
        change_url, _admin_form(callback + "/v2", longer, kanaal, abonnement.filter_groups.get())
    )
    assert changed.status_code == 302, changed.content.decode()[:3000]
    abonnement.refresh_from_db()
    assert (abonnement.callback_url, abonnement.auth) == (callback + "/v2", longer)
    assert abonnement.filter_groups.count() == 1
    assert admin_client.get("/admin/notificaties/abonnement/").status_code == 200
