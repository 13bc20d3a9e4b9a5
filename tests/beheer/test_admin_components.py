"""Beheer UI of Zaken, Documenten, Besluiten and the audit trail: read-only views that scale (issue 9)."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zgw.besluiten.models import Besluit, BesluitInformatieObject
from zgw.common.admin import EXACT_COUNT_LIMIT, EstimatedCountPaginator, bounded_count, wijzigingen_rows
from zgw.common.models import AuditTrail, OutboxMessage
from zgw.documenten.models import (
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
)
from zgw.zaken.models import Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject

pytestmark = pytest.mark.django_db

ZAAKTYPE = "https://catalogi.example.nl/catalogi/api/v1/zaaktypen/" + str(uuid.uuid4())
APPS = ("zaken", "documenten", "besluiten", "common")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def make_zaak(n: int = 1, **extra) -> Zaak:
    values = {
        "identificatie": f"ZAAK-{n:06d}",
        "bronorganisatie": "123456782",
        "zaaktype_url": ZAAKTYPE,
        "startdatum": datetime.date(2026, 1, 1),
        "verantwoordelijke_organisatie": "123456782",
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    values.update(extra)
    return Zaak.objects.create(**values)


def make_document(contents: list[bytes], identificatie: str = "DOC-1") -> EnkelvoudigInformatieObject:
    document = EnkelvoudigInformatieObject.objects.create(
        bronorganisatie="123456782", identificatie=identificatie, vertrouwelijkheidaanduiding="openbaar"
    )
    for number, content in enumerate(contents, start=1):
        version = EnkelvoudigInformatieObjectVersie(
            document=document,
            versie=number,
            begin_registratie=timezone.now(),
            identificatie=identificatie,
            bronorganisatie="123456782",
            creatiedatum=datetime.date(2026, 1, 1),
            titel=f"Brief versie {number}",
            auteur="Tester",
            taal="nld",
            bestandsnaam=f"brief-v{number}.txt",
            formaat="text/plain",
            bestandsomvang=len(content),
        )
        version.inhoud.save(f"brief-v{number}.txt", ContentFile(content), save=False)
        version.save()
        document.latest_version = version
    document.save()
    return document


@pytest.fixture
def zaak_met_alles() -> Zaak:
    zaak = make_zaak()
    Status.objects.create(
        zaak=zaak,
        statustype_url="https://catalogi.example.nl/statustypen/1",
        datum_status_gezet=timezone.now(),
        statustoelichting="Status-toelichting-X",
    )
    Rol.objects.create(
        zaak=zaak, betrokkene_type="medewerker", omschrijving="Behandelaar-Y", roltoelichting="behandelt"
    )
    ZaakObject.objects.create(zaak=zaak, object_type="adres", object="https://bag.example.nl/adres/1")
    Resultaat.objects.create(zaak=zaak, resultaattype_url="https://catalogi.example.nl/resultaattypen/Z")
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject_url="https://drc.example.nl/eio/1", titel="ZIO-T")
    ZaakEigenschap.objects.create(zaak=zaak, naam="kenteken", waarde="EIGENSCHAP-W")
    AuditTrail.objects.create(
        bron="zrc",
        actie="create",
        resultaat=201,
        hoofd_object=f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}",
        hoofd_object_uuid=zaak.uuid,
        resource="zaak",
        resource_url=f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}",
        resource_weergave="ZAAK-AUDIT-EIGEN",
        nieuw={"omschrijving": "nieuw"},
    )
    return zaak


@pytest.fixture
def alle_objecten(zaak_met_alles):
    document = make_document([b"eerste", b"tweede"])
    Gebruiksrechten.objects.create(
        informatieobject=document, startdatum=timezone.now(), omschrijving_voorwaarden="geen"
    )
    besluit = Besluit.objects.create(
        identificatie="BESLUIT-1",
        verantwoordelijke_organisatie="123456782",
        besluittype_url="https://catalogi.example.nl/besluittypen/1",
        datum=datetime.date(2026, 1, 2),
        ingangsdatum=datetime.date(2026, 1, 2),
    )
    BesluitInformatieObject.objects.create(besluit=besluit, informatieobject=document)
    OutboxMessage.objects.create(
        kanaal="zaken", hoofd_object="https://x.example.nl/z/1", resource="zaak", resource_url="https://x/z/1",
        actie="create",
    )  # fmt: skip
    return {"zaak": zaak_met_alles, "document": document, "besluit": besluit}


def registered_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in APPS), key=lambda m: m._meta.label
    )


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# --- every screen answers --------------------------------------------------------------------------------------


def test_every_changelist_and_change_view_answers_200(admin_client, alle_objecten):
    models = registered_models()
    assert {Zaak, Status, Rol, EnkelvoudigInformatieObject, Besluit, AuditTrail} <= set(models)
    opened_change_views = 0
    for model in models:
        listing = admin_client.get(admin_url(model, "changelist"))
        assert listing.status_code == 200, model
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            detail = admin_client.get(admin_url(model, "change", obj.pk))
            assert detail.status_code == 200, model
            opened_change_views += 1
    assert opened_change_views >= 14


def test_every_zaken_documenten_besluiten_model_is_registered():
    from django.apps import apps

    for label in ("zaken", "documenten", "besluiten"):
        for model in apps.get_app_config(label).get_models():
            assert model in admin.site._registry, model


def test_zaak_change_view_shows_all_inlines_and_audit_link(admin_client, zaak_met_alles):
    body = admin_client.get(admin_url(Zaak, "change", zaak_met_alles.pk)).content.decode()
    for text in ("Status-toelichting-X", "Behandelaar-Y", "bag.example.nl/adres/1", "resultaattypen/Z", "ZIO-T",
                 "EIGENSCHAP-W"):  # fmt: skip
        assert text in body
    link = f"{reverse('admin:common_audittrail_changelist')}?bron=zrc&amp;q={zaak_met_alles.uuid}"
    assert link in body


def test_audit_link_lists_only_that_zaaks_trail(admin_client, zaak_met_alles):
    other = make_zaak(2)
    AuditTrail.objects.create(
        bron="zrc", actie="create", resultaat=201, hoofd_object="https://x/z/2", hoofd_object_uuid=other.uuid,
        resource="zaak", resource_url="https://x/z/2", resource_weergave="ANDERE-ZAAK-AUDIT",
    )  # fmt: skip
    url = reverse("admin:common_audittrail_changelist")
    body = admin_client.get(url, {"bron": "zrc", "q": str(zaak_met_alles.uuid)}).content.decode()
    assert "ZAAK-AUDIT-EIGEN" in body
    assert "ANDERE-ZAAK-AUDIT" not in body


# --- read-only -------------------------------------------------------------------------------------------------


def test_zaak_admin_is_read_only(admin_client, zaak_met_alles):
    assert admin_client.get(admin_url(Zaak, "add")).status_code == 403
    response = admin_client.post(
        admin_url(Zaak, "change", zaak_met_alles.pk),
        {"identificatie": "GEWIJZIGD", "bronorganisatie": "999999999", "startdatum": "2020-01-01"},
    )
    assert response.status_code == 403
    zaak_met_alles.refresh_from_db()
    assert zaak_met_alles.identificatie == "ZAAK-000001"
    assert admin_client.post(admin_url(Zaak, "delete", zaak_met_alles.pk), {"post": "yes"}).status_code == 403
    assert Zaak.objects.filter(pk=zaak_met_alles.pk).exists()


@pytest.mark.parametrize("model", [Zaak, Rol, EnkelvoudigInformatieObject, Besluit, AuditTrail, OutboxMessage])
def test_no_add_change_or_delete_permission(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_document_and_besluit_post_change_nothing(admin_client, alle_objecten):
    document, besluit = alle_objecten["document"], alle_objecten["besluit"]
    assert (
        admin_client.post(admin_url(EnkelvoudigInformatieObject, "change", document.pk), {"lock": "x"}).status_code
        == 403
    )
    assert admin_client.post(admin_url(Besluit, "change", besluit.pk), {"identificatie": "X"}).status_code == 403
    document.refresh_from_db()
    besluit.refresh_from_db()
    assert (document.lock, besluit.identificatie) == ("", "BESLUIT-1")


# --- documenten: download --------------------------------------------------------------------------------------


def test_document_download_streams_current_version(admin_client):
    document = make_document([b"eerste inhoud", b"de huidige inhoud"])
    response = admin_client.get(reverse("admin:documenten_enkelvoudiginformatieobject_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"de huidige inhoud"
    assert 'filename="brief-v2.txt"' in response["Content-Disposition"]
    assert response["Content-Type"] == "text/plain"


def test_document_download_of_an_older_version(admin_client):
    document = make_document([b"eerste inhoud", b"de huidige inhoud"])
    url = reverse("admin:documenten_enkelvoudiginformatieobject_download", args=[document.pk])
    response = admin_client.get(url, {"versie": "1"})
    assert b"".join(response.streaming_content) == b"eerste inhoud"
    assert admin_client.get(url, {"versie": "9"}).status_code == 404
    assert admin_client.get(url, {"versie": "abc"}).status_code == 404


def test_document_change_view_links_downloads_and_versions(admin_client):
    document = make_document([b"a", b"b"])
    body = admin_client.get(admin_url(EnkelvoudigInformatieObject, "change", document.pk)).content.decode()
    download = reverse("admin:documenten_enkelvoudiginformatieobject_download", args=[document.pk])
    assert f"{download}?versie=2" in body and f"{download}?versie=1" in body
    assert "Brief versie 1" in body and "Brief versie 2" in body


def test_document_download_without_content_is_404(admin_client):
    document = EnkelvoudigInformatieObject.objects.create(bronorganisatie="123456782", identificatie="LEEG")
    url = reverse("admin:documenten_enkelvoudiginformatieobject_download", args=[document.pk])
    assert admin_client.get(url).status_code == 404
    assert admin_client.get(url.replace(f"/{document.pk}/", "/999999/")).status_code == 404


def test_document_download_requires_admin_login(client):
    document = make_document([b"geheim"])
    response = client.get(reverse("admin:documenten_enkelvoudiginformatieobject_download", args=[document.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- besluiten -------------------------------------------------------------------------------------------------


def test_besluit_change_view_shows_besluitinformatieobjecten(admin_client, alle_objecten):
    besluit, document = alle_objecten["besluit"], alle_objecten["document"]
    body = admin_client.get(admin_url(Besluit, "change", besluit.pk)).content.decode()
    bio = besluit.besluitinformatieobjecten.get()
    assert str(bio.uuid) in body
    assert str(document) in body
    assert f"q={besluit.uuid}" in body


# --- scalable lists --------------------------------------------------------------------------------------------


def _count_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def _changelist_queries(admin_client, params=None) -> tuple[list[dict], str]:
    with CaptureQueriesContext(connection) as ctx:
        response = admin_client.get(reverse("admin:zaken_zaak_changelist"), params or {})
    assert response.status_code == 200
    return ctx.captured_queries, response.content.decode()


def test_zaken_changelist_queries_do_not_grow_and_never_count_the_table(admin_client):
    for n in range(3):
        make_zaak(n)
    few, _ = _changelist_queries(admin_client)
    for n in range(3, 60):
        make_zaak(n)
    many, body = _changelist_queries(admin_client)
    assert len(many) == len(few)
    assert len(many) <= 10
    assert "ZAAK-000059" in body
    for sql in _count_queries(few + many):
        assert "LIMIT" in sql.upper(), sql  # only bounded counts over a LIMITed subquery


def test_zaken_changelist_filtered_count_is_bounded(admin_client):
    make_zaak(1, vertrouwelijkheidaanduiding="geheim")
    make_zaak(2)
    queries, body = _changelist_queries(admin_client, {"vertrouwelijkheidaanduiding__exact": "geheim"})
    assert "ZAAK-000001" in body and "ZAAK-000002" not in body
    counts = _count_queries(queries)
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_class.reltuples is PostgreSQL only")
def test_large_unfiltered_table_uses_the_planner_estimate_not_count(admin_client):
    Zaak.objects.bulk_create(
        Zaak(
            identificatie=f"BULK-{n:06d}",
            bronorganisatie="123456782",
            zaaktype_url=ZAAKTYPE,
            startdatum=datetime.date(2026, 1, 1),
            verantwoordelijke_organisatie="123456782",
            vertrouwelijkheidaanduiding="openbaar",
        )
        for n in range(EXACT_COUNT_LIMIT + 500)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Zaak._meta.db_table}")
    queries, body = _changelist_queries(admin_client)
    assert _count_queries(queries) == []
    assert "BULK-010499" in body  # newest first, page 1
    paginator = EstimatedCountPaginator(Zaak.objects.all(), 50)
    assert abs(paginator.count - (EXACT_COUNT_LIMIT + 500)) < 1000
    # filtered but still huge: the bounded count hits its limit and the planner's estimate takes over
    filtered, body = _changelist_queries(admin_client, {"vertrouwelijkheidaanduiding__exact": "openbaar"})
    assert all("LIMIT" in sql.upper() for sql in _count_queries(filtered))
    assert "BULK-010499" in body
    estimate = EstimatedCountPaginator(Zaak.objects.filter(vertrouwelijkheidaanduiding="openbaar"), 50).count
    assert estimate > EXACT_COUNT_LIMIT


def _add_rows(model, start: int, stop: int) -> None:
    for n in range(start, stop):
        if model is EnkelvoudigInformatieObject:
            make_document([b"x"], identificatie=f"DOC-{n:04d}")
        elif model is Besluit:
            Besluit.objects.create(
                identificatie=f"B-{n}", verantwoordelijke_organisatie="123456782", besluittype_url=ZAAKTYPE,
                datum=datetime.date(2026, 1, 1), ingangsdatum=datetime.date(2026, 1, 1),
            )  # fmt: skip
        else:
            AuditTrail.objects.create(
                bron="zrc", actie="create", resultaat=201, hoofd_object="https://x/z", hoofd_object_uuid=uuid.uuid4(),
                resource="zaak", resource_url="https://x/z", resource_weergave=f"A-{n}",
            )  # fmt: skip


@pytest.mark.parametrize("model", [EnkelvoudigInformatieObject, Besluit, AuditTrail])
def test_other_changelists_do_not_grow_with_rows(admin_client, model):
    url = admin_url(model, "changelist")
    _add_rows(model, 0, 2)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    _add_rows(model, 2, 40)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) <= 10
    for sql in _count_queries(few.captured_queries + many.captured_queries):
        assert "LIMIT" in sql.upper(), sql


def test_bounded_count_stops_at_the_limit():
    for n in range(5):
        make_zaak(n)
    assert bounded_count(Zaak.objects.all(), limit=2) == 3
    assert bounded_count(Zaak.objects.all(), limit=10) == 5
    assert EstimatedCountPaginator(Zaak.objects.filter(identificatie="ZAAK-000001"), 10).count == 1


def test_zaak_search_by_uuid_exact_and_prefix(admin_client):
    first = make_zaak(1001)
    make_zaak(2002)
    url = reverse("admin:zaken_zaak_changelist")

    def found(term: str) -> set[str]:
        body = admin_client.get(url, {"q": term}).content.decode()
        return set(re.findall(r"ZAAK-\d{6}", body))

    assert found(str(first.uuid)) == {"ZAAK-001001"}
    assert found("ZAAK-001001") == {"ZAAK-001001"}
    assert found("ZAAK-00") == {"ZAAK-001001", "ZAAK-002002"}
    assert found("AAK-001") == set()  # no infix (LIKE '%x%') search


def test_zaak_search_uses_no_infix_or_case_folding_sql(admin_client):
    make_zaak(1)
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(reverse("admin:zaken_zaak_changelist"), {"q": "ZAAK-0"})
    zaak_sql = [q["sql"] for q in ctx.captured_queries if "zaken_zaak" in q["sql"] and "LIKE" in q["sql"].upper()]
    assert zaak_sql
    for sql in zaak_sql:
        assert "UPPER(" not in sql.upper() and "'%%" not in sql and "'%" not in sql


# --- audit trail -----------------------------------------------------------------------------------------------


def test_audit_trail_filters_by_bron_resource_and_actie(admin_client):
    base = {"resultaat": 200, "hoofd_object": "https://x/z/1", "hoofd_object_uuid": uuid.uuid4(),
            "resource_url": "https://x/z/1"}  # fmt: skip
    AuditTrail.objects.create(bron="zrc", resource="zaak", actie="create", resource_weergave="R-ZRC-CREATE", **base)
    AuditTrail.objects.create(bron="drc", resource="verzending", actie="destroy", resource_weergave="R-DRC", **base)
    url = reverse("admin:common_audittrail_changelist")
    for params, present, absent in (
        ({"bron": "zrc"}, "R-ZRC-CREATE", "R-DRC"),
        ({"resource": "verzending"}, "R-DRC", "R-ZRC-CREATE"),
        ({"actie": "create"}, "R-ZRC-CREATE", "R-DRC"),
    ):
        body = admin_client.get(url, params).content.decode()
        assert present in body and absent not in body, params


def test_audit_trail_change_view_shows_wijzigingen_oud_nieuw(admin_client):
    trail = AuditTrail.objects.create(
        bron="zrc", actie="partial_update", resultaat=200, hoofd_object="https://x/z/1",
        hoofd_object_uuid=uuid.uuid4(), resource="zaak", resource_url="https://x/z/1",
        oud={"omschrijving": "OUDE-WAARDE", "toelichting": "gelijk"},
        nieuw={"omschrijving": "NIEUWE-WAARDE", "toelichting": "gelijk", "kenmerken": [{"a": 1}]},
    )  # fmt: skip
    body = admin_client.get(admin_url(AuditTrail, "change", trail.pk)).content.decode()
    assert "OUDE-WAARDE" in body and "NIEUWE-WAARDE" in body
    assert re.search(r'<tr style="font-weight:bold"><td>omschrijving</td>', body)
    assert re.search(r'<tr style=""><td>toelichting</td>', body)


def test_wijzigingen_rows_mark_changes_and_keep_keys_of_both_sides():
    rows = wijzigingen_rows({"a": 1, "b": "x"}, {"b": "x", "c": None})
    assert rows == [("a", "1", "—", True), ("b", "x", "x", False), ("c", "—", "—", False)]
    assert wijzigingen_rows(None, {"d": [1]}) == [("d", "—", "[1]", True)]
