"""EnkelvoudigInformatieObject: create/read/update rules (drc-001, 005, 006, 007, 010), versions, download, _zoek."""

from __future__ import annotations

import time

import pytest
from django.core.files.storage import default_storage

from zgw.common.models import AuditTrail, OutboxMessage
from zgw.documenten.models import EnkelvoudigInformatieObject, EnkelvoudigInformatieObjectVersie

from .conftest import EIO_LIST, b64, codes, eio_body, lock, path_of

pytestmark = pytest.mark.django_db


def test_create_returns_document_with_download_url_and_versie_1(superuser_client, create_eio):
    data = create_eio()
    assert data["versie"] == 1
    assert data["locked"] is False
    assert data["lock"] == ""
    assert data["bestandsomvang"] == len(b"hallo wereld")
    assert data["inhoud"] == f"{data['url']}/download?versie=1"
    assert data["identificatie"].startswith("DOCUMENT-2024-")
    response = superuser_client.get(path_of(data["url"]))
    assert response.status_code == 200
    assert response.json()["titel"] == "Brief aan burger"
    download = superuser_client.get(path_of(data["inhoud"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"hallo wereld"
    assert download["Content-Type"] == "application/octet-stream"
    assert download["API-version"] == "1.7.0"
    assert response["API-version"] == "1.7.0"


def test_content_is_stored_in_storage_not_in_database(create_eio):
    data = create_eio()
    version = EnkelvoudigInformatieObjectVersie.objects.get()
    assert default_storage.exists(version.inhoud.name)
    with default_storage.open(version.inhoud.name) as fh:
        assert fh.read() == b"hallo wereld"
    assert data["bestandsnaam"] == "brief.txt"


def test_identificatie_generated_format_and_unique_per_bronorganisatie(superuser_client, iotype, create_eio):
    first = create_eio()
    second = create_eio()
    assert first["identificatie"] != second["identificatie"]
    assert first["identificatie"] == "DOCUMENT-2024-0000000001"
    assert second["identificatie"] == "DOCUMENT-2024-0000000002"
    duplicate = superuser_client.post(
        EIO_LIST, eio_body(iotype["url"], identificatie=first["identificatie"]), format="json"
    )
    assert duplicate.status_code == 400
    assert ("identificatie", "identificatie-niet-uniek") in codes(duplicate)
    other_org = superuser_client.post(
        EIO_LIST,
        eio_body(iotype["url"], identificatie=first["identificatie"], bronorganisatie="517439943"),
        format="json",
    )
    assert other_org.status_code == 201


def test_generated_identificatie_skips_values_taken_by_clients(superuser_client, iotype, create_eio):
    create_eio(identificatie="DOCUMENT-2024-0000000001")
    generated = create_eio()
    assert generated["identificatie"] == "DOCUMENT-2024-0000000002"


def test_drc_001_unpublished_informatieobjecttype_rejected(superuser_client, make_iotype):
    concept = make_iotype(concept=True)
    response = superuser_client.post(EIO_LIST, eio_body(concept["url"]), format="json")
    assert response.status_code == 400
    assert ("informatieobjecttype", "not-published") in codes(response)


def test_drc_001_unreachable_informatieobjecttype_rejected(superuser_client, mocked):
    url = "https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/0d5c8a2b-5a3c-4a8e-9d7c-1c2f8b3f6b11"
    mocked.get(url, status=404)
    response = superuser_client.post(EIO_LIST, eio_body(url), format="json")
    assert response.status_code == 400
    assert ("informatieobjecttype", "bad-url") in codes(response)


def test_drc_001_wrong_shape_rejected(superuser_client, mocked):
    url = "https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/8f4e2f36-6e80-4f77-8f0c-2a0b7c8d2e11"
    mocked.get(url, json={"url": url, "foo": "bar"})
    response = superuser_client.post(EIO_LIST, eio_body(url), format="json")
    assert response.status_code == 400
    assert ("informatieobjecttype", "invalid-resource") in codes(response)


def test_drc_001_informatieobjecttype_validated_on_update(superuser_client, create_eio, make_iotype):
    data = create_eio()
    concept = make_iotype(concept=True)
    lock_id = lock(superuser_client, data["url"])
    response = superuser_client.patch(
        path_of(data["url"]), {"informatieobjecttype": concept["url"], "lock": lock_id}, format="json"
    )
    assert response.status_code == 400
    assert ("informatieobjecttype", "not-published") in codes(response)


def test_drc_010_informatieobjecttype_may_change(superuser_client, create_eio, make_iotype):
    data = create_eio()
    other = make_iotype(vertrouwelijkheidaanduiding="intern")
    lock_id = lock(superuser_client, data["url"])
    response = superuser_client.patch(
        path_of(data["url"]), {"informatieobjecttype": other["url"], "lock": lock_id}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["informatieobjecttype"] == other["url"]
    assert EnkelvoudigInformatieObject.objects.get().informatieobjecttype_url == other["url"]


def test_drc_005_received_document_cannot_be_in_bewerking(superuser_client, iotype, create_eio):
    response = superuser_client.post(
        EIO_LIST, eio_body(iotype["url"], ontvangstdatum="2024-05-02", status="in_bewerking"), format="json"
    )
    assert response.status_code == 400
    assert ("status", "invalid_for_received") in codes(response)
    data = create_eio(ontvangstdatum="2024-05-02", status="definitief")
    lock_id = lock(superuser_client, data["url"])
    # merged with the stored ontvangstdatum
    patch = superuser_client.patch(path_of(data["url"]), {"status": "ter_vaststelling", "lock": lock_id}, format="json")
    assert patch.status_code == 400
    assert ("status", "invalid_for_received") in codes(patch)
    ok = superuser_client.patch(
        path_of(data["url"]), {"status": "ter_vaststelling", "ontvangstdatum": None, "lock": lock_id}, format="json"
    )
    assert ok.status_code == 200


def test_drc_006_indicatie_gebruiksrecht_true_needs_gebruiksrechten(superuser_client, iotype, create_eio):
    response = superuser_client.post(EIO_LIST, eio_body(iotype["url"], indicatieGebruiksrecht=True), format="json")
    assert response.status_code == 400
    assert ("indicatieGebruiksrecht", "missing-gebruiksrechten") in codes(response)
    data = create_eio(indicatieGebruiksrecht=False)
    assert data["indicatieGebruiksrecht"] is False


def test_drc_006_gebruiksrechten_drive_the_indicatie(superuser_client, create_eio):
    data = create_eio()
    assert data["indicatieGebruiksrecht"] is None
    recht = superuser_client.post(
        "/documenten/api/v1/gebruiksrechten",
        {"informatieobject": data["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "geen"},
        format="json",
    )
    assert recht.status_code == 201, recht.json()
    assert superuser_client.get(path_of(data["url"])).json()["indicatieGebruiksrecht"] is True
    lock_id = lock(superuser_client, data["url"])
    blocked = superuser_client.patch(
        path_of(data["url"]), {"indicatieGebruiksrecht": False, "lock": lock_id}, format="json"
    )
    assert blocked.status_code == 400
    assert ("indicatieGebruiksrecht", "existing-gebruiksrechten") in codes(blocked)
    assert superuser_client.delete(path_of(recht.json()["url"])).status_code == 204
    assert superuser_client.get(path_of(data["url"])).json()["indicatieGebruiksrecht"] is None


def test_drc_007_vertrouwelijkheidaanduiding_defaults_from_type(superuser_client, make_iotype):
    geheim = make_iotype(vertrouwelijkheidaanduiding="geheim")
    body = eio_body(geheim["url"])
    response = superuser_client.post(EIO_LIST, body, format="json")
    assert response.status_code == 201
    assert response.json()["vertrouwelijkheidaanduiding"] == "geheim"
    explicit = superuser_client.post(
        EIO_LIST, eio_body(geheim["url"], vertrouwelijkheidaanduiding="openbaar"), format="json"
    )
    assert explicit.json()["vertrouwelijkheidaanduiding"] == "openbaar"


def test_drc_010_update_requires_lock(superuser_client, create_eio):
    data = create_eio()
    url = path_of(data["url"])
    unlocked = superuser_client.patch(url, {"titel": "nieuw"}, format="json")
    assert unlocked.status_code == 400
    assert ("nonFieldErrors", "unlocked") in codes(unlocked)
    lock_id = lock(superuser_client, data["url"])
    missing = superuser_client.patch(url, {"titel": "nieuw"}, format="json")
    assert ("nonFieldErrors", "missing-lock-id") in codes(missing)  # drc-009e: PATCH names the rule
    wrong = superuser_client.patch(url, {"titel": "nieuw", "lock": "x" * 32}, format="json")
    assert ("nonFieldErrors", "incorrect-lock-id") in codes(wrong)
    ok = superuser_client.patch(url, {"titel": "nieuw", "lock": lock_id}, format="json")
    assert ok.status_code == 200
    assert ok.json()["titel"] == "nieuw"
    assert ok.json()["versie"] == 2


def test_put_creates_new_version_and_keeps_old(superuser_client, iotype, create_eio):
    data = create_eio()
    url = path_of(data["url"])
    lock_id = lock(superuser_client, data["url"])
    body = eio_body(iotype["url"], titel="Versie twee", inhoud=b64(b"tweede inhoud"), lock=lock_id)
    response = superuser_client.put(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["versie"] == 2
    assert response.json()["identificatie"] == data["identificatie"]
    assert EnkelvoudigInformatieObjectVersie.objects.count() == 2
    v1 = superuser_client.get(url, {"versie": 1}).json()
    assert v1["titel"] == "Brief aan burger"
    assert v1["versie"] == 1
    assert superuser_client.get(url).json()["titel"] == "Versie twee"
    old = superuser_client.get(f"{url}/download", {"versie": 1})
    assert b"".join(old.streaming_content) == b"hallo wereld"
    new = superuser_client.get(f"{url}/download")
    assert b"".join(new.streaming_content) == b"tweede inhoud"


def test_registratie_op_returns_version_valid_at_that_moment(superuser_client, create_eio):
    data = create_eio()
    url = path_of(data["url"])
    first_registered = data["beginRegistratie"]
    time.sleep(0.01)
    lock_id = lock(superuser_client, data["url"])
    superuser_client.patch(url, {"titel": "later", "lock": lock_id}, format="json")
    at_first = superuser_client.get(url, {"registratieOp": first_registered})
    assert at_first.status_code == 200
    assert at_first.json()["versie"] == 1
    assert superuser_client.get(url, {"registratieOp": "2999-01-01T00:00:00Z"}).json()["versie"] == 2
    unencoded_offset = superuser_client.get(f"{url}?registratieOp=2999-01-01T00:00:00+01:00")
    assert unencoded_offset.json()["versie"] == 2
    assert superuser_client.get(url, {"registratieOp": "2000-01-01T00:00:00Z"}).status_code == 404
    assert superuser_client.get(url, {"versie": 7}).status_code == 404
    assert superuser_client.get(url, {"registratieOp": "2024-13-45T99:00:00"}).status_code == 400
    assert superuser_client.get(url, {"versie": "een"}).status_code == 400
    download = superuser_client.get(f"{url}/download", {"registratieOp": first_registered})
    assert download.status_code == 200


def test_list_shows_latest_version_only(superuser_client, create_eio):
    data = create_eio()
    lock_id = lock(superuser_client, data["url"])
    superuser_client.patch(path_of(data["url"]), {"titel": "v2", "lock": lock_id}, format="json")
    response = superuser_client.get(EIO_LIST)
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["titel"] == "v2"


def test_list_filters(superuser_client, create_eio):
    create_eio(identificatie="A-1", trefwoorden=["bouw", "vergunning"])
    create_eio(identificatie="B-2", trefwoorden=["bouw"], bronorganisatie="517439943")
    assert superuser_client.get(EIO_LIST, {"identificatie": "A-1"}).json()["count"] == 1
    assert superuser_client.get(EIO_LIST, {"bronorganisatie": "517439943"}).json()["count"] == 1
    assert superuser_client.get(EIO_LIST, {"trefwoorden": "bouw"}).json()["count"] == 2
    assert superuser_client.get(EIO_LIST, {"trefwoorden": "bouw,vergunning"}).json()["count"] == 1
    unknown = superuser_client.get(EIO_LIST, {"foo": "bar"})
    assert unknown.status_code == 400


def test_base64_errors(superuser_client, iotype):
    bad = superuser_client.post(EIO_LIST, eio_body(iotype["url"], inhoud="aGFsbG8"), format="json")
    assert bad.status_code == 400
    assert ("inhoud", "incorrect-base64-padding") in codes(bad)
    invalid = superuser_client.post(EIO_LIST, eio_body(iotype["url"], inhoud="!!!!"), format="json")
    assert ("inhoud", "invalid-base64") in codes(invalid)


def test_bestandsomvang_must_match_inhoud(superuser_client, iotype):
    response = superuser_client.post(EIO_LIST, eio_body(iotype["url"], bestandsomvang=3), format="json")
    assert response.status_code == 400
    assert ("bestandsomvang", "file-size") in codes(response)


def test_bad_input_is_400_not_500(superuser_client, iotype):
    as_list = superuser_client.post(EIO_LIST, [eio_body(iotype["url"])], format="json")
    assert as_list.status_code == 400
    nested = superuser_client.post(EIO_LIST, eio_body(iotype["url"], ondertekening="x"), format="json")
    assert nested.status_code == 400
    assert any(name.startswith("ondertekening") for name, _ in codes(nested))
    wrong_type = superuser_client.post(EIO_LIST, eio_body(iotype["url"], trefwoorden="x"), format="json")
    assert wrong_type.status_code == 400
    bad_rsin = superuser_client.post(EIO_LIST, eio_body(iotype["url"], bronorganisatie="123456789"), format="json")
    assert bad_rsin.status_code == 400
    assert superuser_client.get(f"{EIO_LIST}/not-a-uuid").status_code == 404
    bad_versie = superuser_client.get(f"{EIO_LIST}/00000000-0000-0000-0000-000000000000", {"versie": "x"})
    assert bad_versie.status_code in (400, 404)


def test_groups_ondertekening_integriteit_roundtrip(superuser_client, create_eio):
    data = create_eio(
        ondertekening={"soort": "digitaal", "datum": "2024-05-03"},
        integriteit={"algoritme": "sha_256", "waarde": "abc", "datum": "2024-05-03"},
    )
    assert data["ondertekening"] == {"soort": "digitaal", "datum": "2024-05-03"}
    assert data["integriteit"] == {"algoritme": "sha_256", "waarde": "abc", "datum": "2024-05-03"}


def test_etag_and_head(superuser_client, create_eio):
    data = create_eio()
    url = path_of(data["url"])
    response = superuser_client.get(url)
    etag = response["ETag"]
    assert etag
    assert superuser_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    head = superuser_client.head(url)
    assert head.status_code == 200
    assert head["ETag"] == etag
    lock(superuser_client, data["url"])
    assert superuser_client.get(url)["ETag"] != etag  # locked changed the representation


def test_zoek(superuser_client, create_eio):
    first = create_eio()
    create_eio()
    uuid_ = first["url"].rsplit("/", 1)[1]
    response = superuser_client.post(f"{EIO_LIST}/_zoek", {"uuid__in": [uuid_]}, format="json")
    assert response.status_code == 200
    assert [r["url"] for r in response.json()["results"]] == [first["url"]]
    empty = superuser_client.post(f"{EIO_LIST}/_zoek", {}, format="json")
    assert empty.status_code == 400
    assert ("nonFieldErrors", "empty_search_body") in codes(empty)
    bad = superuser_client.post(f"{EIO_LIST}/_zoek", {"uuid__in": ["nope"]}, format="json")
    assert bad.status_code == 400


def test_drc_011_expand_informatieobjecttype(superuser_client, iotype, create_eio):
    data = create_eio()
    response = superuser_client.get(path_of(data["url"]), {"expand": "informatieobjecttype"})
    assert response.status_code == 200
    assert response.json()["_expand"]["informatieobjecttype"]["url"] == iotype["url"]
    assert "_expand" not in superuser_client.get(path_of(data["url"])).json()
    listed = superuser_client.get(EIO_LIST, {"expand": "informatieobjecttype"})
    assert listed.json()["results"][0]["_expand"]["informatieobjecttype"]["omschrijving"] == "Brief"


def test_drc_013_expand_unknown_attribute_is_400(superuser_client, create_eio):
    data = create_eio()
    response = superuser_client.get(path_of(data["url"]), {"expand": "bestandsdelen"})
    assert response.status_code == 400
    assert ("expand", "invalid-expand-field") in codes(response)


def test_audit_trail_and_notifications(superuser_client, create_eio):
    data = create_eio()
    lock_id = lock(superuser_client, data["url"])
    superuser_client.patch(path_of(data["url"]), {"titel": "t2", "lock": lock_id}, format="json")
    trail = superuser_client.get(f"{path_of(data['url'])}/audittrail")
    assert trail.status_code == 200
    acties = [entry["actie"] for entry in trail.json()]
    assert acties == ["create", "partial_update"]
    assert trail.json()[0]["bron"] == "drc"
    assert trail.json()[1]["wijzigingen"]["oud"]["titel"] == "Brief aan burger"
    assert trail.json()[1]["wijzigingen"]["nieuw"]["titel"] == "t2"
    detail = superuser_client.get(f"{path_of(data['url'])}/audittrail/{trail.json()[0]['uuid']}")
    assert detail.status_code == 200
    messages = list(OutboxMessage.objects.filter(kanaal="documenten").order_by("id"))
    assert [(m.resource, m.actie) for m in messages] == [
        ("enkelvoudiginformatieobject", "create"),
        ("enkelvoudiginformatieobject", "partial_update"),
    ]
    assert messages[0].kenmerken == {
        "bronorganisatie": "000000000",
        "informatieobjecttype": data["informatieobjecttype"],
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    assert messages[0].hoofd_object == data["url"]
    assert AuditTrail.objects.filter(bron="drc").count() == 2


def test_list_query_count_is_constant(superuser_client, create_eio, django_assert_num_queries):
    """count + page + bestandsdelen prefetch (+ the cached client lookup): the same for 3 and for 15 documents."""
    for _ in range(3):
        create_eio()
    superuser_client.get(EIO_LIST)  # warm the autorisaties cache
    with django_assert_num_queries(3):
        assert len(superuser_client.get(EIO_LIST).json()["results"]) == 3
    for _ in range(12):
        create_eio()
    with django_assert_num_queries(3):
        assert len(superuser_client.get(EIO_LIST).json()["results"]) == 15
    with django_assert_num_queries(3):
        assert len(superuser_client.get(EIO_LIST, {"pageSize": 5}).json()["results"]) == 5


def test_base64_content_above_django_upload_memory_limit(superuser_client, iotype, settings):
    """A JSON body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is still accepted (the standard asks for large bodies)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    payload = bytes(range(256)) * 16 * 1024  # 4 MiB
    assert len(payload) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = superuser_client.post(EIO_LIST, eio_body(iotype["url"], inhoud=b64(payload)), format="json")
    assert response.status_code == 201, response.json()
    download = superuser_client.get(path_of(response.json()["inhoud"]))
    assert b"".join(download.streaming_content) == payload


def test_drc_012_expand_depth_limited_to_supported_paths(superuser_client, create_eio):
    data = create_eio()
    recht = superuser_client.post(
        "/documenten/api/v1/gebruiksrechten",
        {"informatieobject": data["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        format="json",
    ).json()
    two_levels = superuser_client.get(path_of(recht["url"]), {"expand": "informatieobject.informatieobjecttype"})
    assert two_levels.status_code == 200
    # the parent step is expanded too (common.md §12)
    assert "informatieobjecttype" in two_levels.json()["_expand"]["informatieobject"]["_expand"]
    deeper = superuser_client.get(
        path_of(recht["url"]), {"expand": "informatieobject.informatieobjecttype.catalogus.x"}
    )
    assert deeper.status_code == 400
    assert ("expand", "invalid-expand-field") in codes(deeper)


def test_drc_014_unresolvable_expansion_keeps_response_valid(superuser_client, create_eio, iotype, mocked):
    from django.core.cache import cache

    data = create_eio()
    cache.clear()
    mocked.replace("GET", iotype["url"], status=500)
    response = superuser_client.get(path_of(data["url"]), {"expand": "informatieobjecttype"})
    assert response.status_code == 200
    assert response.json()["_expand"] == {"informatieobjecttype": {}}
    assert response.json()["informatieobjecttype"] == iotype["url"]


def test_put_requires_the_required_fields(superuser_client, create_eio):
    data = create_eio()
    lock_id = lock(superuser_client, data["url"])
    response = superuser_client.put(path_of(data["url"]), {"lock": lock_id, "titel": "x"}, format="json")
    assert response.status_code == 400
    names = {name for name, code in codes(response) if code == "required"}
    assert {"bronorganisatie", "creatiedatum", "auteur", "taal", "informatieobjecttype"} <= names


@pytest.mark.parametrize("accept", ["application/octet-stream", "*/*", "application/json", "application/pdf"])
def test_download_accepts_binary_accept_headers(superuser_client, create_eio, accept):
    data = create_eio()
    response = superuser_client.get(path_of(data["inhoud"]), HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hallo wereld"


def test_patch_inhoud_null_without_size_clears_content(superuser_client, create_eio):
    data = create_eio()
    url = path_of(data["url"])
    lock_id = lock(superuser_client, data["url"])
    response = superuser_client.patch(url, {"inhoud": None, "lock": lock_id}, format="json")
    assert response.status_code == 200
    assert response.json()["inhoud"] is None
    assert response.json()["bestandsomvang"] is None
    assert superuser_client.post(f"{url}/unlock", {"lock": lock_id}, format="json").status_code == 204
    assert superuser_client.get(f"{url}/download").status_code == 204
    assert superuser_client.get(f"{url}/download", {"versie": 1}).status_code == 200


def test_audittrail_entry_of_other_document_is_404(superuser_client, create_eio):
    first = create_eio()
    second = create_eio()
    entry = superuser_client.get(f"{path_of(first['url'])}/audittrail").json()[0]
    assert superuser_client.get(f"{path_of(second['url'])}/audittrail/{entry['uuid']}").status_code == 404
    missing = f"{EIO_LIST}/0d5c8a2b-5a3c-4a8e-9d7c-1c2f8b3f6b11/audittrail"
    assert superuser_client.get(missing).status_code == 404
