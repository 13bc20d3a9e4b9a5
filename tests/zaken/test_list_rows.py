"""The list/_zoek representation (api/rows.py, PostgreSQL) equals ZaakSerializer's for every kind of zaak."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from zgw.catalogi import models as cm
from zgw.zaken.api.serializers import ZaakSerializer
from zgw.zaken.models import Zaak

from .conftest import BEGIN, CRS, cat_url, create_zaak, post

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the row renderer is the PostgreSQL list path"),
]


def _full_zaak(client, zaaktype, statustypen, roltype, resultaattype, eigenschap) -> dict:
    hoofdzaak = create_zaak(client, zaaktype, omschrijving="hoofd")
    zaak = create_zaak(
        client,
        zaaktype,
        omschrijving="Alles ingevuld",
        toelichting="toelichting",
        hoofdzaak=hoofdzaak["url"],
        einddatumGepland="2024-05-01",
        uiterlijkeEinddatumAfdoening="2024-06-01",
        publicatiedatum="2024-03-02",
        betalingsindicatie="gedeeltelijk",
        laatsteBetaaldatum="2024-03-05T13:45:10.123456+01:00",
        zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]},
        verlenging={"reden": "drukte", "duur": "P5D"},
        opschorting={"indicatie": True, "reden": "wachten"},
        relevanteAndereZaken=[{"url": hoofdzaak["url"], "aardRelatie": "vervolg"}],
        kenmerken=[{"kenmerk": "k1", "bron": "b1"}, {"kenmerk": "k2", "bron": "b2"}],
        processobjectaard="proces",
        processobject={"datumkenmerk": "d", "identificatie": "i", "objecttype": "o", "registratie": "r"},
        productenOfDiensten=["https://example.com/product/1"],
        opdrachtgevendeOrganisatie="002564440",
        startdatumBewaartermijn="2030-01-01",
    )
    url = zaak["url"]
    for statustype, moment in ((statustypen[0], "2024-03-02T10:00:00Z"),):
        status = {"zaak": url, "statustype": cat_url("statustypen", statustype), "datumStatusGezet": moment}
        assert post(client, "statussen", status).status_code == 201
    behandelaar = cm.RolType.objects.create(
        zaaktype=zaaktype, omschrijving="Behandelaar", omschrijving_generiek="behandelaar", datum_begin_geldigheid=BEGIN
    )
    for index, type_ in enumerate((roltype, behandelaar)):
        rol = {
            "zaak": url,
            "betrokkeneType": "medewerker",
            "roltype": cat_url("roltypen", type_),
            "roltoelichting": f"rol {index}",
            "betrokkene": f"https://example.com/mw/{index}",
        }
        assert post(client, "rollen", rol).status_code == 201
    zaakobject = {"zaak": url, "objectType": "pand", "object": "https://bag.example.nl/pand/1"}
    assert post(client, "zaakobjecten", zaakobject).status_code == 201
    resultaat = {"zaak": url, "resultaattype": cat_url("resultaattypen", resultaattype)}
    assert post(client, "resultaten", resultaat).status_code == 201
    eigenschap_body = {"zaak": url, "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20240301"}
    assert post(client, f"zaken/{zaak['uuid']}/zaakeigenschappen", eigenschap_body).status_code == 201
    eind = {"zaak": url, "statustype": cat_url("statustypen", statustypen[1]), "datumStatusGezet": "2024-03-03T10:00Z"}
    assert post(client, "statussen", eind).status_code == 201  # closes the zaak: einddatum, archiefactiedatum
    return zaak


def test_list_rows_equal_the_serializer(
    superuser_client, zaaktype, statustypen, roltype, resultaattype, eigenschap
):
    _full_zaak(superuser_client, zaaktype, statustypen, roltype, resultaattype, eigenschap)
    create_zaak(superuser_client, zaaktype)  # a bare one: every optional field empty
    Zaak.objects.create(  # a zaaktype on another catalogus: the URL column instead of the FK
        zaaktype_url="https://elders.example.nl/catalogi/api/v1/zaaktypen/1",
        bronorganisatie="002564440",
        verantwoordelijke_organisatie="002564440",
        startdatum=datetime.date(2024, 1, 1),
        vertrouwelijkheidaanduiding="openbaar",
        archiefnominatie=None,
        processobjectaard=None,
    )
    listed = superuser_client.get("/zaken/api/v1/zaken", **CRS).json()["results"]
    searched = post(superuser_client, "zaken/_zoek", {"bronorganisatie": "002564440"}).json()["results"]
    assert len(listed) == 4
    assert searched == listed
    for item in listed:
        zaak = Zaak.objects.get(uuid=item["uuid"])
        request = superuser_client.get("/zaken/api/v1/zaken", **CRS).wsgi_request
        expected = ZaakSerializer(zaak, context={"request": request}).data
        assert item == expected
        assert list(item) == list(expected)  # the same key order as the serializer
    for item in listed:  # and the detail (DRF on the annotated queryset) says the same
        assert superuser_client.get(item["url"], **CRS).json() == item
    full = next(item for item in listed if item["omschrijving"] == "Alles ingevuld")
    assert full["laatsteBetaaldatum"] == "2024-03-05T13:45:10.123456+01:00"
    assert len(full["rollen"]) == 2 and full["resultaat"] and full["status"] and full["hoofdzaak"]


def test_the_create_response_is_the_zaak_as_read_back(superuser_client, zaaktype):
    """A new zaak is rendered without reading it back (no relations yet): the answer equals a later GET."""
    hoofdzaak = create_zaak(superuser_client, zaaktype)
    created = create_zaak(
        superuser_client,
        zaaktype,
        hoofdzaak=hoofdzaak["url"],
        laatsteBetaaldatum="2024-03-05T13:45:10.5+01:00",
        betalingsindicatie="geheel",
        zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]},
        kenmerken=[{"kenmerk": "k", "bron": "b"}],
    )
    assert created == superuser_client.get(created["url"], **CRS).json()
    assert (created["rollen"], created["status"], created["resultaat"]) == ([], None, None)


def test_zoek_within_finds_candidates_through_the_gist_index(superuser_client, zaaktype):
    """The bbox condition of ``_zoek`` is the expression migration 0004 indexes (else the index is dead weight)."""
    from django.db import connection as conn

    from zgw.zaken.api.search import _in_box

    inside = create_zaak(superuser_client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [5.0, 52.0]})
    create_zaak(superuser_client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [9.0, 40.0]})
    qs = _in_box(Zaak.objects.all(), 4.0, 51.0, 6.0, 53.0)
    assert [str(u) for u in qs.values_list("uuid", flat=True)] == [inside["uuid"]]
    sql, params = qs.values_list("pk").query.sql_with_params()
    with conn.cursor() as cursor:
        # no sequential and no plain index scan: on two rows the planner may otherwise walk the primary key (ORDER BY
        # id) at the same cost; a bitmap scan needs an index on the condition itself
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "zaken_geo_box" in plan
