"""End-to-end walk through a case and the core zrc rules."""

from __future__ import annotations

import pytest

from zgw.autorisaties.services import AutorisatieData
from zgw.zaken.models import Zaak

from .conftest import CRS, cat_url, create_zaak, post, zaak_payload

pytestmark = pytest.mark.django_db


def test_e2e_case_closes_and_derives_archiving(
    superuser_client, zaaktype, statustypen, resultaattype, roltype, eigenschap
):
    client = superuser_client
    zaak = create_zaak(client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]})
    assert zaak["identificatie"].startswith("ZAAK-2024-")
    assert zaak["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"  # zrc-009
    rol = post(
        client,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": cat_url("roltypen", roltype),
            "roltoelichting": "aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": "111222333"},
        },
    )
    assert rol.status_code == 201, rol.json()
    assert rol.json()["omschrijvingGeneriek"] == "initiator"
    zo = post(
        client,
        "zaakobjecten",
        {
            "zaak": zaak["url"],
            "objectType": "adres",
            "objectIdentificatie": {
                "identificatie": "1",
                "wplWoonplaatsNaam": "Utrecht",
                "gorOpenbareRuimteNaam": "Straat",
                "huisnummer": 1,
            },
        },
    )
    assert zo.status_code == 201, zo.json()
    st1 = post(
        client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
    )
    assert st1.status_code == 201, st1.json()
    uuid = zaak["uuid"]
    ze = post(
        client,
        f"zaken/{uuid}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20240101"},
    )
    assert ze.status_code == 201, ze.json()
    assert ze.json()["naam"] == "datum"
    # zrc-007: no resultaat yet → eindstatus refused
    early = post(
        client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-03T10:00:00Z",
        },
    )
    assert early.status_code == 400
    assert early.json()["invalidParams"][0]["code"] == "resultaat-does-not-exist"
    res = post(client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)})
    assert res.status_code == 201, res.json()
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
    closed = client.get(f"/zaken/api/v1/zaken/{uuid}", **CRS).json()
    assert closed["einddatum"] == "2024-03-04"
    assert closed["archiefnominatie"] == "vernietigen"
    assert closed["archiefactiedatum"] == "2034-03-04"
    assert closed["status"] == eind.json()["url"]
    assert closed["resultaat"] == res.json()["url"]
    trail = client.get(f"/zaken/api/v1/zaken/{uuid}/audittrail").json()
    resources = [entry["resource"] for entry in trail]
    for expected in ("zaak", "rol", "zaakobject", "status", "zaakeigenschap", "resultaat"):
        assert expected in resources


def test_zrc_001_concept_zaaktype_refused(superuser_client, catalogus):
    from tests.catalogi.conftest import make_zaaktype

    concept = make_zaaktype(catalogus, concept=True)
    response = post(superuser_client, "zaken", zaak_payload(concept))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "not-published"


def test_zrc_002_identificatie_unique(superuser_client, zaaktype):
    create_zaak(superuser_client, zaaktype, identificatie="Z1")
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, identificatie="Z1"))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "identificatie-niet-uniek"


def test_zrc_002_generated_identificaties_are_sequential(superuser_client, zaaktype):
    first = create_zaak(superuser_client, zaaktype)["identificatie"]
    second = create_zaak(superuser_client, zaaktype)["identificatie"]
    assert first != second
    assert int(second.rsplit("-", 1)[1]) == int(first.rsplit("-", 1)[1]) + 1


def test_zrc_015_producten_within_zaaktype(superuser_client, zaaktype):
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, productenOfDiensten=["https://other/x"]))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "invalid-products-services"


def test_crs_headers_required(superuser_client, zaaktype):
    response = superuser_client.post("/zaken/api/v1/zaken", zaak_payload(zaaktype), format="json")
    assert response.status_code == 412
    wrong = superuser_client.get("/zaken/api/v1/zaken", HTTP_ACCEPT_CRS="EPSG:28992")
    assert wrong.status_code == 406


def test_body_not_an_object_is_400(superuser_client):
    response = post(superuser_client, "zaken", [1, 2])
    assert response.status_code == 400


def test_zrc_006_list_filtered_by_autorisatie(make_api_client, superuser_client, zaaktype, catalogus):
    from tests.catalogi.conftest import make_zaaktype

    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-2")
    create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="openbaar")
    create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="geheim")
    hidden = create_zaak(superuser_client, other)
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    data = client.get("/zaken/api/v1/zaken", **CRS).json()
    assert data["count"] == 1
    assert client.get(f"/zaken/api/v1/zaken/{hidden['uuid']}", **CRS).status_code == 403


def test_zrc_007_closed_zaak_needs_geforceerd(make_api_client, superuser_client, zaaktype, statustypen, resultaattype):
    zaak = create_zaak(superuser_client, zaaktype)
    post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert Zaak.objects.get(uuid=zaak["uuid"]).einddatum is not None
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen", "zaken.bijwerken"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    response = client.patch(f"/zaken/api/v1/zaken/{zaak['uuid']}", {"omschrijving": "x"}, format="json", **CRS)
    assert response.status_code == 403


def test_zrc_008_reopen_clears_archiving(superuser_client, zaaktype, statustypen, resultaattype):
    zaak = create_zaak(superuser_client, zaaktype)
    post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    reopen = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-05T10:00:00Z",
        },
    )
    assert reopen.status_code == 201, reopen.json()
    row = Zaak.objects.get(uuid=zaak["uuid"])
    assert row.einddatum is None and row.archiefactiedatum is None and row.archiefnominatie is None


def test_zrc_016_statustype_of_other_zaaktype(superuser_client, zaaktype, catalogus):
    from tests.catalogi.conftest import make_zaaktype

    from .conftest import make_statustype

    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-2")
    st = make_statustype(other, 1)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        "statussen",
        {"zaak": zaak["url"], "statustype": cat_url("statustypen", st), "datumStatusGezet": "2024-03-04T10:00:00Z"},
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"


def test_zaakobject_identificatie_shape_validated(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        "zaakobjecten",
        {"zaak": zaak["url"], "objectType": "adres", "objectIdentificatie": {"identificatie": "1"}},
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert "objectIdentificatie.huisnummer" in names


def test_rol_without_betrokkene_is_invalid(superuser_client, zaaktype, roltype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": cat_url("roltypen", roltype),
            "roltoelichting": "x",
        },
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "invalid-betrokkene"


def test_zaken_list_query_count_constant(superuser_client, zaaktype, roltype, django_assert_max_num_queries):
    """The number of queries of a zaken page does not grow with the page size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _ in range(n):
            zaak = create_zaak(superuser_client, zaaktype)
            post(
                superuser_client,
                "rollen",
                {
                    "zaak": zaak["url"],
                    "betrokkeneType": "medewerker",
                    "roltype": cat_url("roltypen", roltype),
                    "roltoelichting": "x",
                    "betrokkene": "https://example.com/mw/1",
                },
            )

    add(2)
    superuser_client.get("/zaken/api/v1/zaken", **CRS)  # warm the client cache
    with CaptureQueriesContext(connection) as small:
        assert superuser_client.get("/zaken/api/v1/zaken", **CRS).json()["count"] == 2
    add(8)
    with CaptureQueriesContext(connection) as big:
        assert superuser_client.get("/zaken/api/v1/zaken", **CRS).json()["count"] == 10
    assert len(big) == len(small)
    # list/_zoek ≤ 6 queries on PostgreSQL: auth + count + one page query with ARRAY_AGG subqueries
    limit = 6 if connection.vendor == "postgresql" else 10
    with django_assert_max_num_queries(limit):
        superuser_client.get("/zaken/api/v1/zaken", **CRS)
    with django_assert_max_num_queries(limit):
        post(superuser_client, "zaken/_zoek", {"bronorganisatie": zaak_payload(zaaktype)["bronorganisatie"]})


def test_zoek_geometry_within(superuser_client, zaaktype):
    inside = create_zaak(superuser_client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [5.0, 52.0]})
    create_zaak(superuser_client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [9.0, 40.0]})
    area = {"type": "Polygon", "coordinates": [[[4, 51], [6, 51], [6, 53], [4, 53], [4, 51]]]}
    response = post(superuser_client, "zaken/_zoek", {"zaakgeometrie": {"within": area}})
    assert response.status_code == 200, response.json()
    assert [z["uuid"] for z in response.json()["results"]] == [inside["uuid"]]


def test_zrc_023_delete_cascades(superuser_client, zaaktype, roltype):
    zaak = create_zaak(superuser_client, zaaktype)
    post(
        superuser_client,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": cat_url("roltypen", roltype),
            "roltoelichting": "x",
            "betrokkene": "https://example.com/mw/1",
        },
    )
    response = superuser_client.delete(f"/zaken/api/v1/zaken/{zaak['uuid']}")
    assert response.status_code == 204
    from zgw.zaken.models import Rol

    assert not Rol.objects.exists()
