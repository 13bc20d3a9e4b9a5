"""Catalogus export/import (issue 9): ZIP of API representations, lossless round trip, new UUIDs."""

from __future__ import annotations

import datetime
import io
import json
import re
import uuid
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from zgw.catalogi import models as m
from zgw.catalogi.catalogus_io import (
    CatalogusImportError,
    export_catalogus,
    export_catalogus_data,
    import_catalogus,
    read_export,
)
from zgw.catalogi.demo import create_demo_catalogus

BASE = "http://testserver"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CATALOGI = f"{BASE}/catalogi/api/v1/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_catalogus() -> m.Catalogus:
    """The published demo catalogus plus a concept zaaktype using eigenschappen, deelzaaktypen and a concept iot."""
    urls = create_demo_catalogus(BASE)
    catalogus = m.Catalogus.objects.get(domein="DEMO")
    demo = m.ZaakType.objects.get(catalogus=catalogus)
    concept_iot = m.InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Bijlage",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="Bijlage",
        datum_begin_geldigheid=demo.datum_begin_geldigheid,
        concept=True,
    )
    second = m.ZaakType.objects.get(pk=demo.pk)
    second.pk = None
    second._state.adding = True
    second.identificatie = "DEMO-2"
    second.concept = True
    second.uuid = uuid.uuid4()
    second.save()
    second.deelzaaktypen.set([demo])
    status = m.StatusType.objects.create(zaaktype=second, volgnummer=1, omschrijving="Start")
    eigenschap = m.Eigenschap.objects.create(
        zaaktype=second,
        naam="bedrag",
        definitie="bedrag",
        formaat="getal",
        lengte="8",
        kardinaliteit="1",
        statustype=status,
    )
    status.eigenschappen.set([eigenschap])
    m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=second, informatieobjecttype=concept_iot, volgnummer=1, richting="inkomend"
    )
    assert urls
    return catalogus


def normalise(export: dict) -> dict:
    """Replace every local URL by '<collection>#<position in the export>' and drop uuids and the catalogus keys."""
    names: dict[str, str] = {}
    for collection, items in export.items():
        for index, item in enumerate(items if isinstance(items, list) else [items]):
            names[item["url"]] = f"{collection}#{index}"

    def walk(value):
        if isinstance(value, str):
            if value in names:
                return names[value]
            assert not value.startswith(CATALOGI), f"unmapped local URL {value}"
            return value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items() if k not in ("domein", "rsin", "uuid")}
        return value

    return walk(export)


def test_export_zip_holds_the_api_representation(rich_catalogus, superuser_client):
    content = export_catalogus(rich_catalogus, BASE)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {"manifest.json", "catalogus.json", "zaaktypen.json", "statustypen.json"} <= set(archive.namelist())
        zaaktypen = json.loads(archive.read("zaaktypen.json"))
    assert len(zaaktypen) == 2
    for item in zaaktypen:
        api = superuser_client.get(item["url"]).json()
        assert item == api


def test_round_trip_is_lossless_with_other_domein(rich_catalogus):
    first = export_catalogus_data(rich_catalogus, BASE)
    new = import_catalogus(export_catalogus(rich_catalogus, BASE), domein="KOPIE", base_url=BASE)
    assert new.pk != rich_catalogus.pk and new.domein == "KOPIE"
    second = export_catalogus_data(new, BASE)
    old_uuids = set(UUID.findall(json.dumps(first)))
    new_local = {u for u in UUID.findall(json.dumps(second))} - old_uuids
    assert new_local, "new objects must get new uuids"
    # no URL of the new export points at an object of the old catalogus (references were rewritten)
    for item in second["zaaktypen"] + second["statustypen"] + second["zaaktype-informatieobjecttypen"]:
        for value in json.dumps(item).split('"'):
            if value.startswith(CATALOGI):
                assert _uuid_of(value) not in {_uuid_of(i["url"]) for i in first["zaaktypen"]}
    assert normalise(first) == normalise(second)
    # concept state kept, selectielijst references kept verbatim
    assert [z["concept"] for z in second["zaaktypen"]] == [z["concept"] for z in first["zaaktypen"]]
    assert second["zaaktypen"][0]["selectielijstProcestype"] == first["zaaktypen"][0]["selectielijstProcestype"]
    assert second["resultaattypen"][0]["selectielijstklasse"] == first["resultaattypen"][0]["selectielijstklasse"]


def _uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _empty_catalogi_tables() -> None:
    """Empty every catalogi table (rolled back with the test transaction), on PostgreSQL and on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {m.Catalogus._meta.db_table} CASCADE")
            return
        # SQLite has no TRUNCATE; its foreign keys are deferred, so deleting every catalogi table leaves none dangling
        for model in apps.get_app_config("catalogi").get_models(include_auto_created=True):
            cursor.execute(f'DELETE FROM "{model._meta.db_table}"')


def test_import_into_empty_database_keeps_rsin_and_domein(rich_catalogus):
    content = export_catalogus(rich_catalogus, BASE)
    first = export_catalogus_data(rich_catalogus, BASE)
    _empty_catalogi_tables()
    assert not m.ZaakType.objects.exists()
    new = import_catalogus(content, base_url=BASE)
    assert (new.domein, new.rsin) == ("DEMO", first["catalogus"]["rsin"])
    assert normalise(export_catalogus_data(new, BASE)) == normalise(first)


def test_import_with_same_domein_and_rsin_is_refused_and_writes_nothing(rich_catalogus):
    content = export_catalogus(rich_catalogus, BASE)
    before = m.ZaakType.objects.count()
    with pytest.raises(CatalogusImportError, match="catalogussen create"):
        import_catalogus(content, base_url=BASE)
    assert m.ZaakType.objects.count() == before
    assert m.Catalogus.objects.count() == 1


def test_import_runs_the_api_rules(rich_catalogus):
    """An edited export that breaks a ztc rule (ztc-002: klasse not of the procestype) is refused, nothing saved."""
    data = export_catalogus_data(rich_catalogus, BASE)
    data["resultaattypen"][0]["selectielijstklasse"] = (
        f"{BASE}/referentielijsten/api/v1/resultaten/6711baff-798b-4c7f-9133-8ad02c8b7c6f"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "zgw-catalogus-export", "version": 1}))
        for name, content in data.items():
            archive.writestr(f"{name}.json", json.dumps(content))
    catalogi = m.Catalogus.objects.count()
    with pytest.raises(CatalogusImportError, match="selectielijstklasse"):
        import_catalogus(buffer.getvalue(), domein="FOUT", base_url=BASE)
    assert m.Catalogus.objects.count() == catalogi


def _zip(files: dict[str, object], manifest: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if manifest:
            archive.writestr("manifest.json", json.dumps({"format": "zgw-catalogus-export", "version": 1}))
        for name, content in files.items():
            archive.writestr(name, content if isinstance(content, str) else json.dumps(content))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"not a zip",
        b"",
        _zip({"catalogus.json": {"url": "x"}}, manifest=False),
        _zip({"catalogus.json": "{broken"}),
        _zip({"catalogus.json": ["a list"]}),
        _zip({"catalogus.json": {"url": "x"}, "zaaktypen.json": {"not": "a list"}}),
        _zip({"catalogus.json": {"url": "x"}, "zaaktypen.json": ["not an object"]}),
        _zip({"catalogus.json": {"url": "x"}, "zaaktypen.json": [{"url": "y"}]}),  # no concept
    ],
)
def test_read_export_rejects_garbage(content):
    with pytest.raises(CatalogusImportError, match="export"):
        read_export(content)


def test_management_commands_round_trip(rich_catalogus, tmp_path, capsys):
    target = tmp_path / "export.zip"
    call_command("zgw_catalogus_export", str(rich_catalogus.uuid), "-o", str(target), "--base-url", BASE)
    assert zipfile.is_zipfile(target)
    call_command("zgw_catalogus_import", str(target), "--domein", "CMD", "--rsin", "002564440", "--base-url", BASE)
    out = capsys.readouterr().out
    assert "zaaktypen aangemaakt" in out and "geïmporteerd" in out
    new = m.Catalogus.objects.get(domein="CMD")
    assert new.zaaktypen.count() == 2


def test_management_command_errors(tmp_path):
    with pytest.raises(CommandError):
        call_command("zgw_catalogus_export", "not-a-uuid", "-o", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError):
        call_command("zgw_catalogus_import", str(tmp_path / "missing.zip"))


# --- Catalogi 1.3.3 ---------------------------------------------------------------------------------------------

FIXTURE_131 = Path(__file__).parent / "fixtures" / "catalogus-export-1.3.1.zip"
# read-only fields Catalogi 1.3.2/1.3.3 added to the representations (derived; not in a 1.3.1-era export)
NEW_FIELDS = {
    "catalogus": {"besluittypeOmschrijving", "informatieobjecttypeOmschrijving"},
    "zaaktypen": {"besluittypeOmschrijving", "informatieobjecttypeOmschrijving", "deelzaaktypeIdentificaties"},
    "besluittypen": {"zaaktypeIdentificaties", "informatieobjecttypeOmschrijvingen"},
    "informatieobjecttypen": {"zaaktypeIdentificaties", "besluittypeOmschrijving"},
    "zaakobjecttypen": {"resultaattypeOmschrijving"},
}


def _without_new_fields(export: dict) -> dict:
    result = {}
    for name, items in export.items():
        drop = NEW_FIELDS.get(name, set())
        rows = [
            {k: v for k, v in item.items() if k not in drop} for item in (items if isinstance(items, list) else [items])
        ]
        if name == "zaaktypen":
            for row in rows:
                row["gerelateerdeZaaktypen"] = [
                    {k: v for k, v in r.items() if k != "zaaktypeIdentificatie"} for r in row["gerelateerdeZaaktypen"]
                ]
        result[name] = rows if isinstance(items, list) else rows[0]
    return result


def test_import_of_a_1_3_1_era_export(db):
    """A ZIP made by the 1.3.1-era server (its serializers, generated from commit 653d1ee) imports and exports
    again the same, plus the derived 1.3.3 fields."""
    old = read_export(FIXTURE_131.read_bytes())
    new = import_catalogus(FIXTURE_131.read_bytes(), base_url=BASE)
    again = export_catalogus_data(new, BASE)
    assert normalise(_without_new_fields(again)) == normalise(old)
    second = next(z for z in again["zaaktypen"] if z["identificatie"] == "DEMO-2")
    assert second["deelzaaktypeIdentificaties"] == ["DEMO-VOORZIENING"]
    relaties = {r["aardRelatie"]: r for r in second["gerelateerdeZaaktypen"]}
    assert relaties["vervolg"]["zaaktypeIdentificatie"] == "DEMO-VOORZIENING"
    assert relaties["bijdrage"] == {
        "zaaktype": "https://elders.example.com/zaaktypen/1",
        "zaaktypeIdentificatie": "",
        "aardRelatie": "bijdrage",
        "toelichting": "",
    }
    assert [z["concept"] for z in again["zaaktypen"]] == [z["concept"] for z in old["zaaktypen"]]


def test_round_trip_keeps_the_stored_version_of_a_relation_by_name(rich_catalogus):
    """The API answers the version valid today; the export keeps the version that was named, so an import
    recreates the same relation rows."""
    demo = m.ZaakType.objects.get(catalogus=rich_catalogus, identificatie="DEMO-VOORZIENING")
    named = demo.besluittypen.get()
    named.datum_einde_geldigheid = datetime.date.today() - datetime.timedelta(days=1)
    named.save()
    successor = m.BesluitType.objects.get(pk=named.pk)
    successor.pk, successor.uuid, successor._state.adding = None, uuid.uuid4(), True
    successor.datum_begin_geldigheid, successor.datum_einde_geldigheid = datetime.date.today(), None
    successor.save()
    first = export_catalogus_data(rich_catalogus, BASE)
    exported = next(z for z in first["zaaktypen"] if z["identificatie"] == "DEMO-VOORZIENING")
    assert exported["besluittypen"] == [f"{CATALOGI}besluittypen/{named.uuid}"]
    new = import_catalogus(export_catalogus(rich_catalogus, BASE), domein="KOPIE", base_url=BASE)
    copy = m.ZaakType.objects.get(catalogus=new, identificatie="DEMO-VOORZIENING")
    stored = copy.besluittypen.get()
    assert stored.datum_einde_geldigheid == named.datum_einde_geldigheid
    assert normalise(export_catalogus_data(new, BASE)) == normalise(first)
