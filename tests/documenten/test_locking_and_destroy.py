"""drc-008 (destroy) and drc-009 (lock/unlock)."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from zgw.autorisaties.services import AutorisatieData
from zgw.common.models import AuditTrail
from zgw.documenten import services
from zgw.documenten.models import (
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
    ObjectInformatieObject,
    Verzending,
)

from .conftest import b64, codes, lock, path_of

pytestmark = pytest.mark.django_db


def test_drc_009_lock_returns_unguessable_id_and_second_lock_fails(superuser_client, create_eio):
    data = create_eio()
    first = lock(superuser_client, data["url"])
    assert len(first) == 32
    assert superuser_client.get(path_of(data["url"])).json()["locked"] is True
    again = superuser_client.post(f"{path_of(data['url'])}/lock")
    assert again.status_code == 400
    assert ("nonFieldErrors", "existing-lock") in codes(again)


def test_drc_009_unlock_needs_the_lock_id(superuser_client, create_eio, make_api_client, iotype):
    data = create_eio()
    lock_id = lock(superuser_client, data["url"])
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=["documenten.lock", "documenten.lezen"],
                informatieobjecttype=iotype["url"],
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    wrong = client.post(f"{path_of(data['url'])}/unlock", {"lock": "wrong"}, format="json")
    assert wrong.status_code == 400
    assert ("nonFieldErrors", "incorrect-lock-id") in codes(wrong)
    missing = client.post(f"{path_of(data['url'])}/unlock", {}, format="json")
    assert ("nonFieldErrors", "incorrect-lock-id") in codes(missing)
    ok = client.post(f"{path_of(data['url'])}/unlock", {"lock": lock_id}, format="json")
    assert ok.status_code == 204
    assert client.get(path_of(data["url"])).json()["locked"] is False


def test_drc_009_forced_unlock_without_lock_id(superuser_client, create_eio, make_api_client, iotype):
    data = create_eio()
    lock(superuser_client, data["url"])
    admin = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=["documenten.geforceerd-unlock"],
                informatieobjecttype=iotype["url"],
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    response = admin.post(f"{path_of(data['url'])}/unlock", {}, format="json")
    assert response.status_code == 204
    assert EnkelvoudigInformatieObject.objects.get().lock == ""


def test_drc_009_lock_scope_required(create_eio, make_api_client, iotype):
    data = create_eio()
    reader = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=["documenten.lezen"],
                informatieobjecttype=iotype["url"],
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    assert reader.post(f"{path_of(data['url'])}/lock").status_code == 403


def test_drc_008_locked_document_cannot_be_destroyed(superuser_client, create_eio):
    data = create_eio()
    lock(superuser_client, data["url"])
    response = superuser_client.delete(path_of(data["url"]))
    assert response.status_code == 400
    assert ("nonFieldErrors", "destroy-locked") in codes(response)


def test_drc_008_document_with_relations_cannot_be_destroyed(superuser_client, create_eio):
    data = create_eio()
    document = EnkelvoudigInformatieObject.objects.get()
    services.link_object(
        informatieobject=document, object_type="zaak", object_url="https://zaken.example.nl/zaken/api/v1/zaken/1"
    )
    response = superuser_client.delete(path_of(data["url"]))
    assert response.status_code == 400
    assert ("nonFieldErrors", "pending-relations") in codes(response)
    assert EnkelvoudigInformatieObject.objects.exists()


def test_drc_008_destroy_removes_versions_content_rights_and_audit(
    superuser_client, create_eio, django_capture_on_commit_callbacks
):
    data = create_eio()
    url = path_of(data["url"])
    lock_id = lock(superuser_client, data["url"])
    superuser_client.patch(url, {"inhoud": b64(b"v2"), "lock": lock_id}, format="json")
    superuser_client.post(f"{url}/unlock", {"lock": lock_id}, format="json")
    superuser_client.post(
        "/documenten/api/v1/gebruiksrechten",
        {"informatieobject": data["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        format="json",
    )
    names = list(EnkelvoudigInformatieObjectVersie.objects.values_list("inhoud", flat=True))
    assert len(names) == 2 and all(default_storage.exists(n) for n in names)
    assert AuditTrail.objects.filter(bron="drc").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.delete(url)
    assert response.status_code == 204
    assert not EnkelvoudigInformatieObject.objects.exists()
    assert not EnkelvoudigInformatieObjectVersie.objects.exists()
    assert not Gebruiksrechten.objects.exists()
    assert not Verzending.objects.exists()
    assert not AuditTrail.objects.filter(bron="drc").exists()
    assert not any(default_storage.exists(n) for n in names)
    assert superuser_client.get(url).status_code == 404


def test_link_and_unlink_object_contract(create_eio):
    create_eio()
    document = EnkelvoudigInformatieObject.objects.get()
    url = "http://testserver/besluiten/api/v1/besluiten/5a0d3c44-34a3-4d8d-9a39-7b3b40dd9d63"
    first = services.link_object(informatieobject=document, object_type="besluit", object_url=url)
    again = services.link_object(informatieobject=document, object_type="besluit", object_url=url)
    assert first.pk == again.pk
    services.unlink_object(informatieobject=document, object_type="besluit", object_url=url)
    assert not ObjectInformatieObject.objects.exists()
