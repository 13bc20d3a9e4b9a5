"""Issue 9 end to end: a beheerder builds and publishes a zaaktype in the admin; the Catalogi API serves it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from zgw.catalogi import models as m

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROCESTYPE = "referentielijsten/api/v1/procestypen/bd1ec0a0-0ecd-4046-8372-dcb6bdfda891"
RESULTAAT = "referentielijsten/api/v1/resultaten/e2068367-1012-4795-984e-72901180ff80"
RTO = "referentielijsten/api/v1/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7"


def test_beheer_creates_and_publishes_a_zaaktype(live_server, browser_page, make_api_client):
    get_user_model().objects.create_superuser("beheerder", "beheer@example.com", "geheim-e2e-123")
    catalogus = m.Catalogus.objects.create(domein="E2E", rsin="002564440", contactpersoon_beheer_naam="Beheer")
    base = live_server.url
    page = browser_page

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "beheerder")
    page.fill("#id_password", "geheim-e2e-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    page.goto(f"{base}/admin/catalogi/zaaktype/add/")
    page.select_option("#id_catalogus", str(catalogus.pk))
    fields = {
        "identificatie": "E2E-1",
        "omschrijving": "Melding openbare ruimte",
        "doel": "Meldingen afhandelen",
        "aanleiding": "Melding",
        "handeling_initiator": "melden",
        "onderwerp": "Openbare ruimte",
        "handeling_behandelaar": "afhandelen",
        "doorlooptijd_behandeling": "P14D",
        "referentieproces_naam": "melding",
        "verantwoordelijke": "Team buitenruimte",
        "versiedatum": "2024-01-01",
        "datum_begin_geldigheid": "2024-01-01",
        "selectielijst_procestype": f"{base}/{PROCESTYPE}",
    }
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.select_option("#id_vertrouwelijkheidaanduiding", "openbaar")
    page.select_option("#id_indicatie_intern_of_extern", "extern")

    page.click("#statustypen-group .add-row a")
    page.fill("#id_statustypen-0-volgnummer", "1")
    page.fill("#id_statustypen-0-omschrijving", "Ontvangen")
    page.click("#resultaattypen-group .add-row a")
    page.fill("#id_resultaattypen-0-omschrijving", "Afgewezen")
    page.fill("#id_resultaattypen-0-resultaattypeomschrijving", f"{base}/{RTO}")
    page.fill("#id_resultaattypen-0-selectielijstklasse", f"{base}/{RESULTAAT}")
    page.select_option("#id_resultaattypen-0-brondatum_archiefprocedure_afleidingswijze", "afgehandeld")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert "E2E-1" in page.content()

    # publish with the admin action
    row = page.locator("#result_list tr", has_text="E2E-1")
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "publiceren")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert "gepubliceerd" in page.inner_text(".messagelist")

    # the Catalogi API serves it: published, with the statustype
    api = make_api_client(heeft_alle=True)
    listing = api.get("/catalogi/api/v1/zaaktypen", {"identificatie": "E2E-1", "status": "definitief"}).json()
    assert listing["count"] == 1
    zaaktype = listing["results"][0]
    assert zaaktype["concept"] is False
    assert len(zaaktype["statustypen"]) == 1
    status = api.get(zaaktype["statustypen"][0]).json()
    assert (status["omschrijving"], status["volgnummer"]) == ("Ontvangen", 1)
    resultaattypen = api.get("/catalogi/api/v1/resultaattypen", {"zaaktype": zaaktype["url"]}).json()
    assert [r["archiefactietermijn"] for r in resultaattypen["results"]] == ["P5Y"]
