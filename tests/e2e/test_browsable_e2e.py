"""Issue 18 §3 and §4 in a real browser: the browsable API for a logged-in beheerder, and the delivery admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from tests.notificaties.zaak_helpers import create_zaak
from zgw.common import outbox
from zgw.notificaties import routing
from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-e2e-browsable-123"


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def test_logged_in_beheerder_reads_zaken_list_detail_and_an_error(live_server, browser_page, superuser_client):
    get_user_model().objects.create_user("lezer", password=PASSWORD, is_staff=True)
    zaak = create_zaak(superuser_client)
    base = live_server.url
    page = browser_page

    page.goto(f"{base}/")
    assert page.locator("#apis a.api-root").count() == 7
    assert "Django" not in page.title()

    login(page, base, "lezer")
    assert "Django-beheer" not in page.content()
    assert "ZGW-referentieserver" in page.locator("#site-name").inner_text()

    listing = page.goto(f"{base}/zaken/api/v1/zaken")  # no Accept-Crs: a browser cannot send it
    assert listing.status == 200
    assert listing.headers["content-type"].startswith("text/html")
    assert zaak["uuid"] in page.locator(".response-info").inner_text()
    assert '"count": 1' in page.locator(".response-info").inner_text()

    detail = page.goto(f"{base}/zaken/api/v1/zaken/{zaak['uuid']}")
    assert detail.status == 200
    assert detail.headers["content-type"].startswith("text/html")
    assert "EPSG:4326" in page.locator(".response-info").inner_text()  # the Content-Crs header shown
    assert '"bronorganisatie": "002564440"' in page.locator(".response-info").inner_text()

    missing = page.goto(f"{base}/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000")
    assert missing.status == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert '"code": "not_found"' in page.locator(".response-info").inner_text()

    broken = page.goto(f"{base}/zaken/api/v1/zaken/geen-uuid")  # Django-level 404, outside DRF
    assert broken.status == 404
    assert broken.headers["content-type"].startswith("text/html")
    assert "404" in page.locator("#problem-title").inner_text()


def test_beheerder_sees_afleveringen_read_only_resends_and_deactivates(live_server, browser_page):
    get_user_model().objects.create_superuser("beheerder", "b@example.com", PASSWORD)
    kanaal, _ = Kanaal.objects.get_or_create(naam="autorisaties")
    abonnement = Abonnement.objects.create(callback_url="http://down.invalid/hook", auth="x")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=kanaal)
    url = "http://ac.local/autorisaties/api/v1/applicaties/1"
    with transaction.atomic():
        message = outbox.publish(kanaal="autorisaties", hoofd_object=url, resource="applicatie", resource_url=url,
                                 actie="create")  # fmt: skip
    [pk] = routing.route_outbox([message.pk])
    Delivery.objects.filter(pk=pk).update(status="failed", attempts=10, last_status_code=502)
    base = live_server.url
    page = browser_page
    login(page, base, "beheerder")

    page.goto(f"{base}/admin/notificaties/delivery/{pk}/change/")
    assert page.locator("input[name=_save]").count() == 0  # read-only: nothing to save
    assert page.locator("select#id_status").count() == 0
    assert page.locator(".deletelink").count() == 0

    page.goto(f"{base}/admin/notificaties/delivery/")
    page.check(f"input[name=_selected_action][value='{pk}']")
    page.select_option("select[name=action]", "resend_deliveries")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert Delivery.objects.get(pk=pk).status != "failed"

    page.goto(f"{base}/admin/notificaties/abonnement/{abonnement.pk}/change/")
    assert page.locator(".deletelink").count() == 0  # it has history: no delete button
    page.goto(f"{base}/admin/notificaties/abonnement/")
    options = page.locator("select[name=action] option").all_inner_texts()
    assert not any("verwijderen" in option.lower() and "geselecteerde" in option.lower() for option in options)
    page.check(f"input[name=_selected_action][value='{abonnement.pk}']")
    page.select_option("select[name=action]", "deactivate_abonnementen")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert not FilterGroup.objects.filter(abonnement=abonnement).exists()
    assert Delivery.objects.filter(pk=pk, abonnement=abonnement).exists()  # history kept
