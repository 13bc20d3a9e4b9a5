"""Zaken 1.7 expand: on every operation that declares it, into Catalogi, Documenten and Besluiten, at any depth,
each expanded object judged by its own API's autorisatie (zrc-006 / drc / brc), bounded per response."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documenten.conftest import EIO_LIST, eio_body
from zgw.autorisaties.services import AutorisatieData
from zgw.besluiten.models import Besluit
from zgw.catalogi.models import BesluitType
from zgw.common.expand import MEMO as EXPAND_MEMO
from zgw.zaken.models import ZaakBesluit

from .conftest import API, BASE, CRS, RSIN, cat_url, create_zaak, link_iotype, post

ZAKEN = "/zaken/api/v1"


def _path(url: str) -> str:
    return url.removeprefix(BASE)


def _get(client, path: str, expand: str):
    return client.get(f"{ZAKEN}/{path}", {"expand": expand}, **CRS)


@pytest.fixture
def besluittype(zaaktype) -> BesluitType:
    besluittype = BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Vergunning",
        publicatie_indicatie=False,
        concept=False,
        datum_begin_geldigheid=datetime.date(2020, 1, 1),
    )
    zaaktype.besluittypen.add(besluittype)
    return besluittype


@pytest.fixture
def full_zaak(superuser_client, zaaktype, statustypen, resultaattype, roltype, besluittype, settings, tmp_path):
    """A zaak with a rol, a status set by it, a resultaat, a zaakobject, a document (zio) and a besluit."""
    settings.MEDIA_ROOT = str(tmp_path)
    client = superuser_client
    zaak = create_zaak(client, zaaktype)
    rol = post(
        client,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltoelichting": "behandelaar",
            "roltype": cat_url("roltypen", roltype),
            "betrokkeneIdentificatie": {"identificatie": "f" * 254},  # Zaken 1.7: up to 254
        },
    ).json()
    status = post(
        client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
            "gezetdoor": rol["url"],
        },
    ).json()
    resultaat = post(
        client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    ).json()
    zaakobject = post(
        client, "zaakobjecten", {"zaak": zaak["url"], "objectType": "pand", "object": "https://bag.example.nl/p/1"}
    ).json()
    iot = link_iotype(zaaktype)
    document = client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iot)), format="json").json()
    zio = post(
        client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"], "status": None}
    ).json()
    besluit = Besluit.objects.create(
        identificatie="B-17",
        verantwoordelijke_organisatie=RSIN,
        besluittype=besluittype,
        datum=datetime.date(2024, 3, 1),
        ingangsdatum=datetime.date(2024, 3, 2),
    )
    besluit_url = f"{BASE}/besluiten/api/v1/besluiten/{besluit.uuid}"
    zaakbesluit = ZaakBesluit.objects.create(zaak_id=_zaak_pk(zaak), besluit=besluit, besluit_url=besluit_url)
    for item in (rol, status, resultaat, zaakobject, zio):
        assert "url" in item, item
    return {
        "zaak": zaak,
        "rol": rol,
        "status": status,
        "resultaat": resultaat,
        "zaakobject": zaakobject,
        "zio": zio,
        "document": document,
        "iot": iot,
        "besluit": besluit,
        "besluit_url": besluit_url,
        "zaakbesluit": f"{API}/zaken/{zaak['uuid']}/besluiten/{zaakbesluit.uuid}",
    }


def _zaak_pk(zaak: dict) -> int:
    from zgw.zaken.models import Zaak

    return Zaak.objects.get(uuid=zaak["uuid"]).pk


# ---- every operation that declares expand ------------------------------------------------------------------------

CASES = [
    ("rollen", "rol", "zaak,roltype,statussen"),
    ("statussen", "status", "zaak,statustype,gezetdoor,zaakinformatieobjecten"),
    ("resultaten", "resultaat", "zaak,resultaattype"),
    ("zaakobjecten", "zaakobject", "zaak,zaakobjecttype"),
    ("zaakinformatieobjecten", "zio", "informatieobject,zaak,status"),
]


@pytest.mark.parametrize("collection,key,expand", CASES)
def test_expand_on_list_and_detail_of_every_sub_resource(superuser_client, full_zaak, collection, key, expand):
    own = full_zaak[key]
    detail = _get(superuser_client, _path(own["url"]).removeprefix(ZAKEN + "/"), expand)
    assert detail.status_code == 200, detail.json()
    listed = _get(superuser_client, collection, expand)
    assert listed.status_code == 200, listed.json()
    body = listed.json()
    items = body["results"] if isinstance(body, dict) else body
    [item] = [item for item in items if item["url"] == own["url"]]
    assert item == detail.json()
    embedded = detail.json()["_expand"]
    assert set(embedded) == set(expand.split(","))
    if "zaak" in embedded:
        assert embedded["zaak"]["url"] == full_zaak["zaak"]["url"]
    plain = superuser_client.get(_path(own["url"]), **CRS).json()
    assert "_expand" not in plain  # Zaken 1.7: no _expand on a plain Rol/ZaakObject/... without the parameter
    assert {k: v for k, v in detail.json().items() if k != "_expand"} == plain


def test_expand_zaakbesluit_into_the_besluiten_api(superuser_client, full_zaak):
    path = _path(full_zaak["zaakbesluit"]).removeprefix(ZAKEN + "/")
    detail = _get(superuser_client, path, "besluit.besluittype")
    assert detail.status_code == 200, detail.json()
    besluit = detail.json()["_expand"]["besluit"]
    direct = superuser_client.get(_path(full_zaak["besluit_url"])).json()
    assert {k: v for k, v in besluit.items() if k != "_expand"} == direct
    assert besluit["_expand"]["besluittype"]["url"] == besluit["besluittype"]
    listed = _get(superuser_client, f"zaken/{full_zaak['zaak']['uuid']}/besluiten", "besluit")
    assert listed.status_code == 200
    assert listed.json()[0]["_expand"]["besluit"]["identificatie"] == "B-17"


def test_expand_informatieobject_equals_the_documenten_read(superuser_client, full_zaak):
    path = _path(full_zaak["zio"]["url"]).removeprefix(ZAKEN + "/")
    response = _get(superuser_client, path, "informatieobject.informatieobjecttype")
    document = response.json()["_expand"]["informatieobject"]
    direct = superuser_client.get(_path(full_zaak["document"]["url"])).json()
    assert {k: v for k, v in document.items() if k != "_expand"} == direct
    assert document["_expand"]["informatieobjecttype"]["url"] == cat_url("informatieobjecttypen", full_zaak["iot"])


def test_expand_from_the_zaak_into_documents_at_depth_two_and_three(superuser_client, full_zaak):
    zaak = full_zaak["zaak"]
    response = _get(superuser_client, f"zaken/{zaak['uuid']}", "zaakinformatieobjecten.informatieobject,rollen.zaak")
    assert response.status_code == 200, response.json()
    [zio] = response.json()["_expand"]["zaakinformatieobjecten"]
    assert zio["_expand"]["informatieobject"]["url"] == full_zaak["document"]["url"]
    [rol] = response.json()["_expand"]["rollen"]
    assert rol["_expand"]["zaak"]["url"] == zaak["url"]
    search = superuser_client.post(
        f"{ZAKEN}/zaken/_zoek?expand=rollen.statussen.gezetdoor.roltype",
        {"uuid__in": [zaak["uuid"]]},
        format="json",
        **CRS,
    )
    assert search.status_code == 200, search.json()
    [found] = search.json()["results"]
    [status] = found["_expand"]["rollen"][0]["_expand"]["statussen"]
    assert status["_expand"]["gezetdoor"]["_expand"]["roltype"]["url"] == full_zaak["rol"]["roltype"]


def test_unknown_expand_field_on_a_sub_resource_is_400(superuser_client, full_zaak):
    response = _get(superuser_client, "rollen", "zaak.bestaatniet")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "invalid-expand-field"
    response = _get(superuser_client, f"zaken/{full_zaak['zaak']['uuid']}/besluiten", "besluit.bestaatniet")
    assert response.status_code == 400


# ---- autorisatie of every expanded object, per kind and at depth >= 2 -----------------------------------------


def _client(make_api_client, zaaktype, *extra: AutorisatieData):
    zaken = AutorisatieData(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype=cat_url("zaaktypen", zaaktype),
        max_vertrouwelijkheidaanduiding="zeer_geheim",
    )
    return make_api_client(autorisaties=[zaken, *extra])


def _drc(iot) -> AutorisatieData:
    return AutorisatieData(
        component="drc",
        scopes=["documenten.lezen"],
        informatieobjecttype=cat_url("informatieobjecttypen", iot),
        max_vertrouwelijkheidaanduiding="zeer_geheim",
    )


def test_document_hidden_without_documenten_lezen_at_every_depth(make_api_client, full_zaak, zaaktype):
    client = _client(make_api_client, zaaktype)
    zio_path = _path(full_zaak["zio"]["url"]).removeprefix(ZAKEN + "/")
    assert _get(client, zio_path, "informatieobject").json()["_expand"]["informatieobject"] == {}
    depth2 = _get(client, f"zaken/{full_zaak['zaak']['uuid']}", "zaakinformatieobjecten.informatieobject").json()
    assert depth2["_expand"]["zaakinformatieobjecten"][0]["_expand"]["informatieobject"] == {}
    status_path = _path(full_zaak["status"]["url"]).removeprefix(ZAKEN + "/")
    # depth 3: status → zaak → zaakinformatieobjecten → informatieobject
    depth3 = _get(client, status_path, "zaak.zaakinformatieobjecten.informatieobject").json()
    zio = depth3["_expand"]["zaak"]["_expand"]["zaakinformatieobjecten"][0]
    assert zio["url"] == full_zaak["zio"]["url"] and zio["_expand"]["informatieobject"] == {}


def test_document_of_another_informatieobjecttype_hidden(make_api_client, full_zaak, zaaktype):
    other = link_iotype(zaaktype, "Ander type")
    client = _client(make_api_client, zaaktype, _drc(other))
    depth2 = _get(client, f"zaken/{full_zaak['zaak']['uuid']}", "zaakinformatieobjecten.informatieobject").json()
    assert depth2["_expand"]["zaakinformatieobjecten"][0]["_expand"]["informatieobject"] == {}
    allowed = _client(make_api_client, zaaktype, _drc(full_zaak["iot"]))
    depth2 = _get(allowed, f"zaken/{full_zaak['zaak']['uuid']}", "zaakinformatieobjecten.informatieobject").json()
    assert (
        depth2["_expand"]["zaakinformatieobjecten"][0]["_expand"]["informatieobject"]["url"]
        == (full_zaak["document"]["url"])
    )


def test_besluit_hidden_without_besluiten_lezen(make_api_client, full_zaak, zaaktype, besluittype):
    path = _path(full_zaak["zaakbesluit"]).removeprefix(ZAKEN + "/")
    client = _client(make_api_client, zaaktype)
    assert _get(client, path, "besluit.besluittype").json()["_expand"]["besluit"] == {}
    brc = AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype=cat_url("besluittypen", besluittype))
    allowed = _client(make_api_client, zaaktype, brc)
    besluit = _get(allowed, path, "besluit.besluittype").json()["_expand"]["besluit"]
    assert besluit["identificatie"] == "B-17"
    assert besluit["_expand"]["besluittype"]["url"] == cat_url("besluittypen", besluittype)  # via zaken.lezen (ztc-014)


def test_zaak_of_an_unreadable_zaaktype_hidden_at_depth_two(make_api_client, superuser_client, full_zaak, catalogus):
    from tests.catalogi.conftest import make_zaaktype

    other_type = make_zaaktype(
        catalogus, concept=False, identificatie="ZT-ANDER", vertrouwelijkheidaanduiding="openbaar"
    )
    hoofd = create_zaak(superuser_client, other_type)
    zaak = full_zaak["zaak"]
    patched = superuser_client.patch(_path(zaak["url"]), {"hoofdzaak": hoofd["url"]}, format="json", **CRS)
    assert patched.status_code == 200, patched.json()
    zaaktype = full_zaak["zaak"]["zaaktype"]
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=zaaktype,
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    rol_path = _path(full_zaak["rol"]["url"]).removeprefix(ZAKEN + "/")
    body = _get(client, rol_path, "zaak.hoofdzaak").json()
    assert body["_expand"]["zaak"]["url"] == zaak["url"]
    assert body["_expand"]["zaak"]["_expand"]["hoofdzaak"] == {}  # its zaaktype is not granted
    visible = _get(superuser_client, rol_path, "zaak.hoofdzaak").json()
    assert visible["_expand"]["zaak"]["_expand"]["hoofdzaak"]["url"] == hoofd["url"]


def test_remote_document_fetched_once_and_judged_by_its_informatieobjecttype(
    make_api_client, superuser_client, zaaktype, responses_mock
):
    """A document of another Documenten API: fetched with the shared cache, shown only for documenten.lezen on its
    informatieobjecttype."""
    from django.core.cache import cache

    from zgw.zaken.models import ZaakInformatieObject

    cache.clear()
    iot = link_iotype(zaaktype)
    remote = "https://drc.example.nl/documenten/api/v1/enkelvoudiginformatieobjecten/1"
    document = {
        "url": remote,
        "informatieobjecttype": cat_url("informatieobjecttypen", iot),
        "vertrouwelijkheidaanduiding": "openbaar",
        "titel": "Op afstand",
    }
    responses_mock.get(remote, json=document)
    zaak = create_zaak(superuser_client, zaaktype)
    ZaakInformatieObject.objects.create(zaak_id=_zaak_pk(zaak), informatieobject_url=remote)
    allowed = _client(make_api_client, zaaktype, _drc(iot))
    for _ in range(2):
        body = _get(allowed, "zaakinformatieobjecten", "informatieobject").json()
        assert body[0]["_expand"]["informatieobject"]["titel"] == "Op afstand"
    assert len([c for c in responses_mock.calls if c.request.url == remote]) == 1  # the cache answered the second
    refused = _client(make_api_client, zaaktype)
    assert _get(refused, "zaakinformatieobjecten", "informatieobject").json()[0]["_expand"]["informatieobject"] == {}


# ---- bounded work ------------------------------------------------------------------------------------------------


@pytest.fixture
def behandelaar(zaaktype):
    from zgw.catalogi.models import RolType

    return RolType.objects.create(
        zaaktype=zaaktype,
        omschrijving="Behandelaar",
        omschrijving_generiek="behandelaar",
        datum_begin_geldigheid=datetime.date(2024, 1, 1),
    )


def _add_rollen(client, zaak: dict, roltype, count: int) -> None:
    for index in range(count):
        response = post(
            client,
            "rollen",
            {
                "zaak": zaak["url"],
                "betrokkeneType": "medewerker",
                "roltoelichting": f"rol {index}",
                "roltype": cat_url("roltypen", roltype),
                "betrokkeneIdentificatie": {"identificatie": f"m{index}"},
            },
        )
        assert response.status_code == 201, response.json()["invalidParams"]


def test_sub_resource_query_count_grows_per_level_not_per_object(superuser_client, zaaktype, behandelaar):
    def measure() -> int:
        EXPAND_MEMO.clear()  # cold: the Catalogi levels are loaded, not taken from the kept renderings
        with CaptureQueriesContext(connection) as queries:
            response = _get(superuser_client, "rollen", "zaak.zaaktype,roltype,zaak.rollen.roltype")
            assert response.status_code == 200, response.json()
        return len(queries)

    zaak = create_zaak(superuser_client, zaaktype)
    _add_rollen(superuser_client, zaak, behandelaar, 2)
    small = measure()
    _add_rollen(superuser_client, zaak, behandelaar, 6)
    other = create_zaak(superuser_client, zaaktype)
    _add_rollen(superuser_client, other, behandelaar, 4)
    assert measure() == small  # 12 rollen over two zaken cost what 2 rollen of one zaak cost


def test_expand_limit_on_a_sub_resource_list_is_a_400(superuser_client, zaaktype, behandelaar, settings):
    zaak = create_zaak(superuser_client, zaaktype)
    _add_rollen(superuser_client, zaak, behandelaar, 3)
    settings.ZGW_EXPAND_MAX_OBJECTS = 4
    assert _get(superuser_client, "rollen", "zaak,roltype").status_code == 200  # 1 zaak + 1 roltype
    response = _get(superuser_client, "rollen", "zaak.rollen.statussen,roltype")  # 1 + 3 rollen + 1 roltype: 5
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "expand-limit"


# ---- the Zaken kinds for the APIs beside this one -----------------------------------------------------------------


def test_zaken_kinds_registered_for_other_apis(superuser_client, zaaktype):
    """Besluiten expands ``besluit.zaak`` with ``registered_kinds("zaken")``; the kinds judge like a direct read."""
    from django.test import RequestFactory

    from zgw.common import expand as engine
    from zgw.common.auth import ClientAuth
    from zgw.zaken.api import expand as zaken_expand

    kinds = engine.registered_kinds("zaken")
    assert {"zaak", "status", "rol", "resultaat", "zaakinformatieobject", "zaakobject", "zaakbesluit"} <= set(kinds)
    assert kinds["zaakinformatieobject"].links["informatieobject"].kind == "enkelvoudiginformatieobject"
    assert kinds["zaakbesluit"].links["besluit"].kind == "besluit"
    assert set(kinds) <= set(zaken_expand.graph())  # graph(): the Zaken kinds plus those they point at
    zaak = create_zaak(superuser_client, zaaktype)
    for heeft_alle, expected in ((True, zaak["url"]), (False, None)):
        request = RequestFactory().get("/besluiten/api/v1/besluiten")
        request.auth = ClientAuth(client_id="zaken-kinds", heeft_alle_autorisaties=heeft_alle, grants=())
        resolver = engine.Resolver({**zaken_expand.graph(), **kinds}, request)
        resolver.resolve({"zaak": [zaak["url"]]})
        assert resolver.get("zaak", zaak["url"]).get("url") == expected
