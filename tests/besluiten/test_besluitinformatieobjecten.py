"""BesluitInformatieObject: brc-003, brc-004, brc-005 (local and remote mirror), brc-008, uniqueness, filters."""

from __future__ import annotations

import json

import pytest
import responses

from zgw.besluiten.models import BesluitInformatieObject
from zgw.besluiten.relations import besluit_has_informatieobject
from zgw.common.models import AuditTrail, OutboxMessage
from zgw.common.relations import relation_checker
from zgw.documenten.models import ObjectInformatieObject

from .conftest import BIOS, REMOTE_DOCUMENTEN, local_url, remote_besluittype, remote_document

pytestmark = pytest.mark.django_db


def eio_url(document) -> str:
    return local_url("documenten", "enkelvoudiginformatieobjecten", document)


def codes(response, name: str | None = None) -> list[str]:
    return [p["code"] for p in response.json().get("invalidParams", []) if name is None or p["name"] == name]


def test_create_bio_local_document_mirrors_oio(superuser_client, create_besluit, document):
    """brc-005 (local): the ObjectInformatieObject is created in the same transaction."""
    besluit = create_besluit()
    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)},
                                     format="json")  # fmt: skip
    assert response.status_code == 201, response.json()
    data = response.json()
    assert response["Location"] == data["url"]
    assert set(data) == {"url", "informatieobject", "besluit"}
    assert data["informatieobject"] == eio_url(document)
    assert data["besluit"] == besluit["url"]
    oio = ObjectInformatieObject.objects.get()
    assert (oio.informatieobject_id, oio.object_type, oio.object) == (document.pk, "besluit", besluit["url"])
    assert superuser_client.get(data["url"]).json() == data


def test_brc_004_aard_relatie_set_by_server(superuser_client, create_besluit, document):
    besluit = create_besluit()
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document),
                                 "aardRelatie": "hoort_bij"}, format="json")  # fmt: skip
    bio = BesluitInformatieObject.objects.get()
    assert bio.aard_relatie == "legt_vast"
    assert bio.registratiedatum is not None


def test_brc_005_delete_bio_removes_local_oio(superuser_client, create_besluit, document):
    besluit = create_besluit()
    bio = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)},
                                format="json").json()  # fmt: skip
    assert ObjectInformatieObject.objects.count() == 1
    response = superuser_client.delete(bio["url"])
    assert response.status_code == 204
    assert not BesluitInformatieObject.objects.exists()
    assert not ObjectInformatieObject.objects.exists()


def test_brc_009_delete_besluit_removes_local_oios(superuser_client, create_besluit, make_document):
    besluit = create_besluit()
    for _ in range(2):
        superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(make_document())},
                              format="json")  # fmt: skip
    assert ObjectInformatieObject.objects.count() == 2
    assert superuser_client.delete(besluit["url"]).status_code == 204
    assert not ObjectInformatieObject.objects.exists()


def test_drc_004_checker_registered_for_besluit(superuser_client, create_besluit, document, make_document):
    besluit = create_besluit()
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)}, format="json")
    checker = relation_checker("besluit")
    assert checker is besluit_has_informatieobject
    assert checker(besluit["url"], eio_url(document), None) is True
    assert checker(besluit["url"], eio_url(make_document()), None) is False
    assert checker("http://testserver/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000",
                   eio_url(document), None) is False  # fmt: skip


def test_drc_003_documenten_api_refuses_the_mirror_of_an_existing_bio(superuser_client, create_besluit, document):
    """The BIO made the mirror already: the Documenten API's create of the same pair is a duplicate (drc-003)."""
    besluit = create_besluit()
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)}, format="json")
    response = superuser_client.post(
        "/documenten/api/v1/objectinformatieobjecten",
        {"informatieobject": eio_url(document), "object": besluit["url"], "objectType": "besluit"},
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("nonFieldErrors", "unique")]
    assert ObjectInformatieObject.objects.count() == 1


# ---- brc-003 -----------------------------------------------------------------------------------------------------


def test_brc_003_unknown_local_document(superuser_client, create_besluit):
    besluit = create_besluit()
    url = "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000000"
    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": url}, format="json")
    assert response.status_code == 400
    assert codes(response, "informatieobject") == ["does_not_exist"]


def test_brc_003_remote_document_404_is_bad_url(superuser_client, create_besluit, mocked):
    besluit = create_besluit()
    url = f"{REMOTE_DOCUMENTEN}/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000000"
    mocked.get(url, status=404)
    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": url}, format="json")
    assert response.status_code == 400
    assert codes(response, "informatieobject") == ["bad-url"]


def test_brc_003_remote_document_wrong_shape(superuser_client, create_besluit, mocked):
    besluit = create_besluit()
    url = f"{REMOTE_DOCUMENTEN}/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000001"
    mocked.get(url, json={"url": url})
    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": url}, format="json")
    assert response.status_code == 400
    assert codes(response, "informatieobject") == ["invalid-resource"]


@pytest.mark.parametrize("besluit", ["geen-url", "https://elders.example.com/besluiten/api/v1/besluiten/1", 5])
def test_besluit_must_be_a_local_besluit(superuser_client, document, besluit):
    response = superuser_client.post(BIOS, {"besluit": besluit, "informatieobject": eio_url(document)},
                                     format="json")  # fmt: skip
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["besluit"]


def test_bio_body_must_be_object(superuser_client):
    response = superuser_client.post(BIOS, [1, 2], format="json")
    assert response.status_code == 400


# ---- brc-008 -----------------------------------------------------------------------------------------------------


def test_brc_008_informatieobjecttype_must_belong_to_besluittype(
    superuser_client, create_besluit, make_document, catalogus, informatieobjecttype
):
    from zgw.catalogi.models import InformatieObjectType

    other_iot = InformatieObjectType.objects.create(
        catalogus=catalogus, omschrijving="Anders", vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="x", concept=False,
    )  # fmt: skip
    besluit = create_besluit()
    response = superuser_client.post(
        BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(make_document(iot=other_iot))}, format="json"
    )
    assert response.status_code == 400
    assert codes(response, "nonFieldErrors") == ["missing-besluittype-informatieobjecttype-relation"]
    assert not BesluitInformatieObject.objects.exists()
    assert not ObjectInformatieObject.objects.exists()


def test_brc_008_remote_besluittype_and_remote_document(superuser_client, create_besluit, mocked):
    iot = "https://catalogi.example.com/api/v1/informatieobjecttypen/00000000-0000-4000-8000-00000000000a"
    besluittype = remote_besluittype(iots=[iot])
    mocked.get(besluittype["url"], json=besluittype)
    besluit = create_besluit(besluittype=besluittype["url"])
    allowed = remote_document(iot)
    refused = remote_document("https://catalogi.example.com/api/v1/informatieobjecttypen/other")
    for doc in (allowed, refused):
        mocked.get(doc["url"], json=doc)
    mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201,
                json={"url": f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/1"})  # fmt: skip

    bad = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": refused["url"]}, format="json")
    assert codes(bad, "nonFieldErrors") == ["missing-besluittype-informatieobjecttype-relation"]
    good = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": allowed["url"]}, format="json")
    assert good.status_code == 201, good.json()


# ---- uniqueness --------------------------------------------------------------------------------------------------


def test_bio_unique(superuser_client, create_besluit, document):
    besluit = create_besluit()
    body = {"besluit": besluit["url"], "informatieobject": eio_url(document)}
    assert superuser_client.post(BIOS, body, format="json").status_code == 201
    response = superuser_client.post(BIOS, body, format="json")
    assert response.status_code == 400
    assert codes(response, "nonFieldErrors") == ["unique"]


def test_bio_has_no_update(superuser_client, create_besluit, document):
    besluit = create_besluit()
    bio = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)},
                                format="json").json()  # fmt: skip
    assert superuser_client.put(bio["url"], {}, format="json").status_code == 405
    assert superuser_client.patch(bio["url"], {}, format="json").status_code == 405


# ---- brc-005 remote ----------------------------------------------------------------------------------------------


@pytest.fixture
def remote_doc(mocked, informatieobjecttype):
    doc = remote_document(local_url("catalogi", "informatieobjecttypen", informatieobjecttype))
    mocked.get(doc["url"], json=doc)
    return doc


def test_brc_005_remote_document_mirrored_over_http(superuser_client, create_besluit, remote_doc, mocked):
    besluit = create_besluit()
    oio_url = f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/abc"
    post = mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": oio_url})

    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]},
                                     format="json")  # fmt: skip

    assert response.status_code == 201, response.json()
    assert post.call_count == 1
    assert json.loads(post.calls[0].request.body) == {
        "informatieobject": remote_doc["url"], "object": besluit["url"], "objectType": "besluit",
    }  # fmt: skip
    bio = BesluitInformatieObject.objects.get()
    assert bio.informatieobject_url == remote_doc["url"]
    assert bio.objectinformatieobject_url == oio_url
    assert response.json()["informatieobject"] == remote_doc["url"]

    delete = mocked.delete(oio_url, status=204)
    assert superuser_client.delete(response.json()["url"]).status_code == 204
    assert delete.call_count == 1
    assert not BesluitInformatieObject.objects.exists()


def test_brc_005_remote_failure_undoes_and_is_pending_relations(superuser_client, create_besluit, remote_doc, mocked):
    besluit = create_besluit()
    mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=400, json={"invalidParams": []})
    notifications = OutboxMessage.objects.count()

    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]},
                                     format="json")  # fmt: skip

    assert response.status_code == 400
    assert codes(response, "informatieobject") == ["pending-relations"]
    assert not BesluitInformatieObject.objects.exists()
    assert OutboxMessage.objects.count() == notifications
    assert AuditTrail.objects.filter(resource="besluitinformatieobject").count() == 0


def test_brc_005_remote_delete_failure_restores_bio(superuser_client, create_besluit, remote_doc, mocked):
    besluit = create_besluit()
    oio_url = f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/abc"
    mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": oio_url})
    bio = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]},
                                format="json").json()  # fmt: skip
    mocked.delete(oio_url, status=500)

    response = superuser_client.delete(bio["url"])

    assert response.status_code == 400
    assert codes(response, "informatieobject") == ["pending-relations"]
    restored = BesluitInformatieObject.objects.get()
    assert restored.objectinformatieobject_url == oio_url
    assert superuser_client.get(bio["url"]).status_code == 200


def test_brc_005_remote_mirror_found_by_lookup_when_url_unknown(superuser_client, create_besluit, remote_doc, mocked):
    """A mirror whose URL we did not get back is looked up with the documented filters and deleted."""
    besluit = create_besluit()
    mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={})
    bio = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]},
                                format="json").json()  # fmt: skip
    oio_url = f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/found"
    lookup = mocked.get(
        f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten",
        json=[{"url": oio_url, "object": besluit["url"], "informatieobject": remote_doc["url"]}],
    )
    delete = mocked.delete(oio_url, status=204)
    assert superuser_client.delete(bio["url"]).status_code == 204
    assert lookup.call_count == 1
    assert "object=" in lookup.calls[0].request.url
    assert delete.call_count == 1


def test_brc_009_delete_besluit_removes_remote_oio(superuser_client, create_besluit, remote_doc, mocked):
    besluit = create_besluit()
    oio_url = f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/abc"
    mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": oio_url})
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]}, format="json")
    delete = mocked.delete(oio_url, status=204)
    assert superuser_client.delete(besluit["url"]).status_code == 204
    assert delete.call_count == 1


def test_brc_009_remote_failure_restores_besluit(superuser_client, create_besluit, remote_doc, document, mocked):
    besluit = create_besluit()
    oio_url = f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/abc"
    mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": oio_url})
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]}, format="json")
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)}, format="json")
    mocked.delete(oio_url, status=503)
    trail = AuditTrail.objects.filter(resource__startswith="besluit").count()

    response = superuser_client.delete(besluit["url"])

    assert response.status_code == 400
    assert codes(response) == ["pending-relations"]
    assert superuser_client.get(besluit["url"]).status_code == 200
    assert BesluitInformatieObject.objects.count() == 2
    assert ObjectInformatieObject.objects.count() == 1  # the local mirror is back
    assert AuditTrail.objects.filter(resource__startswith="besluit").count() == trail
    assert not OutboxMessage.objects.filter(actie="destroy").exists()


def test_remote_calls_use_our_service_credentials(superuser_client, create_besluit, remote_doc, mocked):
    from zgw.common.models import Service

    Service.objects.create(
        label="drc",
        api_root=f"{REMOTE_DOCUMENTEN}/",
        client_id="brc-client",
        secret="s3cret-that-is-long-enough-for-hs256-keys",
    )
    besluit = create_besluit()
    post = mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": "x"})
    superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": remote_doc["url"]}, format="json")
    assert post.calls[0].request.headers["Authorization"].startswith("Bearer ")


# ---- list, filters, audit, notifications -------------------------------------------------------------------------


def test_list_and_filters(superuser_client, create_besluit, make_document):
    b1, b2 = create_besluit(), create_besluit()
    d1, d2 = make_document(), make_document()
    urls = {}
    for besluit, doc in ((b1, d1), (b1, d2), (b2, d1)):
        urls[(besluit["url"], doc.pk)] = superuser_client.post(
            BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(doc)}, format="json"
        ).json()["url"]

    def listed(query) -> set[str]:
        response = superuser_client.get(BIOS, query)
        assert response.status_code == 200, response.json()
        assert isinstance(response.json(), list)
        return {item["url"] for item in response.json()}

    assert len(listed({})) == 3
    assert listed({"besluit": b1["url"]}) == {urls[(b1["url"], d1.pk)], urls[(b1["url"], d2.pk)]}
    assert listed({"informatieobject": eio_url(d1)}) == {urls[(b1["url"], d1.pk)], urls[(b2["url"], d1.pk)]}
    assert listed({"besluit": b2["url"], "informatieobject": eio_url(d2)}) == set()
    assert listed({"informatieobject": f"{REMOTE_DOCUMENTEN}/enkelvoudiginformatieobjecten/x"}) == set()
    wrong_kind = superuser_client.get(BIOS, {"besluit": eio_url(d1)})
    assert wrong_kind.status_code == 400
    assert superuser_client.get(BIOS, {"page": 1}).status_code == 200
    assert superuser_client.get(BIOS, {"besluit": "geen url"}).status_code == 400


@pytest.mark.parametrize("size", [2, 10])
def test_list_query_count_is_constant(
    superuser_client, create_besluit, make_document, django_assert_max_num_queries, size
):
    besluit = create_besluit()
    for _ in range(size):
        superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(make_document())},
                              format="json")  # fmt: skip
    superuser_client.get(BIOS)
    with django_assert_max_num_queries(3):
        response = superuser_client.get(BIOS)
    assert len(response.json()) == size


def test_bio_audit_and_notifications_under_besluit(superuser_client, create_besluit, document):
    besluit = create_besluit()
    bio = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio_url(document)},
                                format="json").json()  # fmt: skip
    superuser_client.delete(bio["url"])
    trail = superuser_client.get(f"{besluit['url']}/audittrail").json()
    assert [(e["resource"], e["actie"]) for e in trail] == [
        ("besluit", "create"), ("besluitinformatieobject", "create"), ("besluitinformatieobject", "destroy"),
    ]  # fmt: skip
    assert trail[1]["resourceUrl"] == bio["url"]
    assert trail[1]["hoofdObject"] == besluit["url"]
    assert trail[2]["wijzigingen"] == {"oud": bio, "nieuw": None}
    messages = OutboxMessage.objects.filter(resource="besluitinformatieobject").order_by("id")
    assert [(m.actie, m.hoofd_object, m.resource_url) for m in messages] == [
        ("create", besluit["url"], bio["url"]), ("destroy", besluit["url"], bio["url"]),
    ]  # fmt: skip
    assert all(m.kanaal == "besluiten" for m in messages)


@responses.activate
def test_unreachable_remote_documenten_is_pending_relations(superuser_client, create_besluit, informatieobjecttype):
    """A connection error (nothing registered in ``responses``) is handled like an error answer."""
    doc = remote_document(local_url("catalogi", "informatieobjecttypen", informatieobjecttype))
    responses.get(doc["url"], json=doc)
    besluit = create_besluit()
    response = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": doc["url"]},
                                     format="json")  # fmt: skip
    assert codes(response, "informatieobject") == ["pending-relations"]


def test_brc_009_partial_remote_failure_undoes_finished_steps(
    superuser_client, create_besluit, informatieobjecttype, mocked
):
    """The first remote OIO is deleted, the second fails: the besluit is restored and the first OIO re-created."""
    iot = local_url("catalogi", "informatieobjecttypen", informatieobjecttype)
    docs = [remote_document(iot), remote_document(iot)]
    besluit = create_besluit()
    oio_urls = [f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/{n}" for n in (1, 2)]
    for doc, oio in zip(docs, oio_urls, strict=True):
        mocked.get(doc["url"], json=doc)
        mocked.post(f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": oio})
        superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": doc["url"]}, format="json")
    by_oio = {bio.objectinformatieobject_url: bio for bio in BesluitInformatieObject.objects.all()}
    assert set(by_oio) == set(oio_urls)
    # deletion runs over the bios newest first; make the second one fail
    first, second = list(BesluitInformatieObject.objects.order_by("-id"))
    mocked.delete(first.objectinformatieobject_url, status=204)
    mocked.delete(second.objectinformatieobject_url, status=500)
    recreated = f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten/recreated"
    mocked.upsert("POST", f"{REMOTE_DOCUMENTEN}/objectinformatieobjecten", status=201, json={"url": recreated})

    response = superuser_client.delete(besluit["url"])

    assert response.status_code == 400
    assert BesluitInformatieObject.objects.get(pk=first.pk).objectinformatieobject_url == recreated
    assert (
        BesluitInformatieObject.objects.get(pk=second.pk).objectinformatieobject_url
        == second.objectinformatieobject_url
    )
