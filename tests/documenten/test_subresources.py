"""Gebruiksrechten, objectinformatieobjecten (drc-002/003/004) and verzendingen."""

from __future__ import annotations

import pytest

from zgw.common import relations
from zgw.common.models import AuditTrail, OutboxMessage
from zgw.documenten.models import EnkelvoudigInformatieObject, ObjectInformatieObject

from .conftest import codes, path_of

pytestmark = pytest.mark.django_db

GR = "/documenten/api/v1/gebruiksrechten"
OIO = "/documenten/api/v1/objectinformatieobjecten"
VZ = "/documenten/api/v1/verzendingen"
REMOTE_ZAAK = "https://zaken.example.nl/zaken/api/v1/zaken/1c8e36be-338c-4c07-ac5e-1adf55bec04a"
REMOTE_ZIO = "https://zaken.example.nl/zaken/api/v1/zaakinformatieobjecten"


def _recht(document_url: str, **extra) -> dict:
    return {
        "informatieobject": document_url,
        "startdatum": "2024-01-01T00:00:00Z",
        "omschrijvingVoorwaarden": "Alleen intern",
        **extra,
    }


def test_gebruiksrechten_crud_filters_audit_and_notifications(superuser_client, create_eio):
    data = create_eio()
    created = superuser_client.post(GR, _recht(data["url"], einddatum="2025-01-01T00:00:00Z"), format="json")
    assert created.status_code == 201, created.json()
    assert created["Location"] == created.json()["url"]
    recht_url = path_of(created.json()["url"])
    assert superuser_client.get(GR, {"informatieobject": data["url"]}).json()[0]["url"] == created.json()["url"]
    assert superuser_client.get(GR, {"startdatum__gt": "2024-06-01T00:00:00Z"}).json() == []
    assert len(superuser_client.get(GR, {"einddatum__lte": "2025-01-01T00:00:00Z"}).json()) == 1
    patched = superuser_client.patch(recht_url, {"omschrijvingVoorwaarden": "anders"}, format="json")
    assert patched.status_code == 200
    assert patched.json()["omschrijvingVoorwaarden"] == "anders"
    other = create_eio()
    moved = superuser_client.patch(recht_url, {"informatieobject": other["url"]}, format="json")
    assert moved.status_code == 400
    assert ("informatieobject", "wijzigen-niet-toegelaten") in codes(moved)
    resources = list(AuditTrail.objects.filter(resource="gebruiksrechten").values_list("actie", "hoofd_object"))
    assert resources == [("create", data["url"]), ("partial_update", data["url"])]
    assert OutboxMessage.objects.filter(resource="gebruiksrechten", hoofd_object=data["url"]).count() == 2


def test_gebruiksrechten_filter_with_wrong_resource_kind_is_400(superuser_client, create_eio):
    create_eio()
    wrong = superuser_client.get(
        GR, {"informatieobject": "http://testserver/zaken/api/v1/zaken/1c8e36be-338c-4c07-ac5e-1adf55bec04a"}
    )
    assert wrong.status_code == 400
    not_url = superuser_client.get(GR, {"informatieobject": "geen url"})
    assert not_url.status_code == 400


def test_gebruiksrechten_expand_informatieobject(superuser_client, create_eio):
    data = create_eio()
    recht = superuser_client.post(GR, _recht(data["url"]), format="json").json()
    response = superuser_client.get(
        path_of(recht["url"]), {"expand": "informatieobject,informatieobject.informatieobjecttype"}
    )
    assert response.status_code == 200
    expanded = response.json()["_expand"]["informatieobject"]
    assert expanded["url"] == data["url"]
    assert expanded["_expand"]["informatieobjecttype"]["url"] == data["informatieobjecttype"]


def test_drc_002_object_must_exist(superuser_client, create_eio, mocked):
    data = create_eio()
    mocked.get(REMOTE_ZAAK, status=404)
    response = superuser_client.post(
        OIO, {"informatieobject": data["url"], "object": REMOTE_ZAAK, "objectType": "zaak"}, format="json"
    )
    assert response.status_code == 400
    assert ("object", "bad-url") in codes(response)


def _remote_zaak(mocked, linked: bool, eio_url: str):
    mocked.get(
        REMOTE_ZAAK,
        json={
            "url": REMOTE_ZAAK,
            "zaaktype": "https://x/zt/1",
            "bronorganisatie": "000000000",
            "startdatum": "2024-01-01",
        },
    )
    results = [{"url": f"{REMOTE_ZIO}/1", "zaak": REMOTE_ZAAK, "informatieobject": eio_url}] if linked else []
    mocked.get(REMOTE_ZIO, json=results)


def test_drc_004_relation_must_exist_at_remote_owner(superuser_client, create_eio, mocked):
    data = create_eio()
    _remote_zaak(mocked, linked=False, eio_url=data["url"])
    response = superuser_client.post(
        OIO, {"informatieobject": data["url"], "object": REMOTE_ZAAK, "objectType": "zaak"}, format="json"
    )
    assert response.status_code == 400
    assert ("nonFieldErrors", "inconsistent-relation") in codes(response)


def test_drc_003_and_004_remote_relation_created_once(superuser_client, create_eio, mocked):
    data = create_eio()
    _remote_zaak(mocked, linked=True, eio_url=data["url"])
    body = {"informatieobject": data["url"], "object": REMOTE_ZAAK, "objectType": "zaak"}
    created = superuser_client.post(OIO, body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["objectType"] == "zaak"
    assert AuditTrail.objects.filter(
        resource="objectinformatieobject", actie="create", hoofd_object=data["url"]
    ).exists()
    duplicate = superuser_client.post(OIO, body, format="json")
    assert duplicate.status_code == 400
    assert ("nonFieldErrors", "unique") in codes(duplicate)
    listed = superuser_client.get(OIO, {"object": REMOTE_ZAAK}).json()
    assert [item["url"] for item in listed] == [created.json()["url"]]
    # the owner still has the relation: deleting the mirror is refused
    refused = superuser_client.delete(path_of(created.json()["url"]))
    assert refused.status_code == 400
    assert ("nonFieldErrors", "remote-relation-exists") in codes(refused)


def test_oio_delete_when_owner_dropped_relation(superuser_client, create_eio, mocked):
    data = create_eio()
    document = EnkelvoudigInformatieObject.objects.get()
    oio = ObjectInformatieObject.objects.create(informatieobject=document, object_type="zaak", object=REMOTE_ZAAK)
    mocked.get(REMOTE_ZIO, json={"count": 0, "results": []})
    response = superuser_client.delete(f"{OIO}/{oio.uuid}")
    assert response.status_code == 204
    assert not ObjectInformatieObject.objects.exists()
    assert data["url"]


def test_drc_004_local_object_uses_registered_checker(superuser_client, create_eio, monkeypatch):
    data = create_eio()
    document = EnkelvoudigInformatieObject.objects.get()
    zaak_url = "http://testserver/zaken/api/v1/zaken/1c8e36be-338c-4c07-ac5e-1adf55bec04a"
    from zgw.documenten import relations as drc_relations

    monkeypatch.setattr(drc_relations, "validate_drc_002_object", lambda object_type, url, request=None: True)
    seen = []

    def checker(object_url, informatieobject_url, request):
        seen.append((object_url, informatieobject_url))
        return ObjectInformatieObject.objects.filter(object=object_url).exists()

    monkeypatch.setitem(relations._checkers, "zaak", checker)
    body = {"informatieobject": data["url"], "object": zaak_url, "objectType": "zaak"}
    refused = superuser_client.post(OIO, body, format="json")
    assert refused.status_code == 400
    assert ("nonFieldErrors", "inconsistent-relation") in codes(refused)
    assert seen == [(zaak_url, data["url"])]
    # the owner mirrored it in its own transaction: the API create of that pair is a duplicate (drc-003)
    ObjectInformatieObject.objects.create(informatieobject=document, object_type="zaak", object=zaak_url)
    duplicate = superuser_client.post(OIO, body, format="json")
    assert duplicate.status_code == 400
    assert codes(duplicate) == {("nonFieldErrors", "unique")}


def _verzending(document_url: str, **extra) -> dict:
    return {
        "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
        "informatieobject": document_url,
        "aardRelatie": "geadresseerde",
        "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/1",
        **extra,
    }


def test_verzending_exactly_one_address(superuser_client, create_eio):
    data = create_eio()
    none = superuser_client.post(VZ, _verzending(data["url"]), format="json")
    assert none.status_code == 400
    assert ("nonFieldErrors", "invalid-address") in codes(none)
    two = superuser_client.post(
        VZ, _verzending(data["url"], emailadres="a@b.nl", telefoonnummer="0612345678"), format="json"
    )
    assert ("nonFieldErrors", "invalid-address") in codes(two)
    address = {"huisnummer": 1, "naamOpenbareRuimte": "Straat", "woonplaatsnaam": "Utrecht"}
    ok = superuser_client.post(VZ, _verzending(data["url"], binnenlandsCorrespondentieadres=address), format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["binnenlandsCorrespondentieadres"]["naamOpenbareRuimte"] == "Straat"
    url = path_of(ok.json()["url"])
    # PATCH: the merged result must still have exactly one address
    both = superuser_client.patch(url, {"emailadres": "a@b.nl"}, format="json")
    assert ("nonFieldErrors", "invalid-address") in codes(both)
    switched = superuser_client.patch(
        url, {"emailadres": "a@b.nl", "binnenlandsCorrespondentieadres": None}, format="json"
    )
    assert switched.status_code == 200, switched.json()
    assert switched.json()["binnenlandsCorrespondentieadres"] is None
    assert OutboxMessage.objects.filter(resource="verzending").count() == 2
    trail = superuser_client.get(f"{path_of(data['url'])}/audittrail").json()
    verzending_entries = [(e["actie"], e["resource"]) for e in trail if e["resource"] == "verzending"]
    assert verzending_entries == [("create", "verzending"), ("partial_update", "verzending")]
    assert superuser_client.delete(url).status_code == 204
    assert AuditTrail.objects.filter(resource="verzending", actie="destroy", hoofd_object=data["url"]).exists()


def test_verzending_list_filters_and_pagination(superuser_client, create_eio):
    data = create_eio()
    superuser_client.post(VZ, _verzending(data["url"], emailadres="a@b.nl"), format="json")
    superuser_client.post(VZ, _verzending(data["url"], aardRelatie="afzender", mijnOverheid=True), format="json")
    listed = superuser_client.get(VZ)
    assert listed.json()["count"] == 2
    assert superuser_client.get(VZ, {"aardRelatie": "afzender"}).json()["count"] == 1
    assert superuser_client.get(VZ, {"aardRelatie": "onzin"}).status_code == 400
    assert superuser_client.get(VZ, {"informatieobject": data["url"]}).json()["count"] == 2
    assert superuser_client.get(VZ, {"betrokkene": "https://klanten.example.nl/api/v1/klanten/2"}).json()["count"] == 0


def test_verzending_nested_wrong_type_is_400(superuser_client, create_eio):
    data = create_eio()
    response = superuser_client.post(
        VZ, _verzending(data["url"], binnenlandsCorrespondentieadres="Straat 1"), format="json"
    )
    assert response.status_code == 400


def test_drc_004_remote_lookup_failure_is_relation_lookup_error(superuser_client, create_eio, mocked):
    data = create_eio()
    mocked.get(
        REMOTE_ZAAK,
        json={
            "url": REMOTE_ZAAK,
            "zaaktype": "https://x/zt/1",
            "bronorganisatie": "000000000",
            "startdatum": "2024-01-01",
        },
    )
    mocked.get(REMOTE_ZIO, status=500)
    response = superuser_client.post(
        OIO, {"informatieobject": data["url"], "object": REMOTE_ZAAK, "objectType": "zaak"}, format="json"
    )
    assert response.status_code == 400
    assert ("nonFieldErrors", "relation-lookup-error") in codes(response)
    assert not ObjectInformatieObject.objects.exists()


def test_oio_has_no_update(superuser_client, create_eio):
    create_eio()
    document = EnkelvoudigInformatieObject.objects.get()
    oio = ObjectInformatieObject.objects.create(informatieobject=document, object_type="zaak", object=REMOTE_ZAAK)
    assert superuser_client.patch(f"{OIO}/{oio.uuid}", {}, format="json").status_code == 405
    assert superuser_client.put(f"{OIO}/{oio.uuid}", {}, format="json").status_code == 405
