"""expand into every URL field of an expanded Catalogi type (zaken.md §7, zrc-025/026/027, issue 14 §2).

The expanded Catalogi objects must be exactly what the Catalogi API answers for them; the number of queries must
depend on the number of levels, not on how many objects a level holds.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalogi.conftest import make_besluittype, make_zaaktype
from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as cm

from .conftest import CRS, cat_url, create_zaak, link_iotype, make_statustype, post

pytestmark = pytest.mark.django_db

ZAAKTYPE_FIELDS = (
    "catalogus",
    "statustypen",
    "resultaattypen",
    "eigenschappen",
    "roltypen",
    "zaakobjecttypen",
    "informatieobjecttypen",
    "besluittypen",
    "deelzaaktypen",
    "gerelateerdeZaaktypen",
)


def _path(url: str) -> str:
    return url.replace("http://testserver", "")


def _own(item: dict) -> dict:
    return {key: value for key, value in item.items() if key != "_expand"}


def _same_as_catalogi(client, items: list[dict]) -> None:
    for item in items:
        assert client.get(_path(item["url"])).json() == _own(item), item["url"]


@pytest.fixture
def full_zaaktype(zaaktype, catalogus, statustypen, resultaattype, roltype, eigenschap):
    """The zaaktype with at least one object behind every URL field."""
    deel = make_zaaktype(catalogus, concept=False, identificatie="ZT-DEEL")
    related = make_zaaktype(catalogus, concept=False, identificatie="ZT-REL")
    zaaktype.deelzaaktypen.add(deel)
    cm.ZaakTypenRelatie.objects.create(
        zaaktype=zaaktype, gerelateerd_zaaktype=cat_url("zaaktypen", related), aard_relatie="bijdrage"
    )
    besluittype = make_besluittype(catalogus, concept=False)
    zaaktype.besluittypen.add(besluittype)
    resultaattype.besluittypen.add(besluittype)
    link_iotype(zaaktype)
    cm.ZaakObjectType.objects.create(
        zaaktype=zaaktype,
        catalogus=catalogus,
        ander_objecttype=False,
        objecttype="https://objecttypen.example.nl/api/v1/objecttypen/1",
        relatie_omschrijving="betreft",
        datum_begin_geldigheid=statustypen[0].datum_begin_geldigheid,
    )
    return zaaktype


def test_zrc_026_expand_every_url_field_of_the_zaaktype(superuser_client, full_zaaktype):
    zaak = create_zaak(superuser_client, full_zaaktype)
    paths = ",".join(f"zaaktype.{name}" for name in ZAAKTYPE_FIELDS)
    response = superuser_client.get(f"{_path(zaak['url'])}?expand={paths}", **CRS)
    assert response.status_code == 200, response.json()
    zaaktype = response.json()["_expand"]["zaaktype"]
    embedded = zaaktype["_expand"]
    assert _own(zaaktype) == superuser_client.get(_path(zaak["zaaktype"])).json()
    assert embedded["catalogus"]["url"] == zaaktype["catalogus"]
    _same_as_catalogi(superuser_client, [embedded["catalogus"]])
    for name in ZAAKTYPE_FIELDS[1:]:
        urls = zaaktype[name] if name != "gerelateerdeZaaktypen" else [r["zaaktype"] for r in zaaktype[name]]
        assert urls, name
        assert [item["url"] for item in embedded[name]] == urls, name
        _same_as_catalogi(superuser_client, embedded[name])


def test_zrc_026_expand_types_of_sub_resources(superuser_client, full_zaaktype, statustypen, resultaattype, roltype):
    zaak = create_zaak(superuser_client, full_zaaktype)
    status = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-02T10:00:00Z",
    }
    assert post(superuser_client, "statussen", status).status_code == 201
    resultaat = {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    assert post(superuser_client, "resultaten", resultaat).status_code == 201
    rol = {
        "zaak": zaak["url"],
        "betrokkeneType": "medewerker",
        "roltype": cat_url("roltypen", roltype),
        "roltoelichting": "behandelaar",
        "betrokkene": "https://example.com/mw/1",
    }
    assert post(superuser_client, "rollen", rol).status_code == 201
    expand = (
        "status.statustype.zaaktype,rollen.roltype.catalogus,resultaat.resultaattype.besluittypen,"
        "resultaat.resultaattype.zaaktype"
    )
    response = superuser_client.get(f"{_path(zaak['url'])}?expand={expand}", **CRS)
    assert response.status_code == 200, response.json()
    embedded = response.json()["_expand"]
    statustype = embedded["status"]["_expand"]["statustype"]
    assert statustype["url"] == cat_url("statustypen", statustypen[0])
    assert statustype["_expand"]["zaaktype"]["url"] == zaak["zaaktype"]
    roltype_json = embedded["rollen"][0]["_expand"]["roltype"]
    assert roltype_json["_expand"]["catalogus"]["url"] == roltype_json["catalogus"]
    resultaattype_json = embedded["resultaat"]["_expand"]["resultaattype"]
    assert [b["url"] for b in resultaattype_json["_expand"]["besluittypen"]] == resultaattype_json["besluittypen"]
    assert resultaattype_json["_expand"]["zaaktype"]["url"] == zaak["zaaktype"]
    _same_as_catalogi(
        superuser_client,
        [statustype, roltype_json, resultaattype_json, *resultaattype_json["_expand"]["besluittypen"]],
    )


def test_expand_eigenschappen_eigenschap(superuser_client, zaaktype, eigenschap):
    """Zaakeigenschappen live at a nested URL (/zaken/{uuid}/zaakeigenschappen/{uuid}); they expand too."""
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20240301"}
    created = post(superuser_client, f"zaken/{zaak['uuid']}/zaakeigenschappen", body)
    assert created.status_code == 201, created.json()
    response = superuser_client.get(f"{_path(zaak['url'])}?expand=eigenschappen.eigenschap", **CRS)
    assert response.status_code == 200, response.json()
    [item] = response.json()["_expand"]["eigenschappen"]
    assert item["url"] == created.json()["url"]
    assert item["_expand"]["eigenschap"]["url"] == cat_url("eigenschappen", eigenschap)


def test_zrc_026_expand_depth_not_truncated_at_three_levels(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"{_path(zaak['url'])}?expand=zaaktype.catalogus.zaaktypen.statustypen", **CRS)
    assert response.status_code == 200, response.json()
    catalogus = response.json()["_expand"]["zaaktype"]["_expand"]["catalogus"]
    zaaktypen = catalogus["_expand"]["zaaktypen"]
    assert [z["url"] for z in zaaktypen] == catalogus["zaaktypen"]
    assert all("statustypen" in z["_expand"] for z in zaaktypen)  # zrc-026 (1.6): the fourth level is expanded


@pytest.mark.parametrize(
    "value",
    [
        "zaaktype.bestaatniet",
        "zaaktype.catalogus.bestaatniet",
        "zaaktype.selectielijstProcestype",  # zrc-025: another registry
        "zaaktype.productenOfDiensten",
        "zaaktype.catalogus.zaaktypen.statustypen.bestaatniet",  # checked at every level
        "status.statustype.checklistitemStatustype",
    ],
)
def test_zrc_027_expand_attribute_not_of_the_type_is_400(superuser_client, zaaktype, value):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"{_path(zaak['url'])}?expand={value}", **CRS)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "expand"
    assert response.json()["invalidParams"][0]["code"] == "invalid-expand-field"


def test_expand_catalogi_in_zoek_body(superuser_client, full_zaaktype):
    zaak = create_zaak(superuser_client, full_zaaktype)
    body = {"uuid__in": [zaak["uuid"]], "expand": "zaaktype.statustypen,zaaktype.besluittypen"}
    response = post(superuser_client, "zaken/_zoek", body)
    assert response.status_code == 200, response.json()
    embedded = response.json()["results"][0]["_expand"]["zaaktype"]["_expand"]
    assert len(embedded["statustypen"]) == 2 and len(embedded["besluittypen"]) == 1


def test_expand_catalogi_queries_grow_per_level_not_per_object(superuser_client, zaaktype, catalogus, statustypen):
    """1 versus 5 statustypen and besluittypen, 1 versus 3 zaken (list): the same number of queries."""
    make_besluittype(catalogus, concept=False)
    zaaktype.besluittypen.add(*cm.BesluitType.objects.all())
    zaak = create_zaak(superuser_client, zaaktype)
    detail = f"{_path(zaak['url'])}?expand=zaaktype.statustypen,zaaktype.besluittypen.informatieobjecttypen"
    listing = "/zaken/api/v1/zaken?expand=zaaktype.statustypen,zaaktype.besluittypen,status.statustype"
    cm.StatusType.objects.exclude(pk=statustypen[0].pk).delete()

    def measure(path: str) -> tuple[int, dict]:
        superuser_client.get(path, **CRS)  # warm per-process caches (base URLs, autorisaties)
        with CaptureQueriesContext(connection) as ctx:
            response = superuser_client.get(path, **CRS)
        assert response.status_code == 200, response.json()
        return len(ctx), response.json()

    few_detail, data = measure(detail)
    assert len(data["_expand"]["zaaktype"]["_expand"]["statustypen"]) == 1
    few_list, _ = measure(listing)
    for volgnummer in range(2, 6):
        make_statustype(zaaktype, volgnummer)
        make_besluittype(catalogus, concept=False, omschrijving=f"Besluit {volgnummer}")
    zaaktype.besluittypen.add(*cm.BesluitType.objects.all())
    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-2")
    make_statustype(other, 1)
    create_zaak(superuser_client, other)
    create_zaak(superuser_client, zaaktype)
    many_detail, data = measure(detail)
    embedded = data["_expand"]["zaaktype"]["_expand"]
    assert len(embedded["statustypen"]) == 5 and len(embedded["besluittypen"]) == 5
    many_list, data = measure(listing)
    assert len(data["results"]) == 3
    assert many_detail == few_detail
    assert many_list == few_list
    # zaak + zaaktype level + statustypen + besluittypen + their informatieobjecttypen, each a few prefetches
    # + the by-name relation pass of Catalogi 1.3.3 per type level (catalogi/relations.py)
    assert many_detail <= (20 if connection.vendor == "postgresql" else 40)


def test_expanded_catalogi_pass_the_catalogi_read_rule(make_api_client, superuser_client, zaaktype):
    """An expanded Catalogi object is shown exactly when the client could GET it (ztc-014: zaken.lezen and
    documenten.lezen count as catalogi.lezen); a zaak the client may not read is not expanded at all."""
    from rest_framework.test import APIRequestFactory

    from zgw.catalogi.api.expand import may_read

    zaak = create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="openbaar")
    zaaktype_url = cat_url("zaaktypen", zaaktype)
    clients = {
        "zaken": AutorisatieData(
            component="zrc", scopes=["zaken.lezen"], zaaktype=zaaktype_url, max_vertrouwelijkheidaanduiding="openbaar"
        ),
        "catalogi": AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
        "documenten": AutorisatieData(
            component="drc",
            scopes=["documenten.lezen"],
            informatieobjecttype="https://x.example.nl/iot/1",
            max_vertrouwelijkheidaanduiding="openbaar",
        ),
        "aanmaken": AutorisatieData(
            component="zrc",
            scopes=["zaken.aanmaken"],
            zaaktype=zaaktype_url,
            max_vertrouwelijkheidaanduiding="openbaar",
        ),
    }
    for label, autorisatie in clients.items():
        client = make_api_client(autorisaties=[autorisatie])
        direct = client.get(_path(zaaktype_url)).status_code
        assert direct in (200, 403), label
        request = APIRequestFactory().get("/")
        request.user, request.auth = _authenticate(client)
        assert may_read(request) == (direct == 200), label
    reader = make_api_client(autorisaties=[clients["zaken"]])
    expanded = reader.get(f"{_path(zaak['url'])}?expand=zaaktype.statustypen", **CRS)
    assert expanded.status_code == 200
    assert expanded.json()["_expand"]["zaaktype"]["url"] == zaaktype_url


def _authenticate(client):
    """(user, auth) as the JWT authentication makes them for ``client``'s token."""
    from rest_framework.test import APIRequestFactory

    from zgw.common.auth import JWTAuthentication

    token = client._credentials["HTTP_AUTHORIZATION"]
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=token)
    from rest_framework.request import Request

    return JWTAuthentication().authenticate(Request(request))


REMOTE_ZTC = "https://ztc.example.nl/catalogi/api/v1"
REMOTE_ZRC = "https://zrc.example.nl/zaken/api/v1"


def test_expand_remote_zaaktype_and_its_statustypen(superuser_client, responses_mock):
    """A zaaktype of another Catalogi API: fetched, and its statustypen fetched in turn (the same paths)."""
    import uuid

    zaaktype_url = f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}"
    statustype_urls = [f"{REMOTE_ZTC}/statustypen/{uuid.uuid4()}" for _ in range(2)]
    zaaktype_json = {
        "url": zaaktype_url,
        "concept": False,
        "vertrouwelijkheidaanduiding": "openbaar",
        "statustypen": statustype_urls,
        "catalogus": f"{REMOTE_ZTC}/catalogussen/{uuid.uuid4()}",
    }
    responses_mock.get(zaaktype_url, json=zaaktype_json)
    for number, url in enumerate(statustype_urls, start=1):
        responses_mock.get(url, json={"url": url, "zaaktype": zaaktype_url, "volgnummer": number})
    responses_mock.get(zaaktype_json["catalogus"], status=404)
    body = {"zaaktype": zaaktype_url, "bronorganisatie": "002564440", "verantwoordelijkeOrganisatie": "002564440"}
    zaak = post(superuser_client, "zaken", {**body, "startdatum": "2024-01-01"}).json()
    response = superuser_client.get(
        f"{_path(zaak['url'])}?expand=zaaktype.statustypen.zaaktype,zaaktype.catalogus", **CRS
    )
    assert response.status_code == 200, response.json()
    expanded = response.json()["_expand"]["zaaktype"]
    assert [s["volgnummer"] for s in expanded["_expand"]["statustypen"]] == [1, 2]
    assert expanded["_expand"]["statustypen"][0]["_expand"]["zaaktype"]["url"] == zaaktype_url
    assert expanded["_expand"]["catalogus"] == {}  # unreachable: an empty object, not an error


def test_zrc_006_remote_relevante_zaak_judged_on_its_own_zaaktype(
    superuser_client, make_api_client, zaaktype, responses_mock
):
    import uuid

    visible = f"{REMOTE_ZRC}/zaken/{uuid.uuid4()}"
    hidden = f"{REMOTE_ZRC}/zaken/{uuid.uuid4()}"
    own_type = cat_url("zaaktypen", zaaktype)
    responses_mock.get(visible, json={"url": visible, "zaaktype": own_type, "vertrouwelijkheidaanduiding": "openbaar"})
    responses_mock.get(
        hidden,
        json={
            "url": hidden,
            "zaaktype": f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}",
            "vertrouwelijkheidaanduiding": "openbaar",
        },
    )
    relevant = [{"url": url, "aardRelatie": "onderwerp"} for url in (hidden, visible)]
    zaak = create_zaak(
        superuser_client, zaaktype, vertrouwelijkheidaanduiding="openbaar", relevanteAndereZaken=relevant
    )
    reader = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc", scopes=["zaken.lezen"], zaaktype=own_type, max_vertrouwelijkheidaanduiding="openbaar"
            )
        ]
    )
    response = reader.get(f"{_path(zaak['url'])}?expand=relevanteAndereZaken", **CRS)
    assert response.status_code == 200, response.json()
    assert [z["url"] for z in response.json()["_expand"]["relevanteAndereZaken"]] == [visible]
    everything = superuser_client.get(f"{_path(zaak['url'])}?expand=relevanteAndereZaken", **CRS)
    assert [z["url"] for z in everything.json()["_expand"]["relevanteAndereZaken"]] == [hidden, visible]
