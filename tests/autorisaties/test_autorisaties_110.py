"""Autorisaties 1.1.0: ``Applicatie.alleenIsGereedVoorPublicatie`` (default false) through the API and the cache."""

import pytest

from zgw.autorisaties.models import Applicatie
from zgw.common.auth import get_client_provider

URL = "/autorisaties/api/v1/applicaties"

pytestmark = pytest.mark.django_db


def _resolved(client_id: str):
    provider = get_client_provider()
    provider.get_secret(client_id)
    return provider.get_client(client_id)


def test_default_false_and_a_1_0_0_body_is_accepted(superuser_client):
    response = superuser_client.post(URL, {"clientIds": ["oud-1"], "label": "Oud", "heeftAlleAutorisaties": True})
    assert response.status_code == 201, response.content
    assert response.json()["alleenIsGereedVoorPublicatie"] is False
    assert response["API-version"] == "1.1.0"


def test_set_read_patch_and_consumer(superuser_client):
    body = {"clientIds": ["woo-1"], "label": "Woo", "heeftAlleAutorisaties": True, "alleenIsGereedVoorPublicatie": True}
    created = superuser_client.post(URL, body, format="json")
    assert created.status_code == 201, created.content
    url = created.json()["url"]
    assert superuser_client.get(url).json()["alleenIsGereedVoorPublicatie"] is True
    consumer = superuser_client.get(f"{URL}/consumer", {"clientId": "woo-1"}).json()
    assert consumer["alleenIsGereedVoorPublicatie"] is True
    patched = superuser_client.patch(url, {"label": "Woo portaal"}, format="json")
    assert patched.json()["alleenIsGereedVoorPublicatie"] is True  # PATCH keeps what it does not name
    put = superuser_client.put(url, {"clientIds": ["woo-1"], "label": "Woo", "heeftAlleAutorisaties": True})
    assert put.json()["alleenIsGereedVoorPublicatie"] is False  # PUT replaces: the default
    assert Applicatie.objects.get(client_identifiers__client_id="woo-1").alleen_is_gereed_voor_publicatie is False


def test_not_a_boolean_is_400(superuser_client):
    body = {
        "clientIds": ["woo-2"],
        "label": "Woo",
        "heeftAlleAutorisaties": True,
        "alleenIsGereedVoorPublicatie": "ja?",
    }
    response = superuser_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"alleenIsGereedVoorPublicatie"}


def test_the_resolved_client_follows_the_flag(superuser_client):
    body = {"clientIds": ["woo-3"], "label": "Woo", "heeftAlleAutorisaties": True, "alleenIsGereedVoorPublicatie": True}
    url = superuser_client.post(URL, body, format="json").json()["url"]
    assert _resolved("woo-3").alleen_is_gereed_voor_publicatie is True
    superuser_client.patch(url, {"alleenIsGereedVoorPublicatie": False}, format="json")
    assert _resolved("woo-3").alleen_is_gereed_voor_publicatie is False
