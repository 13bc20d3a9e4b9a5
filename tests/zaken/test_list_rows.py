"""The one zaak renderer (api/rows.py): its two inputs (SQL rows of lists/_zoek, model instances of detail, writes and
expand) give the same JSON, which fits the official Zaak schema and a fixture."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from tests.common.official_shapes import component, problems
from zgw.catalogi import models as cm
from zgw.zaken.api import rows
from zgw.zaken.api.serializers import ZaakSerializer
from zgw.zaken.models import Zaak

from .conftest import BEGIN, CRS, cat_url, create_zaak, post

ZAKEN = "zaken-1.7.0.yaml"
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL rows are the PostgreSQL list path")


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


@pytest.mark.django_db
@postgresql_only
def test_rows_and_instances_render_alike_and_fit_the_official_schema(
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
        from zgw.zaken.selectors import zaken

        expected = rows.render_zaak(zaken().get(pk=zaak.pk), request)  # the instance input (annotated queryset)
        assert item == expected
        assert list(item) == list(expected)
        assert dict(ZaakSerializer(zaak, context={"request": request}).data) == item  # prefetch-free instance too
        assert problems(ZAKEN, component(ZAKEN, "Zaak"), item) == []
        assert list(item) == list(component(ZAKEN, "Zaak")["properties"])  # the document's order
    for item in listed:  # and the detail says the same
        assert superuser_client.get(item["url"], **CRS).json() == item
    full = next(item for item in listed if item["omschrijving"] == "Alles ingevuld")
    assert full["laatsteBetaaldatum"] == "2024-03-05T13:45:10.123456+01:00"
    assert len(full["rollen"]) == 2 and full["resultaat"] and full["status"] and full["hoofdzaak"]


@pytest.mark.django_db
@postgresql_only
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


@pytest.mark.django_db
@postgresql_only
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


@pytest.mark.django_db
def test_the_renderer_against_a_fixture():
    """A zaak row (the one input shape) rendered without a database: every attribute, its format and its place."""
    row = {name: None for name in [*rows.ROW_COLUMNS, *rows.ROW_EXTRAS]}
    row.update(
        uuid="11111111-1111-4111-8111-111111111111",
        identificatie="ZAAK-2024-0000000001",
        bronorganisatie="002564440",
        omschrijving="o",
        toelichting="",
        zaaktype_uuid="22222222-2222-4222-8222-222222222222",
        zaaktype_url="",
        registratiedatum=datetime.date(2024, 3, 1),
        verantwoordelijke_organisatie="002564440",
        startdatum=datetime.date(2024, 3, 1),
        communicatiekanaal="",
        producten_of_diensten='["https://example.com/p/1"]',  # jsonb as text, as a raw cursor gives it
        vertrouwelijkheidaanduiding="openbaar",
        betalingsindicatie="nvt",
        laatste_betaaldatum=datetime.datetime(2024, 3, 5, 12, 0, tzinfo=datetime.UTC),
        verlenging={"reden": "r", "duur": "P5D", "extra": 1},
        selectielijstklasse="",
        relevante_andere_zaken=[{"url": "https://example.com/z/1", "aardRelatie": "vervolg"}],
        kenmerken=[{"kenmerk": "k", "bron": "b"}],
        archiefstatus="nog_te_archiveren",
        opdrachtgevende_organisatie="",
        resultaat_uuid="33333333-3333-4333-8333-333333333333",
        deelzaken_uuids=[],
        eigenschappen_uuids=["44444444-4444-4444-8444-444444444444"],
        rollen_uuids=["55555555-5555-4555-8555-555555555555"],
        zio_uuids=[],
        zaakobjecten_uuids=[],
    )

    class Request:
        _zgw_base_url = "https://zaken.example.nl"

    base = "https://zaken.example.nl/zaken/api/v1"
    url = f"{base}/zaken/11111111-1111-4111-8111-111111111111"
    (rendered,) = rows.render_values([row], Request())
    assert rendered == {
        "url": url,
        "uuid": "11111111-1111-4111-8111-111111111111",
        "identificatie": "ZAAK-2024-0000000001",
        "bronorganisatie": "002564440",
        "omschrijving": "o",
        "toelichting": "",
        "zaaktype": "https://zaken.example.nl/catalogi/api/v1/zaaktypen/22222222-2222-4222-8222-222222222222",
        "registratiedatum": "2024-03-01",
        "verantwoordelijkeOrganisatie": "002564440",
        "startdatum": "2024-03-01",
        "einddatum": None,
        "einddatumGepland": None,
        "uiterlijkeEinddatumAfdoening": None,
        "publicatiedatum": None,
        "communicatiekanaal": "",
        "productenOfDiensten": ["https://example.com/p/1"],
        "vertrouwelijkheidaanduiding": "openbaar",
        "betalingsindicatie": "nvt",
        "betalingsindicatieWeergave": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
        "laatsteBetaaldatum": rendered["laatsteBetaaldatum"],
        "zaakgeometrie": None,
        "verlenging": {"reden": "r", "duur": "P5D"},
        "opschorting": {"indicatie": False, "reden": ""},
        "selectielijstklasse": "",
        "hoofdzaak": None,
        "deelzaken": [],
        "relevanteAndereZaken": [{"url": "https://example.com/z/1", "aardRelatie": "vervolg"}],
        "eigenschappen": [f"{url}/zaakeigenschappen/44444444-4444-4444-8444-444444444444"],
        "rollen": [f"{base}/rollen/55555555-5555-4555-8555-555555555555"],
        "status": None,
        "zaakinformatieobjecten": [],
        "zaakobjecten": [],
        "kenmerken": [{"kenmerk": "k", "bron": "b"}],
        "archiefnominatie": None,
        "archiefstatus": "nog_te_archiveren",
        "archiefactiedatum": None,
        "resultaat": f"{base}/resultaten/33333333-3333-4333-8333-333333333333",
        "opdrachtgevendeOrganisatie": "",
        "processobjectaard": None,
        "startdatumBewaartermijn": None,
        "processobject": None,
    }
    assert list(rendered) == list(component(ZAKEN, "Zaak")["properties"])
    assert rendered["laatsteBetaaldatum"].startswith("2024-03-05T1")  # DRF's format in the current timezone
    assert problems(ZAKEN, component(ZAKEN, "Zaak"), rendered) == []


def test_the_serializer_documents_what_the_renderer_renders():
    """ZaakSerializer keeps the schema: its fields are the renderer's attributes, in the same order."""
    assert list(ZaakSerializer().fields) == list(rows.ATTRIBUTES)
