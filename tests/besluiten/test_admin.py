"""The admin keeps the local mirrors in step ("also for relations made outside the API", brc-005/brc-006)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory

from zgw.besluiten.admin import BesluitAdmin
from zgw.besluiten.models import Besluit
from zgw.common.models import AuditTrail
from zgw.documenten.models import ObjectInformatieObject

from .conftest import BIOS, local_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user() -> User:
    return User.objects.create_superuser("beheer", "beheer@example.com", "x")


def test_admin_pages_render(client, admin_user, create_besluit):
    besluit = create_besluit()
    client.force_login(admin_user)
    assert client.get("/admin/besluiten/besluit/").status_code == 200
    obj = Besluit.objects.get()
    assert client.get(f"/admin/besluiten/besluit/{obj.pk}/change/").status_code == 200
    assert besluit["identificatie"] in client.get("/admin/besluiten/besluit/").content.decode()


def test_brc_009_admin_delete_removes_mirrors_and_trail(superuser_client, create_besluit, document, admin_user):
    besluit = create_besluit()
    eio = local_url("documenten", "enkelvoudiginformatieobjecten", document)
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio}, format="json")
    assert ObjectInformatieObject.objects.count() == 1
    request = RequestFactory().post("/admin/", SERVER_NAME="testserver")
    request.user = admin_user

    BesluitAdmin(Besluit, admin.site).delete_model(request, Besluit.objects.get())

    assert not Besluit.objects.exists()
    assert not ObjectInformatieObject.objects.exists()
    assert not AuditTrail.objects.filter(bron="brc").exists()


def test_brc_005_admin_is_read_only_so_no_unmirrored_relations_can_appear(client, admin_user, create_besluit, document):
    create_besluit()
    obj = Besluit.objects.get()
    client.force_login(admin_user)
    url = f"/admin/besluiten/besluit/{obj.pk}/change/"
    form = {
        "identificatie": obj.identificatie,
        "verantwoordelijke_organisatie": obj.verantwoordelijke_organisatie,
        "besluittype": obj.besluittype_id,
        "besluittype_url": "",
        "zaak_url": "",
        "datum": "2024-03-01",
        "ingangsdatum": "2024-03-02",
        "toelichting": "",
        "bestuursorgaan": "",
        "vervalreden": "",
        "besluitinformatieobjecten-TOTAL_FORMS": "1",
        "besluitinformatieobjecten-INITIAL_FORMS": "0",
        "besluitinformatieobjecten-MIN_NUM_FORMS": "0",
        "besluitinformatieobjecten-MAX_NUM_FORMS": "1000",
        "besluitinformatieobjecten-0-informatieobject": str(document.pk),
        "besluitinformatieobjecten-0-informatieobject_url": "",
        "besluitinformatieobjecten-0-besluit": str(obj.pk),
    }
    # relations are created through the API only (which mirrors them); the beheer UI shows besluiten read-only
    response = client.post(url, form)
    assert response.status_code == 403
    assert not ObjectInformatieObject.objects.exists()
    assert not obj.besluitinformatieobjecten.exists()
