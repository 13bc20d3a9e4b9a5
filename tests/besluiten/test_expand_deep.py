"""Besluiten 1.1.0 ``expand`` through the shared engine: into Zaken, Documenten and Catalogi at any depth, each
embedded object judged as a direct read of it, and a query count that grows per level, not per besluit."""

from __future__ import annotations

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData
from zgw.besluiten.models import has_local_zaak
from zgw.common.expand import MEMO as EXPAND_MEMO

from .conftest import BESLUITEN, BIOS, RSIN, besluit_body, local_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not has_local_zaak(), reason="zgw.zaken.models.Zaak / Besluit.zaak not available yet"),
]

CRS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}


@pytest.fixture
def zaaktype_url(zaaktype) -> str:
    return local_url("catalogi", "zaaktypen", zaaktype)


@pytest.fixture
def iot_url(informatieobjecttype) -> str:
    return local_url("catalogi", "informatieobjecttypen", informatieobjecttype)


@pytest.fixture
def make_zaak(superuser_client, zaaktype_url):
    def factory(**extra) -> dict:
        body = {
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "zaaktype": zaaktype_url,
            "startdatum": "2024-01-01",
            **extra,
        }
        response = superuser_client.post("/zaken/api/v1/zaken", body, format="json", **CRS)
        assert response.status_code == 201, response.json()
        return response.json()

    return factory


@pytest.fixture
def make_besluit(superuser_client, besluittype_url):
    def factory(**overrides) -> dict:
        response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, **overrides), format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    return factory


@pytest.fixture
def real_document(superuser_client, iot_url, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    response = superuser_client.post(
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": RSIN,
            "creatiedatum": "2024-03-01",
            "titel": "Besluitbrief",
            "auteur": "Ambtenaar",
            "taal": "dut",
            "informatieobjecttype": iot_url,
            "inhoud": base64.b64encode(b"besluit").decode(),
            "bestandsnaam": "besluit.txt",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def linked(superuser_client, make_zaak, make_besluit, real_document) -> dict:
    """A zaak with a besluit that is recorded in a document (all local)."""
    zaak = make_zaak()
    besluit = make_besluit(zaak=zaak["url"])
    bio = superuser_client.post(
        BIOS, {"besluit": besluit["url"], "informatieobject": real_document["url"]}, format="json"
    )
    assert bio.status_code == 201, bio.json()
    return {"zaak": zaak, "besluit": besluit, "bio": bio.json(), "document": real_document}


def test_besluit_zaak_to_depth_three(superuser_client, linked, zaaktype_url, catalogus):
    data = superuser_client.get(linked["besluit"]["url"], {"expand": "zaak.zaaktype.catalogus"}).json()
    zaak = data["_expand"]["zaak"]
    assert zaak["url"] == linked["zaak"]["url"]
    assert zaak["_expand"]["zaaktype"]["url"] == zaaktype_url
    assert zaak["_expand"]["zaaktype"]["_expand"]["catalogus"]["url"] == local_url(
        "catalogi", "catalogussen", catalogus
    )
    assert set(data["_expand"]) == {"zaak"}


def test_besluittype_onward_into_catalogi(superuser_client, linked, zaaktype_url, iot_url):
    data = superuser_client.get(
        BESLUITEN, {"expand": "besluittype.zaaktypen,besluittype.informatieobjecttypen"}
    ).json()["results"][0]
    besluittype = data["_expand"]["besluittype"]
    assert [zt["url"] for zt in besluittype["_expand"]["zaaktypen"]] == [zaaktype_url]
    assert [iot["url"] for iot in besluittype["_expand"]["informatieobjecttypen"]] == [iot_url]


def test_bio_to_depth_four(superuser_client, linked, zaaktype_url, iot_url):
    data = superuser_client.get(
        linked["bio"]["url"], {"expand": "besluit.zaak.zaaktype.catalogus,informatieobject.informatieobjecttype"}
    ).json()
    besluit = data["_expand"]["besluit"]
    assert besluit["url"] == linked["besluit"]["url"]
    assert besluit["_expand"]["zaak"]["_expand"]["zaaktype"]["url"] == zaaktype_url
    assert besluit["_expand"]["zaak"]["_expand"]["zaaktype"]["_expand"]["catalogus"]["url"]
    document = data["_expand"]["informatieobject"]
    assert document["url"] == linked["document"]["url"]
    assert document["titel"] == "Besluitbrief"
    assert document["_expand"]["informatieobjecttype"]["url"] == iot_url
    listed = superuser_client.get(BIOS, {"expand": "besluit.zaak"}).json()
    assert listed[0]["_expand"]["besluit"]["_expand"]["zaak"]["url"] == linked["zaak"]["url"]


def test_more_than_max_levels_is_400(superuser_client, linked):
    path = ".".join(["zaak", "hoofdzaak", "hoofdzaak", "hoofdzaak", "hoofdzaak"] + ["hoofdzaak"] * 6)
    response = superuser_client.get(linked["besluit"]["url"], {"expand": path})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "recursion-limit"


def test_expand_limit(superuser_client, linked, settings):
    settings.ZGW_EXPAND_MAX_OBJECTS = 1
    response = superuser_client.get(BIOS, {"expand": "besluit.zaak"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "expand-limit"


# ---- authorisation at every depth ------------------------------------------------------------------------------


def _scoped(make_api_client, besluittype_url, *extra: AutorisatieData):
    return make_api_client(
        autorisaties=[
            AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype=besluittype_url),
            AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
            *extra,
        ]
    )


def test_zaak_hidden_without_zaken_lezen_for_its_zaaktype(make_api_client, linked, besluittype_url, catalogus):
    from zgw.catalogi.models import ZaakType

    other = ZaakType.objects.get()
    other.pk, other.uuid, other.identificatie = None, None, "ZT-ANDER"
    import uuid as uuid_module

    other.uuid = uuid_module.uuid4()
    other.save()
    other_url = local_url("catalogi", "zaaktypen", other)
    client = _scoped(
        make_api_client,
        besluittype_url,
        AutorisatieData(
            component="zrc", scopes=["zaken.lezen"], zaaktype=other_url, max_vertrouwelijkheidaanduiding="zeer_geheim"
        ),
    )
    data = client.get(linked["besluit"]["url"], {"expand": "zaak.zaaktype,besluittype"}).json()
    assert data["_expand"]["zaak"] == {}
    assert data["_expand"]["besluittype"]["url"] == besluittype_url
    listed = client.get(BESLUITEN, {"expand": "zaak"}).json()["results"]
    assert [item["_expand"]["zaak"] for item in listed] == [{}]
    bio = client.get(linked["bio"]["url"], {"expand": "besluit.zaak.zaaktype"}).json()
    assert bio["_expand"]["besluit"]["url"] == linked["besluit"]["url"]
    assert bio["_expand"]["besluit"]["_expand"]["zaak"] == {}
    listed_bios = client.get(BIOS, {"expand": "besluit.zaak.zaaktype"}).json()
    assert listed_bios[0]["_expand"]["besluit"]["_expand"]["zaak"] == {}


def test_zaak_hidden_above_the_clients_vertrouwelijkheid(
    make_api_client, superuser_client, make_zaak, make_besluit, besluittype_url, zaaktype_url
):
    secret = make_zaak(vertrouwelijkheidaanduiding="geheim")
    open_ = make_zaak()
    hidden = make_besluit(zaak=secret["url"])
    shown = make_besluit(zaak=open_["url"])
    client = _scoped(
        make_api_client,
        besluittype_url,
        AutorisatieData(
            component="zrc", scopes=["zaken.lezen"], zaaktype=zaaktype_url, max_vertrouwelijkheidaanduiding="openbaar"
        ),
    )
    assert client.get(hidden["url"], {"expand": "zaak"}).json()["_expand"]["zaak"] == {}
    assert client.get(shown["url"], {"expand": "zaak"}).json()["_expand"]["zaak"]["url"] == open_["url"]
    # the same zaak for a client with every right
    assert superuser_client.get(hidden["url"], {"expand": "zaak"}).json()["_expand"]["zaak"]["url"] == secret["url"]


def test_zaak_shown_with_zaken_lezen_for_its_zaaktype(make_api_client, linked, besluittype_url, zaaktype_url):
    client = _scoped(
        make_api_client,
        besluittype_url,
        AutorisatieData(
            component="zrc",
            scopes=["zaken.lezen"],
            zaaktype=zaaktype_url,
            max_vertrouwelijkheidaanduiding="zeer_geheim",
        ),
    )
    bio = client.get(linked["bio"]["url"], {"expand": "besluit.zaak.zaaktype"}).json()
    zaak = bio["_expand"]["besluit"]["_expand"]["zaak"]
    assert zaak["url"] == linked["zaak"]["url"]
    assert zaak["_expand"]["zaaktype"]["url"] == zaaktype_url


def test_document_hidden_without_documenten_lezen_for_its_type(
    make_api_client, linked, besluittype_url, iot_url, informatieobjecttype
):
    without = _scoped(make_api_client, besluittype_url)
    data = without.get(linked["bio"]["url"], {"expand": "informatieobject.informatieobjecttype"}).json()
    assert data["_expand"]["informatieobject"] == {}
    other_type = f"http://testserver/catalogi/api/v1/informatieobjecttypen/{'0' * 8}-0000-4000-8000-{'0' * 12}"
    wrong_type = _scoped(
        make_api_client,
        besluittype_url,
        AutorisatieData(
            component="drc",
            scopes=["documenten.lezen"],
            informatieobjecttype=other_type,
            max_vertrouwelijkheidaanduiding="zeer_geheim",
        ),
    )
    assert wrong_type.get(linked["bio"]["url"], {"expand": "informatieobject"}).json()["_expand"] == {
        "informatieobject": {}
    }
    right_type = _scoped(
        make_api_client,
        besluittype_url,
        AutorisatieData(
            component="drc",
            scopes=["documenten.lezen"],
            informatieobjecttype=iot_url,
            max_vertrouwelijkheidaanduiding="zeer_geheim",
        ),
    )
    document = right_type.get(linked["bio"]["url"], {"expand": "informatieobject"}).json()["_expand"][
        "informatieobject"
    ]
    assert document["url"] == linked["document"]["url"]


def test_catalogi_types_hidden_without_read_rights_on_catalogi(make_api_client, linked, besluittype_url):
    brc_only = make_api_client(
        autorisaties=[AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype=besluittype_url)]
    )
    data = brc_only.get(linked["bio"]["url"], {"expand": "besluit.besluittype,besluit.zaak"}).json()
    assert data["_expand"]["besluit"]["_expand"] == {"besluittype": {}, "zaak": {}}


# ---- query counts ------------------------------------------------------------------------------------------------


def _count(client, path: str, params: dict) -> int:
    EXPAND_MEMO.clear()  # cold: the Catalogi levels are loaded, not taken from the kept renderings
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200, response.json()
    return len(captured)


EXPAND_3 = "besluittype,zaak.zaaktype.catalogus"


def test_query_count_grows_per_level_not_per_besluit(superuser_client, make_zaak, make_besluit):
    for _ in range(2):
        make_besluit(zaak=make_zaak()["url"])
    plain_2 = _count(superuser_client, BESLUITEN, {})
    expanded_2 = _count(superuser_client, BESLUITEN, {"expand": EXPAND_3})
    for _ in range(18):
        make_besluit(zaak=make_zaak()["url"])
    plain_20 = _count(superuser_client, BESLUITEN, {})
    expanded_20 = _count(superuser_client, BESLUITEN, {"expand": EXPAND_3})
    assert superuser_client.get(BESLUITEN, {"expand": EXPAND_3}).json()["count"] == 20
    assert plain_20 == plain_2
    assert expanded_20 == expanded_2, (expanded_2, expanded_20)
    # one load per kind and level, each with its fixed prefetches: besluittype 4, zaak 1, zaaktype 10, catalogus 4
    # Catalogi 1.3.3 resolves the by-name relations of every embedded type per page (catalogi/relations.py)
    assert expanded_20 - plain_20 <= 23, expanded_20 - plain_20


def test_bio_query_count_grows_per_level(superuser_client, make_zaak, make_besluit, make_document):
    def add(n: int) -> None:
        for _ in range(n):
            besluit = make_besluit(zaak=make_zaak()["url"])
            document = local_url("documenten", "enkelvoudiginformatieobjecten", make_document())
            response = superuser_client.post(
                BIOS, {"besluit": besluit["url"], "informatieobject": document}, format="json"
            )
            assert response.status_code == 201, response.json()

    add(2)
    few = _count(superuser_client, BIOS, {"expand": "besluit.zaak.zaaktype,informatieobject"})
    add(18)
    many = _count(superuser_client, BIOS, {"expand": "besluit.zaak.zaaktype,informatieobject"})
    assert len(superuser_client.get(BIOS).json()) == 20
    assert many == few, (few, many)
    # bio list 1; then one load per kind and level: besluit 1, zaak 1, zaaktype 10 (its prefetches), document 2
    assert many <= 16, many  # + the by-name relation pass of Catalogi 1.3.3


# ---- remote objects: the same judgement, on the type and level they carry ------------------------------------


def test_remote_document_and_zaak_judged_like_local_ones(make_api_client, superuser_client, mocked):
    from .conftest import remote_besluittype, remote_document, remote_zaak, remote_zaaktype

    iot = "https://catalogi.example.com/api/v1/informatieobjecttypen/00000000-0000-4000-8000-00000000000b"
    besluittype = remote_besluittype(iots=[iot])
    document = {**remote_document(iot), "vertrouwelijkheidaanduiding": "vertrouwelijk"}
    zaaktype = remote_zaaktype([besluittype["url"]])["url"]
    zaak = remote_zaak(zaaktype)
    for data in (besluittype, document, zaak, remote_zaaktype([besluittype["url"]]) | {"url": zaaktype}):
        mocked.get(data["url"], json=data)
    mocked.post(f"{zaak['url']}/besluiten", status=201, json={"url": f"{zaak['url']}/besluiten/1"})
    mocked.post(
        "https://documenten.example.com/api/v1/objectinformatieobjecten",
        status=201,
        json={"url": "https://documenten.example.com/api/v1/objectinformatieobjecten/1"},
    )
    created = superuser_client.post(BESLUITEN, besluit_body(besluittype["url"], zaak=zaak["url"]), format="json")
    assert created.status_code == 201, created.json()
    besluit = created.json()
    bio = superuser_client.post(
        BIOS, {"besluit": besluit["url"], "informatieobject": document["url"]}, format="json"
    ).json()
    brc = AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype=besluittype["url"])

    def drc(level: str) -> AutorisatieData:
        return AutorisatieData(
            component="drc",
            scopes=["documenten.lezen"],
            informatieobjecttype=iot,
            max_vertrouwelijkheidaanduiding=level,
        )

    def zrc(zt: str) -> AutorisatieData:
        return AutorisatieData(
            component="zrc", scopes=["zaken.lezen"], zaaktype=zt, max_vertrouwelijkheidaanduiding="zeer_geheim"
        )

    low = make_api_client(autorisaties=[brc, drc("openbaar"), zrc(f"{zaaktype}-ander")])
    data = low.get(bio["url"], {"expand": "informatieobject,besluit.zaak"}).json()["_expand"]
    assert data["informatieobject"] == {}
    assert data["besluit"]["_expand"]["zaak"] == {}
    high = make_api_client(autorisaties=[brc, drc("geheim"), zrc(zaaktype)])
    data = high.get(bio["url"], {"expand": "informatieobject,besluit.zaak"}).json()["_expand"]
    assert data["informatieobject"] == document
    assert data["besluit"]["_expand"]["zaak"] == zaak
