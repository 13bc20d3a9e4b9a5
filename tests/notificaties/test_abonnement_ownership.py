"""Abonnementen are owned by the client that created them (issue 19 finding 8: abonnement hijack).

Another client gets 404 on read, PUT, PATCH and DELETE and does not see it in the list; an applicatie with
heeftAlleAutorisaties manages all; a changed callbackUrl needs a new auth; auth is never echoed or redirected.
"""

from __future__ import annotations

import logging

import pytest
import responses as responses_lib

from zgw.notificaties.delivery import deliver_batch
from zgw.notificaties.models import Abonnement, Delivery, Kanaal

from .test_api import _abonnement_body, _message

pytestmark = pytest.mark.django_db

BASE = "/notificaties/api/v1"
A_HOOK = "http://a.local/hook"
B_HOOK = "http://b.local/hook"
CONSUMEREN = "notificaties.consumeren"
PUBLICEREN = "notificaties.publiceren"


@pytest.fixture
def hooks(mocked_http):
    mocked_http.add(responses_lib.POST, A_HOOK, status=204)
    mocked_http.add(responses_lib.POST, B_HOOK, status=204)
    return mocked_http


@pytest.fixture
def a_and_b(kanalen, nrc_client, hooks):
    """Client A owns an abonnement (auth 'Bearer A-secret'); client B is another consumer."""
    client_a, client_b = nrc_client(CONSUMEREN), nrc_client(CONSUMEREN)
    response = client_a.post(
        f"{BASE}/abonnement", _abonnement_body(callbackUrl=A_HOOK, auth="Bearer A-secret"), format="json"
    )
    assert response.status_code == 201, response.content
    return client_a, client_b, response.json()["url"]


def _calls_to(mocked_http, url: str) -> list:
    return [call for call in mocked_http.calls if call.request.url == url]


def test_other_client_cannot_read_or_list(a_and_b):
    client_a, client_b, url = a_and_b
    assert client_a.get(url).status_code == 200
    assert client_b.get(url).status_code == 404
    assert client_b.get(f"{BASE}/abonnement").json() == []
    assert [item["url"] for item in client_a.get(f"{BASE}/abonnement").json()] == [url]


def test_publisher_lists_only_its_own(a_and_b, nrc_client):
    assert nrc_client(PUBLICEREN).get(f"{BASE}/abonnement").json() == []


def test_hijack_by_patch_is_refused_and_delivery_still_goes_to_the_owner(a_and_b, hooks, nrc_client):
    client_a, client_b, url = a_and_b
    patch = client_b.patch(url, {"callbackUrl": B_HOOK, "auth": "Bearer B"}, format="json")
    assert patch.status_code == 404
    patch = client_b.patch(url, {"callbackUrl": B_HOOK}, format="json")
    assert patch.status_code == 404
    assert not _calls_to(hooks, B_HOOK)

    assert nrc_client(PUBLICEREN).post(f"{BASE}/notificaties", _message(), format="json").status_code == 200
    outcomes = deliver_batch(list(Delivery.objects.values_list("pk", flat=True)))
    assert [o.status for o in outcomes] == ["delivered"]
    assert not _calls_to(hooks, B_HOOK)
    [call] = [c for c in _calls_to(hooks, A_HOOK) if b'"kanaal": "zaken"' in c.request.body]
    assert call.request.headers["Authorization"] == "Bearer A-secret"
    # the idempotency key of at-least-once delivery (docs/notificaties.md)
    assert call.request.headers["X-Notificatie-Id"] == str(Delivery.objects.get().notificatie.uuid)


def test_hijack_by_put_and_delete_is_refused(a_and_b, hooks):
    _client_a, client_b, url = a_and_b
    put = client_b.put(url, _abonnement_body(callbackUrl=B_HOOK, auth="Bearer B"), format="json")
    assert put.status_code == 404
    assert client_b.delete(url).status_code == 404
    abonnement = Abonnement.objects.get()
    assert (abonnement.callback_url, abonnement.auth) == (A_HOOK, "Bearer A-secret")
    assert not _calls_to(hooks, B_HOOK)


def test_owner_may_change_and_delete(a_and_b):
    client_a, _client_b, url = a_and_b
    put = client_a.put(url, _abonnement_body(callbackUrl=B_HOOK, auth="Bearer new"), format="json")
    assert put.status_code == 200, put.content
    assert client_a.delete(url).status_code == 204


def test_admin_with_heeft_alle_autorisaties_manages_all(a_and_b, superuser_client):
    _client_a, _client_b, url = a_and_b
    assert superuser_client.get(url).status_code == 200
    assert [item["url"] for item in superuser_client.get(f"{BASE}/abonnement").json()] == [url]
    assert superuser_client.patch(url, {"kanalen": [{"naam": "documenten"}]}, format="json").status_code == 200
    assert superuser_client.delete(url).status_code == 204


def test_rows_without_owner_are_for_admins_only(kanalen, nrc_client, superuser_client):
    legacy = Abonnement.objects.create(callback_url=A_HOOK, auth="x", client_id="")
    url = f"{BASE}/abonnement/{legacy.uuid}"
    assert nrc_client(CONSUMEREN).get(url).status_code == 404
    assert superuser_client.get(url).status_code == 200


def test_new_callback_url_needs_new_auth(a_and_b, hooks):
    client_a, _client_b, url = a_and_b
    response = client_a.patch(url, {"callbackUrl": B_HOOK}, format="json")
    assert response.status_code == 400, response.content
    assert {(p["name"], p["code"]) for p in response.json()["invalidParams"]} == {("auth", "required")}
    assert not _calls_to(hooks, B_HOOK)  # the old credentials were not sent to the new URL
    assert Abonnement.objects.get().callback_url == A_HOOK

    same = client_a.patch(url, {"callbackUrl": A_HOOK}, format="json")  # unchanged URL: no new auth needed
    assert same.status_code == 200, same.content
    moved = client_a.patch(url, {"callbackUrl": B_HOOK, "auth": "Bearer B-new"}, format="json")
    assert moved.status_code == 200, moved.content
    assert _calls_to(hooks, B_HOOK)[-1].request.headers["Authorization"] == "Bearer B-new"


def test_auth_is_never_echoed(a_and_b):
    client_a, _client_b, url = a_and_b
    assert "auth" not in client_a.get(url).json()
    assert all("auth" not in item for item in client_a.get(f"{BASE}/abonnement").json())
    patched = client_a.patch(url, {"auth": "Bearer rotated"}, format="json")
    assert "auth" not in patched.json()
    assert b"rotated" not in patched.content and b"A-secret" not in client_a.get(url).content


def test_auth_does_not_follow_a_redirect(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, A_HOOK, status=307, headers={"Location": B_HOOK})
    mocked_http.add(responses_lib.POST, B_HOOK, status=204)
    response = nrc_client(CONSUMEREN).post(
        f"{BASE}/abonnement", _abonnement_body(callbackUrl=A_HOOK, auth="Bearer A-secret"), format="json"
    )
    assert response.status_code == 400
    assert not _calls_to(mocked_http, B_HOOK)


def test_delivery_does_not_follow_a_redirect(kanalen, nrc_client, mocked_http):
    abonnement = Abonnement.objects.create(callback_url=A_HOOK, auth="Bearer A-secret", client_id="x")
    abonnement.filter_groups.create(kanaal=Kanaal.objects.get(naam="zaken"))
    mocked_http.add(responses_lib.POST, A_HOOK, status=302, headers={"Location": B_HOOK})
    mocked_http.add(responses_lib.POST, B_HOOK, status=204)
    assert nrc_client(PUBLICEREN).post(f"{BASE}/notificaties", _message(), format="json").status_code == 200
    outcomes = deliver_batch(list(Delivery.objects.values_list("pk", flat=True)))
    assert [o.status for o in outcomes] == ["retry"]
    assert not _calls_to(mocked_http, B_HOOK)


def test_auth_is_not_logged(a_and_b, caplog):
    client_a, _client_b, url = a_and_b
    with caplog.at_level(logging.DEBUG):
        client_a.patch(url, {"callbackUrl": "http://127.0.0.1:9/x", "auth": "Token zeer-geheim"}, format="json")
    assert "zeer-geheim" not in caplog.text
