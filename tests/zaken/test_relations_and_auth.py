"""ZIO mirrors (zrc-003..005), remote types, and the autorisatie per endpoint (zrc-006)."""

from __future__ import annotations

import uuid

import pytest
import responses

from tests.documenten.conftest import EIO_LIST, eio_body
from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as cm
from zgw.documenten.models import ObjectInformatieObject
from zgw.zaken.models import ZaakInformatieObject

from .conftest import CRS, RSIN, cat_url, create_zaak, link_iotype, post, zaak_payload

pytestmark = pytest.mark.django_db

REMOTE_DRC = "https://drc.example.nl/documenten/api/v1"
REMOTE_ZTC = "https://ztc.example.nl/catalogi/api/v1"


@pytest.fixture
def document(superuser_client, iotype, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = str(tmp_path)
    response = superuser_client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iotype)), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_zrc_005_local_zio_creates_and_removes_mirror(superuser_client, zaaktype, document):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    assert ObjectInformatieObject.objects.filter(object=zaak["url"], object_type="zaak").count() == 1
    again = post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    assert again.status_code == 400
    deleted = superuser_client.delete(response.json()["url"].replace("http://testserver", ""))
    assert deleted.status_code == 204
    assert not ObjectInformatieObject.objects.filter(object=zaak["url"]).exists()


def test_zrc_004_zio_relation_is_immutable(superuser_client, zaaktype, document):
    zaak = create_zaak(superuser_client, zaaktype)
    other = create_zaak(superuser_client, zaaktype)
    zio = post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    response = superuser_client.patch(
        zio.json()["url"].replace("http://testserver", ""), {"zaak": other["url"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"


def test_zrc_005_remote_document_mirrored_over_http(superuser_client, zaaktype, iotype, responses_mock):
    doc_url = f"{REMOTE_DRC}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    responses_mock.get(doc_url, json={"url": doc_url, "informatieobjecttype": cat_url("informatieobjecttypen", iotype)})
    mirror = responses_mock.post(f"{REMOTE_DRC}/objectinformatieobjecten", json={"url": "x"}, status=201)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": doc_url})
    assert response.status_code == 201, response.json()
    assert mirror.call_count == 1


def test_zrc_005_remote_mirror_failure_rolls_back(superuser_client, zaaktype, iotype, responses_mock):
    doc_url = f"{REMOTE_DRC}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    responses_mock.get(doc_url, json={"url": doc_url, "informatieobjecttype": cat_url("informatieobjecttypen", iotype)})
    responses_mock.post(f"{REMOTE_DRC}/objectinformatieobjecten", json={}, status=500)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": doc_url})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "pending-relations"
    assert not ZaakInformatieObject.objects.exists()


def test_zrc_003_informatieobject_must_resolve(superuser_client, zaaktype, responses_mock):
    doc_url = f"{REMOTE_DRC}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    responses_mock.get(doc_url, status=404)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": doc_url})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "bad-url"


def test_zrc_001_remote_zaaktype(superuser_client, responses_mock):
    url = f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}"
    responses_mock.get(url, json={"url": url, "concept": False, "vertrouwelijkheidaanduiding": "intern"})
    body = {"zaaktype": url, "bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN, "startdatum": "2024-01-01"}
    response = post(superuser_client, "zaken", body)
    assert response.status_code == 201, response.json()
    assert response.json()["zaaktype"] == url
    assert response.json()["vertrouwelijkheidaanduiding"] == "intern"


def test_zrc_001_remote_concept_zaaktype_refused(superuser_client, responses_mock):
    url = f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}"
    responses_mock.get(url, json={"url": url, "concept": True})
    response = post(
        superuser_client,
        "zaken",
        {"zaaktype": url, "bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN, "startdatum": "2024-01-01"},
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "not-published"


LISTS = [
    "zaken",
    "statussen",
    "resultaten",
    "rollen",
    "zaakobjecten",
    "zaakinformatieobjecten",
    "klantcontacten",
    "zaakcontactmomenten",
    "zaakverzoeken",
]


@pytest.mark.parametrize("collection", LISTS)
def test_zrc_006_lists_need_scope(make_api_client, zaaktype, collection):
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.aanmaken"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    assert client.get(f"/zaken/api/v1/{collection}", **CRS).status_code == 403


def test_zrc_006_anonymous_is_401(anonymous_client):
    assert anonymous_client.get("/zaken/api/v1/zaken", **CRS).status_code == 401


def test_zrc_006_subresources_filtered_and_nested_forbidden(
    make_api_client, superuser_client, zaaktype, catalogus, roltype
):
    from tests.catalogi.conftest import make_zaaktype

    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-9")
    mine = create_zaak(superuser_client, zaaktype)
    theirs = create_zaak(superuser_client, other)
    post(
        superuser_client,
        "rollen",
        {
            "zaak": mine["url"],
            "betrokkeneType": "medewerker",
            "roltoelichting": "x",
            "roltype": cat_url("roltypen", roltype),
            "betrokkene": "https://e.nl/m/1",
        },
    )
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    assert client.get("/zaken/api/v1/rollen").json()["count"] == 1
    assert client.get(f"/zaken/api/v1/zaken/{theirs['uuid']}/zaakeigenschappen").status_code == 403
    assert client.get(f"/zaken/api/v1/zaken/{theirs['uuid']}/audittrail").status_code == 403
    assert client.get(f"/zaken/api/v1/zaken/{mine['uuid']}/audittrail").status_code == 200


def test_zrc_006_create_for_other_zaaktype_forbidden(make_api_client, zaaktype, catalogus):
    from tests.catalogi.conftest import make_zaaktype

    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-9")
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.aanmaken"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    assert post(client, "zaken", zaak_payload(zaaktype)).status_code == 201
    assert post(client, "zaken", zaak_payload(other)).status_code == 403


def test_zrc_008_aanmaken_only_sets_first_status(make_api_client, zaaktype, statustypen):
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.aanmaken", "zaken.lezen"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    zaak = create_zaak(client, zaaktype)
    body = {"zaak": zaak["url"], "statustype": cat_url("statustypen", statustypen[0])}
    assert post(client, "statussen", {**body, "datumStatusGezet": "2024-03-01T10:00:00Z"}).status_code == 201
    assert post(client, "statussen", {**body, "datumStatusGezet": "2024-03-02T10:00:00Z"}).status_code == 403


def test_bad_input_never_500(superuser_client, zaaktype):
    assert superuser_client.get("/zaken/api/v1/zaken/not-a-uuid", **CRS).status_code == 404
    assert superuser_client.get("/zaken/api/v1/zaken?foo=bar", **CRS).status_code == 400
    assert superuser_client.get("/zaken/api/v1/zaken?zaaktype=notaurl", **CRS).status_code == 400
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, kenmerken="x", verlenging=[1]))
    assert response.status_code == 400
    response = post(superuser_client, "rollen", {"zaak": 5, "betrokkeneIdentificatie": []})
    assert response.status_code == 400
    response = post(superuser_client, "zaken/_zoek", {})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "empty_search_body"


def _doc(client, zaaktype, **overrides) -> dict:
    iot = cm.InformatieObjectType.objects.filter(ziots__zaaktype=zaaktype).first() or link_iotype(zaaktype)
    response = client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iot), **overrides), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_e2e_with_document_link_and_audittrail(
    superuser_client, zaaktype, statustypen, resultaattype, roltype, eigenschap, responses_mock, settings, tmp_path
):
    """zaak → rol → zaakobject → status → document → eigenschap → resultaat → eindstatus; audittrail has every step."""
    settings.MEDIA_ROOT = str(tmp_path)
    client = superuser_client
    zaak = create_zaak(client, zaaktype)
    steps = [
        (
            "rollen",
            {
                "zaak": zaak["url"],
                "betrokkeneType": "natuurlijk_persoon",
                "roltoelichting": "aanvrager",
                "roltype": cat_url("roltypen", roltype),
                "betrokkeneIdentificatie": {"inpBsn": "111222333"},
            },
        ),
        ("zaakobjecten", {"zaak": zaak["url"], "objectType": "pand", "object": "https://bag.example.nl/pand/1"}),
        (
            "statussen",
            {
                "zaak": zaak["url"],
                "statustype": cat_url("statustypen", statustypen[0]),
                "datumStatusGezet": "2024-03-02T10:00:00Z",
            },
        ),
    ]
    for collection, body in steps:
        assert post(client, collection, body).status_code == 201
    document = _doc(client, zaaktype, indicatieGebruiksrecht=False)
    zio = post(client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    assert zio.status_code == 201, zio.json()
    eig = post(
        client,
        f"zaken/{zaak['uuid']}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20240101"},
    )
    assert eig.status_code == 201
    assert (
        post(
            client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
        ).status_code
        == 201
    )
    eind = post(
        client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert eind.status_code == 201, eind.json()
    detail = client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}", **CRS).json()
    assert detail["einddatum"] == "2024-03-04" and detail["archiefactiedatum"] == "2034-03-04"
    assert detail["zaakinformatieobjecten"] == [zio.json()["url"]]
    trail = client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/audittrail").json()
    assert [e["resource"] for e in trail] == [
        "zaak",
        "rol",
        "zaakobject",
        "status",
        "zaakinformatieobject",
        "zaakeigenschap",
        "resultaat",
        "status",
    ]


def test_zrc_007_indicatiegebruiksrecht_must_be_set(
    superuser_client, zaaktype, statustypen, resultaattype, responses_mock, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    zaak = create_zaak(superuser_client, zaaktype)
    document = _doc(superuser_client, zaaktype)
    post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    response = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "indicatiegebruiksrecht-unset"


def test_zrc_007_remote_locked_document_blocks_closing(
    superuser_client, zaaktype, iotype, statustypen, resultaattype, responses_mock
):
    doc_url = f"{REMOTE_DRC}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    body = {
        "url": doc_url,
        "informatieobjecttype": cat_url("informatieobjecttypen", iotype),
        "indicatieGebruiksrecht": False,
        "locked": True,
    }
    remote_document = responses_mock.get(doc_url, json=body)
    responses_mock.post(f"{REMOTE_DRC}/objectinformatieobjecten", json={"url": "x"}, status=201)
    zaak = create_zaak(superuser_client, zaaktype)
    assert (
        post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": doc_url}).status_code
        == 201
    )
    post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    eindstatus = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[1]),
        "datumStatusGezet": "2024-03-04T10:00:00Z",
    }
    response = post(superuser_client, "statussen", eindstatus)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "informatieobject-locked"
    assert remote_document.call_count >= 2  # fetched again at closing time, not from the cache
    body["locked"] = False
    responses_mock.replace(responses.GET, doc_url, json=body)
    assert post(superuser_client, "statussen", eindstatus).status_code == 201
