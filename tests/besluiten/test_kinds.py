"""The Besluiten kinds of the shared ``expand`` graph (registered for other APIs as ``"besluiten"``)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import RequestFactory

from zgw.besluiten.models import Besluit, BesluitInformatieObject
from zgw.common import expand as engine
from zgw.common.auth import ClientAuth, Grant

from .conftest import RSIN, besluit_url, local_url

pytestmark = pytest.mark.django_db


def _request(*grants: Grant, heeft_alle: bool = False):
    request = RequestFactory().get("/besluiten/api/v1/besluiten")
    request.auth = ClientAuth(client_id="kinds-test", heeft_alle_autorisaties=heeft_alle, grants=grants)
    return request


def _grant(besluittype, scopes=("besluiten.lezen",)) -> Grant:
    return Grant("brc", frozenset(scopes), f"/catalogi/api/v1/besluittypen/{besluittype.uuid}")


@pytest.fixture
def besluit(besluittype) -> Besluit:
    return Besluit.objects.create(
        identificatie="KIND-1",
        verantwoordelijke_organisatie=RSIN,
        besluittype=besluittype,
        datum=datetime.date(2024, 3, 1),
        ingangsdatum=datetime.date(2024, 3, 2),
    )


def _resolve(request, kind: str, url: str) -> dict:
    resolver = engine.Resolver(engine.registered_kinds("besluiten"), request)
    resolver.resolve({kind: [url]})
    return resolver.get(kind, url)


def test_registered_under_besluiten():
    kinds = engine.registered_kinds("besluiten")
    assert set(kinds) == {"besluit", "besluitinformatieobject"}
    assert kinds["besluit"].links["zaak"].kind == "zaak"
    assert kinds["besluit"].links["besluittype"].kind == "besluittype"
    assert kinds["besluitinformatieobject"].links["informatieobject"].kind == "enkelvoudiginformatieobject"
    assert kinds["besluitinformatieobject"].links["besluit"].kind == "besluit"


def test_authorised_client_gets_the_besluit(besluit, besluittype):
    url = besluit_url(besluit)
    data = _resolve(_request(_grant(besluittype)), "besluit", url)
    assert data["url"] == url
    assert data["identificatie"] == "KIND-1"
    assert data["besluittype"] == local_url("catalogi", "besluittypen", besluittype)
    assert _resolve(_request(heeft_alle=True), "besluit", url)["url"] == url


def test_unauthorised_client_gets_nothing(besluit, make_besluittype, django_assert_num_queries):
    other = make_besluittype(omschrijving="Ander besluittype")
    url = besluit_url(besluit)
    assert _resolve(_request(_grant(other)), "besluit", url) == {}
    # a grant on the right besluittype but without besluiten.lezen, or no brc grant at all: not even a query
    with django_assert_num_queries(0):
        assert _resolve(_request(_grant(besluit.besluittype, scopes=("besluiten.aanmaken",))), "besluit", url) == {}
        assert _resolve(_request(), "besluit", url) == {}


def test_besluitinformatieobject_follows_its_besluit(besluit, document, make_besluittype):
    bio = BesluitInformatieObject.objects.create(besluit=besluit, informatieobject=document)
    url = local_url("besluiten", "besluitinformatieobjecten", bio)
    assert _resolve(_request(_grant(besluit.besluittype)), "besluitinformatieobject", url)["url"] == url
    other = make_besluittype(omschrijving="Ander besluittype")
    assert _resolve(_request(_grant(other)), "besluitinformatieobject", url) == {}


def test_unknown_uuid_is_empty(besluit, besluittype):
    url = f"http://testserver/besluiten/api/v1/besluiten/{uuid.uuid4()}"
    assert _resolve(_request(_grant(besluittype)), "besluit", url) == {}


def test_remote_besluit_judged_by_its_besluittype(mocked, besluittype):
    url = f"https://besluiten.example.com/api/v1/besluiten/{uuid.uuid4()}"
    remote = {"url": url, "besluittype": local_url("catalogi", "besluittypen", besluittype)}
    mocked.get(url, json=remote)
    from django.core.cache import cache

    cache.clear()
    assert _resolve(_request(_grant(besluittype)), "besluit", url) == remote
    cache.clear()
    assert (
        _resolve(_request(Grant("brc", frozenset({"besluiten.lezen"}), "https://x.example/bt/1")), "besluit", url) == {}
    )
