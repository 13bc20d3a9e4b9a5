"""Notificaties (no numbered rules, notificaties.md §3): each request carries only what notificaties-1.0.1 requires
(Kanaal: naam; Abonnement: callbackUrl, auth, kanalen[].naam; Message: kanaal, hoofdObject, resource, resourceUrl,
actie, aanmaakdatum — no kenmerken)."""

from __future__ import annotations

import pytest
import responses as responses_lib

from zgw.autorisaties.services import AutorisatieData
from zgw.notificaties.models import Abonnement, Notificatie
from zgw.notificaties.services import register_kanalen

from .helpers import NRC, codes

pytestmark = pytest.mark.django_db

CALLBACK = "http://consumer.local/callback"


@pytest.fixture
def kanalen(db):
    register_kanalen()


@pytest.fixture
def http():
    with responses_lib.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def consumer(make_api_client):
    return make_api_client(autorisaties=[AutorisatieData(component="nrc", scopes=["notificaties.consumeren"])])


@pytest.fixture
def publisher(make_api_client):
    return make_api_client(autorisaties=[AutorisatieData(component="nrc", scopes=["notificaties.publiceren"])])


def _message(**extra) -> dict:
    return {
        "kanaal": "zaken",
        "hoofdObject": "http://zrc.local/zaken/api/v1/zaken/1",
        "resource": "zaak",
        "resourceUrl": "http://zrc.local/zaken/api/v1/zaken/1",
        "actie": "create",
        "aanmaakdatum": "2024-01-01T17:00:00Z",
        **extra,
    }


def test_nrc_kanaal_naam_is_unique(superuser_client):
    assert superuser_client.post(f"{NRC}/kanaal", {"naam": "eenmalig"}, format="json").status_code == 201
    again = superuser_client.post(f"{NRC}/kanaal", {"naam": "eenmalig"}, format="json")
    assert again.status_code == 400
    assert ("naam", "unique") in codes(again)


def test_nrc_minimal_abonnement_without_filters(kanalen, consumer, http):
    http.add(responses_lib.POST, CALLBACK, status=204)
    body = {"callbackUrl": CALLBACK, "auth": "Bearer token", "kanalen": [{"naam": "zaken"}]}
    response = consumer.post(f"{NRC}/abonnement", body, format="json")
    assert response.status_code == 201, response.json()
    assert Abonnement.objects.count() == 1


def test_nrc_abonnement_on_an_unknown_kanaal(kanalen, consumer, http):
    http.add(responses_lib.POST, CALLBACK, status=204)
    body = {"callbackUrl": CALLBACK, "auth": "Bearer token", "kanalen": [{"naam": "bestaat-niet"}]}
    response = consumer.post(f"{NRC}/abonnement", body, format="json")
    assert response.status_code == 400
    assert ("kanalen.0.naam", "kanaal_naam") in codes(response)


def test_nrc_minimal_notificatie_without_kenmerken(kanalen, publisher):
    body = _message()
    response = publisher.post(f"{NRC}/notificaties", body, format="json")
    assert response.status_code == 200, response.json()
    assert Notificatie.objects.count() == 1


def test_nrc_notificatie_on_an_unknown_kanaal(kanalen, publisher):
    response = publisher.post(f"{NRC}/notificaties", _message(kanaal="onbekend"), format="json")
    assert response.status_code == 400
    assert ("kanaal", "message_kanaal") in codes(response)
