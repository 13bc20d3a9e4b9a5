"""Beheer UI (issue 9): the admin writes through the Catalogi services, so it enforces the same ztc rules."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from zgw.catalogi import models as m

from .conftest import BEGIN, PROCESTYPE_1, PROCESTYPE_8, RESULTAAT_1, RESULTAAT_8_NIHIL, RTO_AFGEWEZEN, make_zaaktype

pytestmark = pytest.mark.django_db

INLINES = ("statustypen", "roltypen", "resultaattypen", "eigenschappen", "ziots")


def management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def zaaktype_post(catalogus, **extra) -> dict:
    data = {
        "catalogus": str(catalogus.pk),
        "identificatie": "ADM-1",
        "omschrijving": "Vergunning",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "doel",
        "aanleiding": "aanleiding",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "aanvragen",
        "onderwerp": "onderwerp",
        "handeling_behandelaar": "behandelen",
        "doorlooptijd_behandeling": "P30D",
        "referentieproces_naam": "proces",
        "verantwoordelijke": "afdeling",
        "versiedatum": BEGIN.isoformat(),
        "datum_begin_geldigheid": BEGIN.isoformat(),
        "selectielijst_procestype": PROCESTYPE_8,
        "trefwoorden": "",
        "producten_of_diensten": "",
        "verantwoordingsrelatie": "",
    }
    for prefix in INLINES:
        data.update(management(prefix))
    data.update(extra)
    return data


def with_status_and_resultaat(data: dict, klasse: str = RESULTAAT_8_NIHIL) -> dict:
    data.update(management("statustypen", 1))
    data.update({"statustypen-0-volgnummer": "1", "statustypen-0-omschrijving": "Ontvangen"})
    data.update(management("resultaattypen", 1))
    data.update(
        {
            "resultaattypen-0-omschrijving": "Geweigerd",
            "resultaattypen-0-resultaattypeomschrijving": RTO_AFGEWEZEN,
            "resultaattypen-0-selectielijstklasse": klasse,
            "resultaattypen-0-brondatum_archiefprocedure_afleidingswijze": "afgehandeld",
        }
    )
    return data


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert "errornote" in text or "errorlist" in text
    return text


def test_add_zaaktype_with_inlines_through_the_services(admin_client, catalogus):
    response = admin_client.post(
        reverse("admin:catalogi_zaaktype_add"), with_status_and_resultaat(zaaktype_post(catalogus))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    zaaktype = m.ZaakType.objects.get(identificatie="ADM-1")
    assert zaaktype.concept is True
    assert list(zaaktype.statustypen.values_list("omschrijving", flat=True)) == ["Ontvangen"]
    resultaattype = zaaktype.resultaattypen.get()
    # derived by the service from the selectielijst (ztc-002), not entered in the form
    assert resultaattype.archiefnominatie == "vernietigen" and resultaattype.archiefactietermijn == "P5Y"
    assert zaaktype.selectielijst_procestype_jaar is not None


def test_ztc_002_resultaattype_klasse_of_other_procestype_is_a_form_error(admin_client, catalogus):
    data = with_status_and_resultaat(zaaktype_post(catalogus), klasse=RESULTAAT_1)
    text = errors_of(admin_client.post(reverse("admin:catalogi_zaaktype_add"), data))
    assert "hoort niet bij het selectielijst procestype" in text
    assert not m.ZaakType.objects.filter(identificatie="ADM-1").exists()


def test_ztc_001_unknown_procestype_is_a_field_error(admin_client, catalogus):
    data = zaaktype_post(catalogus, selectielijst_procestype=PROCESTYPE_8.replace("bd1ec0a0", "00000000"))
    text = errors_of(admin_client.post(reverse("admin:catalogi_zaaktype_add"), data))
    assert 'id="id_selectielijst_procestype"' in text
    assert not m.ZaakType.objects.exists()


def test_verlenging_mismatch_is_reported_on_the_field(admin_client, catalogus):
    data = zaaktype_post(catalogus, verlenging_mogelijk="on")
    text = errors_of(admin_client.post(reverse("admin:catalogi_zaaktype_add"), data))
    assert "Verlengingstermijn moet ingevuld zijn" in text


def test_eigenschap_specificatie_rule_applies_to_the_inline(admin_client, catalogus):
    data = zaaktype_post(catalogus)
    data.update(management("eigenschappen", 1))
    data.update(
        {
            "eigenschappen-0-naam": "datum",
            "eigenschappen-0-definitie": "d",
            "eigenschappen-0-formaat": "datum",
            "eigenschappen-0-lengte": "3",
            "eigenschappen-0-kardinaliteit": "1",
        }
    )
    text = errors_of(admin_client.post(reverse("admin:catalogi_zaaktype_add"), data))
    assert "Lengte moet 8 zijn" in text
    assert not m.ZaakType.objects.exists()


def test_ztc_009_published_zaaktype_only_einde_geldigheid_changes(admin_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    url = reverse("admin:catalogi_zaaktype_change", args=[zaaktype.pk])
    base = zaaktype_post(catalogus, identificatie=zaaktype.identificatie, omschrijving="Aanvraag")
    text = errors_of(admin_client.post(url, {**base, "doel": "ander doel"}))
    assert "non-concept" in text
    zaaktype.refresh_from_db()
    assert zaaktype.doel == "doel"
    response = admin_client.post(url, {**base, "datum_einde_geldigheid": "2030-01-01"})
    assert response.status_code == 302
    zaaktype.refresh_from_db()
    assert zaaktype.datum_einde_geldigheid.isoformat() == "2030-01-01"


def test_ztc_010_inline_on_published_zaaktype_is_refused(admin_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    url = reverse("admin:catalogi_zaaktype_change", args=[zaaktype.pk])
    data = zaaktype_post(catalogus, identificatie=zaaktype.identificatie, omschrijving="Aanvraag")
    data.update(management("roltypen", 1))
    data.update({"roltypen-0-omschrijving": "Aanvrager", "roltypen-0-omschrijving_generiek": "initiator"})
    text = errors_of(admin_client.post(url, data))
    assert "non-concept zaaktype is forbidden" in text
    assert not zaaktype.roltypen.exists()


def test_ztc_012_dropped_publish_action_publishes_with_a_concept_besluittype(admin_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    besluittype = m.BesluitType.objects.create(
        catalogus=catalogus, omschrijving="B", concept=True, datum_begin_geldigheid=BEGIN, publicatie_indicatie=False
    )
    zaaktype.besluittypen.add(besluittype)
    changelist = reverse("admin:catalogi_zaaktype_changelist")
    admin_client.post(changelist, {"action": "publiceren", "_selected_action": [zaaktype.pk]}, follow=True)
    zaaktype.refresh_from_db()
    besluittype.refresh_from_db()
    assert (zaaktype.concept, besluittype.concept) == (False, True)


def test_new_version_action_copies_sub_resources_as_concept(admin_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    status = m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=1, omschrijving="Start")
    eigenschap = m.Eigenschap.objects.create(
        zaaktype=zaaktype, naam="x", definitie="x", formaat="tekst", lengte="5", kardinaliteit="1", statustype=status
    )
    m.RolType.objects.create(zaaktype=zaaktype, omschrijving="Aanvrager", omschrijving_generiek="initiator")
    m.ResultaatType.objects.create(
        zaaktype=zaaktype,
        omschrijving="Geweigerd",
        selectielijstklasse=RESULTAAT_8_NIHIL,
        resultaattypeomschrijving=RTO_AFGEWEZEN,
        archiefnominatie="vernietigen",
        brondatum_archiefprocedure_afleidingswijze="afgehandeld",
    )
    response = admin_client.post(
        reverse("admin:catalogi_zaaktype_changelist"), {"action": "nieuwe_versie", "_selected_action": [zaaktype.pk]}
    )
    assert response.status_code == 302
    copy = m.ZaakType.objects.exclude(pk=zaaktype.pk).get(identificatie=zaaktype.identificatie)
    assert copy.concept is True and copy.uuid != zaaktype.uuid
    assert copy.statustypen.get().omschrijving == "Start"
    assert copy.roltypen.count() == 1 and copy.resultaattypen.count() == 1
    new_eigenschap = copy.eigenschappen.get()
    assert new_eigenschap.pk != eigenschap.pk and new_eigenschap.statustype.zaaktype_id == copy.pk
    # the original keeps its own sub-types
    assert zaaktype.statustypen.count() == 1 and zaaktype.eigenschappen.get().pk == eigenschap.pk


def test_delete_published_zaaktype_is_refused(admin_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    response = admin_client.post(
        reverse("admin:catalogi_zaaktype_delete", args=[zaaktype.pk]), {"post": "yes"}, follow=True
    )
    assert "Alleen concepten kunnen worden verwijderd" in response.content.decode()
    assert m.ZaakType.objects.filter(pk=zaaktype.pk).exists()


def test_catalogus_rsin_is_checked_by_the_service(admin_client):
    data = {"domein": "ABC", "rsin": "123456789", "contactpersoon_beheer_naam": "x"}
    text = errors_of(admin_client.post(reverse("admin:catalogi_catalogus_add"), data))
    assert "elfproef" in text
    assert not m.Catalogus.objects.exists()


def test_export_action_and_import_page(admin_client, catalogus):
    make_zaaktype(catalogus, selectielijst_procestype=PROCESTYPE_1)
    response = admin_client.post(
        reverse("admin:catalogi_catalogus_changelist"), {"action": "exporteren", "_selected_action": [catalogus.pk]}
    )
    assert response["Content-Type"] == "application/zip"
    content = response.content
    changelist = admin_client.get(reverse("admin:catalogi_catalogus_changelist")).content.decode()
    assert reverse("admin:catalogi_catalogus_import") in changelist
    page = admin_client.get(reverse("admin:catalogi_catalogus_import"))
    assert page.status_code == 200 and b"catalogus-import-form" in page.content
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("export.zip", content, content_type="application/zip")
    response = admin_client.post(reverse("admin:catalogi_catalogus_import"), {"bestand": upload, "domein": "NIEUW"})
    assert response.status_code == 302
    new = m.Catalogus.objects.get(domein="NIEUW")
    assert new.zaaktypen.get().identificatie == "ZT-1"
    bad = SimpleUploadedFile("x.zip", b"garbage")
    response = admin_client.post(reverse("admin:catalogi_catalogus_import"), {"bestand": bad})
    assert response.status_code == 200 and "Import mislukt" in response.content.decode()


def _changelist_queries(client, name: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"admin:catalogi_{name}_changelist"), {"q": "ZT"})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["zaaktype", "besluittype", "informatieobjecttype", "catalogus"])
def test_changelist_query_count_does_not_grow_with_the_rows(admin_client, catalogus, name):
    for index in range(2):
        make_zaaktype(catalogus, identificatie=f"ZT-{index}")
        m.BesluitType.objects.create(catalogus=catalogus, omschrijving=f"ZT-B{index}", publicatie_indicatie=False)
    few = _changelist_queries(admin_client, name)
    for index in range(2, 22):
        make_zaaktype(catalogus, identificatie=f"ZT-{index}")
        m.BesluitType.objects.create(catalogus=catalogus, omschrijving=f"ZT-B{index}", publicatie_indicatie=False)
    assert _changelist_queries(admin_client, name) == few
    assert few <= 12


def test_changelist_skips_the_full_count(admin_client, catalogus, django_assert_max_num_queries):
    from zgw.catalogi.admin import BesluitTypeAdmin, CatalogusAdmin, InformatieObjectTypeAdmin, ZaakTypeAdmin

    for admin_class in (ZaakTypeAdmin, BesluitTypeAdmin, InformatieObjectTypeAdmin, CatalogusAdmin):
        assert admin_class.show_full_result_count is False
        # searches use exact or prefix lookups only (no '%term%' scans)
        assert all(field[0] in "=^" for field in admin_class.search_fields)


def test_add_page_renders_all_inlines(admin_client, catalogus):
    text = admin_client.get(reverse("admin:catalogi_zaaktype_add")).content.decode()
    for group in ("statustypen", "roltypen", "resultaattypen", "eigenschappen", "ziots"):
        assert f'id="{group}-group"' in text
    assert 'id="id_informatieobjecttypen"' not in text  # managed through the ZIOT inline


def test_ztc_009_published_informatieobjecttype_is_read_only_in_the_admin(admin_client, catalogus):
    iot = m.InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Brief",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        datum_begin_geldigheid=BEGIN,
        concept=False,
    )
    url = reverse("admin:catalogi_informatieobjecttype_change", args=[iot.pk])
    data = {
        "catalogus": str(catalogus.pk),
        "omschrijving": "Brief",
        "vertrouwelijkheidaanduiding": "geheim",
        "informatieobjectcategorie": "brief",
        "datum_begin_geldigheid": BEGIN.isoformat(),
    }
    text = errors_of(admin_client.post(url, data))
    assert "non-concept" in text
    iot.refresh_from_db()
    assert iot.vertrouwelijkheidaanduiding == "openbaar"


def test_new_version_of_besluittype_must_not_overlap_when_published(admin_client, catalogus):
    besluittype = m.BesluitType.objects.create(
        catalogus=catalogus,
        omschrijving="Besluit",
        publicatie_indicatie=False,
        datum_begin_geldigheid=BEGIN,
        concept=False,
    )
    changelist = reverse("admin:catalogi_besluittype_changelist")
    admin_client.post(changelist, {"action": "nieuwe_versie", "_selected_action": [besluittype.pk]})
    copy = m.BesluitType.objects.exclude(pk=besluittype.pk).get(omschrijving="Besluit")
    assert copy.concept is True and copy.datum_begin_geldigheid > BEGIN
    response = admin_client.post(changelist, {"action": "publiceren", "_selected_action": [copy.pk]}, follow=True)
    assert "opgegeven geldigheidsperiode" in response.content.decode()
    copy.refresh_from_db()
    assert copy.concept is True
    # closing the old version (the one change ztc-009 allows) makes the publication possible
    besluittype.datum_einde_geldigheid = copy.datum_begin_geldigheid - datetime.timedelta(days=1)
    besluittype.save()
    admin_client.post(changelist, {"action": "publiceren", "_selected_action": [copy.pk]})
    copy.refresh_from_db()
    assert copy.concept is False


def test_change_pages_of_a_full_catalogus_render(admin_client):
    from zgw.catalogi.demo import create_demo_catalogus

    create_demo_catalogus("http://testserver")
    catalogus = m.Catalogus.objects.get(domein="DEMO")
    zaaktype = catalogus.zaaktypen.get()
    pages = [
        reverse("admin:catalogi_catalogus_change", args=[catalogus.pk]),
        reverse("admin:catalogi_zaaktype_change", args=[zaaktype.pk]),
        reverse("admin:catalogi_besluittype_change", args=[catalogus.besluittypen.get().pk]),
        reverse("admin:catalogi_informatieobjecttype_change", args=[catalogus.informatieobjecttypen.get().pk]),
    ]
    for url in pages:
        assert admin_client.get(url).status_code == 200, url
    text = admin_client.get(pages[1]).content.decode()
    for statustype in zaaktype.statustypen.all():
        assert statustype.omschrijving in text


def test_ztc_016_new_zaaktype_version_publishes_only_without_overlap(admin_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    besluittype = m.BesluitType.objects.create(
        catalogus=catalogus, omschrijving="B", concept=False, datum_begin_geldigheid=BEGIN, publicatie_indicatie=False
    )
    zaaktype.besluittypen.add(besluittype)
    changelist = reverse("admin:catalogi_zaaktype_changelist")
    admin_client.post(changelist, {"action": "nieuwe_versie", "_selected_action": [zaaktype.pk]})
    copy = m.ZaakType.objects.exclude(pk=zaaktype.pk).get(identificatie=zaaktype.identificatie)
    assert list(copy.besluittypen.all()) == [besluittype]  # the copy names the same (stored) version
    response = admin_client.post(changelist, {"action": "publiceren", "_selected_action": [copy.pk]}, follow=True)
    assert "opgegeven geldigheidsperiode" in response.content.decode()
    copy.refresh_from_db()
    assert copy.concept is True
    zaaktype.datum_einde_geldigheid = copy.datum_begin_geldigheid - datetime.timedelta(days=1)
    zaaktype.save()
    admin_client.post(changelist, {"action": "publiceren", "_selected_action": [copy.pk]})
    copy.refresh_from_db()
    assert copy.concept is False
