"""Documenten 1.5.0-1.7.0 on top of 1.4.2: the new document fields (versioned, audited), the objectinformatieobjecten
list filters, ``expand`` on objectinformatieobjecten, the trefwoorden GIN index and 1.4.2-era bodies."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.documenten.models import EnkelvoudigInformatieObject
from zgw.documenten.relations import link_object

from .conftest import EIO_LIST, codes, eio_body, lock, path_of

pytestmark = pytest.mark.django_db

OIO_LIST = "/documenten/api/v1/objectinformatieobjecten"
VERZENDINGEN = "/documenten/api/v1/verzendingen"
ZAKEN = "https://zaken.example.nl/zaken/api/v1/zaken"
BESLUITEN = "https://besluiten.example.nl/besluiten/api/v1/besluiten"
NEW_FIELDS = ("inhoudIsVervallen", "tonenAanInitiator", "isGereedVoorPublicatie")


def _flags(data: dict) -> tuple:
    return tuple(data[name] for name in NEW_FIELDS)


def _document(data: dict) -> EnkelvoudigInformatieObject:
    return EnkelvoudigInformatieObject.objects.get(uuid=data["url"].rsplit("/", 1)[1])


# ---- fields ----------------------------------------------------------------------------------------------------


def test_new_fields_default_on_create(create_eio):
    data = create_eio()
    assert _flags(data) == (None, False, None)


def test_new_fields_are_stored_and_returned(superuser_client, create_eio):
    data = create_eio(inhoudIsVervallen=True, tonenAanInitiator=True, isGereedVoorPublicatie=False)
    assert _flags(data) == (True, True, False)
    assert _flags(superuser_client.get(path_of(data["url"])).json()) == (True, True, False)
    listed = superuser_client.get(EIO_LIST).json()["results"][0]
    assert _flags(listed) == (True, True, False)


@pytest.mark.parametrize("name", NEW_FIELDS)
def test_new_fields_refuse_non_booleans(superuser_client, iotype, name):
    response = superuser_client.post(EIO_LIST, eio_body(iotype["url"], **{name: "misschien"}), format="json")
    assert response.status_code == 400
    assert (name, "invalid") in codes(response)


def test_tonen_aan_initiator_is_not_nullable(superuser_client, iotype):
    response = superuser_client.post(EIO_LIST, eio_body(iotype["url"], tonenAanInitiator=None), format="json")
    assert response.status_code == 400
    assert ("tonenAanInitiator", "null") in codes(response)


def test_patch_accepts_every_new_field_and_trefwoorden_each_a_new_version(superuser_client, create_eio):
    """tonenAanInitiator too, although the official PATCH schema forgets it (proposed erratum)."""
    data = create_eio(trefwoorden=["oud"])
    url = path_of(data["url"])
    key = lock(superuser_client, data["url"])
    patched = superuser_client.patch(
        url,
        {"lock": key, "tonenAanInitiator": True, "isGereedVoorPublicatie": True, "inhoudIsVervallen": False,
         "trefwoorden": ["nieuw", "woo"]},
        format="json",
    )  # fmt: skip
    assert patched.status_code == 200, patched.json()
    assert patched.json()["versie"] == 2
    assert _flags(patched.json()) == (False, True, True)
    assert patched.json()["trefwoorden"] == ["nieuw", "woo"]
    again = superuser_client.patch(url, {"lock": key, "isGereedVoorPublicatie": None}, format="json")
    assert again.status_code == 200
    assert _flags(again.json()) == (False, True, None)  # the other fields carried over into version 3
    assert _flags(superuser_client.get(url, {"versie": 1}).json()) == (None, False, None)
    assert _flags(superuser_client.get(url, {"versie": 2}).json()) == (False, True, True)
    assert superuser_client.get(url, {"versie": 1}).json()["trefwoorden"] == ["oud"]
    # the identity's copy (used by the autorisatie filter) follows the current version
    assert _document(data).is_gereed_voor_publicatie is None


def test_put_with_a_1_4_2_body_is_accepted_and_keeps_the_new_fields(superuser_client, create_eio, iotype):
    data = create_eio(tonenAanInitiator=True, isGereedVoorPublicatie=True, inhoudIsVervallen=True)
    key = lock(superuser_client, data["url"])
    body = eio_body(iotype["url"], titel="Nieuwe titel", lock=key)  # no 1.5+ field in it
    response = superuser_client.put(path_of(data["url"]), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["titel"] == "Nieuwe titel"
    assert _flags(response.json()) == (True, True, True)
    changed = superuser_client.put(
        path_of(data["url"]), {**body, "tonenAanInitiator": False, "isGereedVoorPublicatie": None}, format="json"
    )
    assert _flags(changed.json()) == (True, False, None)


def test_new_fields_in_the_audit_trail(superuser_client, create_eio):
    data = create_eio()
    key = lock(superuser_client, data["url"])
    superuser_client.patch(path_of(data["url"]), {"lock": key, "isGereedVoorPublicatie": True}, format="json")
    trail = superuser_client.get(f"{path_of(data['url'])}/audittrail").json()
    created, updated = trail[0], trail[-1]
    assert _flags(created["wijzigingen"]["nieuw"]) == (None, False, None)
    assert updated["wijzigingen"]["oud"]["isGereedVoorPublicatie"] is None
    assert updated["wijzigingen"]["nieuw"]["isGereedVoorPublicatie"] is True


def test_1_4_2_create_body_without_new_fields(superuser_client, iotype):
    body = eio_body(iotype["url"], vertrouwelijkheidaanduiding="openbaar", indicatieGebruiksrecht=None)
    response = superuser_client.post(EIO_LIST, body, format="json")
    assert response.status_code == 201, response.json()


def test_verzending_geadresseerde_without_verzenddatum(superuser_client, create_eio):
    """Documenten 1.6.0 dropped "verplicht voor geadresseerde": the server never required it; it still must not."""
    data = create_eio()
    body = {
        "informatieobject": data["url"],
        "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
        "aardRelatie": "geadresseerde",
        "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/1",
        "emailadres": "burger@example.nl",
    }
    response = superuser_client.post(VERZENDINGEN, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["verzenddatum"] is None


# ---- objectinformatieobjecten filters ----------------------------------------------------------------------------


@pytest.fixture
def linked(create_eio):
    """Three documents: one linked to a zaak, one to a besluit, one to both; plus one without relations."""
    zaak, besluit = f"{ZAKEN}/{uuid.uuid4()}", f"{BESLUITEN}/{uuid.uuid4()}"
    docs = {name: create_eio() for name in ("zaak", "besluit", "beide", "los")}
    link_object(informatieobject=_document(docs["zaak"]), object_type="zaak", object_url=zaak)
    link_object(informatieobject=_document(docs["besluit"]), object_type="besluit", object_url=besluit)
    link_object(informatieobject=_document(docs["beide"]), object_type="zaak", object_url=zaak)
    link_object(informatieobject=_document(docs["beide"]), object_type="besluit", object_url=besluit)
    return {"zaak_url": zaak, "besluit_url": besluit, **{name: d["url"] for name, d in docs.items()}}


def _listed(client, params) -> set[str]:
    response = client.get(EIO_LIST, params)
    assert response.status_code == 200, response.json()
    return {item["url"] for item in response.json()["results"]}


def test_filter_objectinformatieobjecten_object(superuser_client, linked):
    assert _listed(superuser_client, {"objectinformatieobjecten_object": linked["zaak_url"]}) == {
        linked["zaak"],
        linked["beide"],
    }
    assert _listed(superuser_client, {"objectinformatieobjecten_object": f"{ZAKEN}/{uuid.uuid4()}"}) == set()


def test_filter_objectinformatieobjecten_object_type(superuser_client, linked):
    assert _listed(superuser_client, {"objectinformatieobjecten_objectType": "besluit"}) == {
        linked["besluit"],
        linked["beide"],
    }
    assert _listed(superuser_client, {"objectinformatieobjecten_objectType": "verzoek"}) == set()


def test_filter_object_and_type_apply_to_the_same_relation(superuser_client, linked):
    both = {"objectinformatieobjecten_object": linked["zaak_url"], "objectinformatieobjecten_objectType": "besluit"}
    assert _listed(superuser_client, both) == set()  # "beide" has a zaak and a besluit, not this zaak as besluit
    both["objectinformatieobjecten_objectType"] = "zaak"
    assert _listed(superuser_client, both) == {linked["zaak"], linked["beide"]}


def test_filter_open_zaak_double_underscore_spelling(superuser_client, linked):
    assert _listed(superuser_client, {"objectinformatieobjecten__object": linked["besluit_url"]}) == {
        linked["besluit"],
        linked["beide"],
    }
    assert _listed(superuser_client, {"objectinformatieobjecten__objectType": "zaak"}) == {
        linked["zaak"],
        linked["beide"],
    }


def test_filter_bad_values_are_400(superuser_client, linked):
    # the shared error renderer camelizes the names (objectinformatieobjectenObjectType): compared case-blind here
    for params, name in (
        ({"objectinformatieobjecten_objectType": "dossier"}, "objectinformatieobjecten_objecttype"),
        ({"objectinformatieobjecten__objectType": "dossier"}, "objectinformatieobjecten_objecttype"),
        ({"objectinformatieobjecten_object": "geen url"}, "objectinformatieobjecten_object"),
    ):
        response = superuser_client.get(EIO_LIST, params)
        assert response.status_code == 400, params
        names = {p["name"].lower().replace("_", "") for p in response.json()["invalidParams"]}
        assert name.replace("_", "") in names


def test_filters_in_the_served_schema_without_the_aliases(anonymous_client, db):
    schema = anonymous_client.get("/documenten/api/v1/schema/openapi.json").json()
    names = {p["name"] for p in schema["paths"]["/enkelvoudiginformatieobjecten"]["get"]["parameters"]}
    assert {"objectinformatieobjecten_object", "objectinformatieobjecten_objectType", "trefwoorden"} <= names
    assert not {name for name in names if "__" in name}


# ---- expand on objectinformatieobjecten ---------------------------------------------------------------------------


def _oio(client, document_url: str) -> dict:
    [oio] = client.get(OIO_LIST, {"informatieobject": document_url}).json()
    return oio


def test_oio_expand_informatieobject(superuser_client, linked):
    oio = _oio(superuser_client, linked["zaak"])
    document = superuser_client.get(path_of(linked["zaak"])).json()
    detail = superuser_client.get(path_of(oio["url"]), {"expand": "informatieobject"})
    assert detail.status_code == 200, detail.json()
    assert detail.json()["_expand"]["informatieobject"] == document
    listed = superuser_client.get(OIO_LIST, {"expand": "informatieobject", "informatieobject": linked["zaak"]})
    assert listed.json()[0]["_expand"]["informatieobject"] == document
    assert "_expand" not in superuser_client.get(path_of(oio["url"])).json()


def test_oio_expand_nested_informatieobjecttype(superuser_client, linked, iotype):
    oio = _oio(superuser_client, linked["besluit"])
    response = superuser_client.get(path_of(oio["url"]), {"expand": "informatieobject.informatieobjecttype"})
    assert response.status_code == 200, response.json()
    informatieobject = response.json()["_expand"]["informatieobject"]
    assert informatieobject["_expand"]["informatieobjecttype"]["url"] == iotype["url"]


def test_oio_expand_unknown_field_is_400(superuser_client, linked):
    for value in ("object", "informatieobject.bestaatniet"):
        response = superuser_client.get(OIO_LIST, {"expand": value})
        assert response.status_code == 400
        assert ("expand", "invalid-expand-field") in codes(response)


def test_oio_expand_query_count_does_not_grow_with_the_page(superuser_client, create_eio):
    zaak = f"{ZAKEN}/{uuid.uuid4()}"

    def measure() -> int:
        superuser_client.get(OIO_LIST, {"expand": "informatieobject"})
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(OIO_LIST, {"expand": "informatieobject"})
        assert all(item["_expand"]["informatieobject"]["url"] for item in response.json())
        return len(queries)

    link_object(informatieobject=_document(create_eio()), object_type="zaak", object_url=zaak)
    few = measure()
    for _ in range(6):
        link_object(informatieobject=_document(create_eio()), object_type="zaak", object_url=zaak)
    assert measure() == few
    assert few <= 3  # measured: 2 (the relations with their documents joined, the parts)


def test_eio_expand_query_count_pinned(superuser_client, create_eio, iotype):
    """The nested informatieobjecttype of a page of documents (remote type: fetched once, cached)."""
    for _ in range(3):
        create_eio()
    superuser_client.get(EIO_LIST, {"expand": "informatieobjecttype"})
    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.get(EIO_LIST, {"expand": "informatieobjecttype"})
    assert {r["_expand"]["informatieobjecttype"]["url"] for r in response.json()["results"]} == {iotype["url"]}
    assert len(queries) <= 4  # measured: 3 (count, page, parts); the remote type is fetched once and cached


def test_verzending_expand_carries_the_nested_document_expand(superuser_client, create_eio, iotype):
    """Documenten 1.6.0: VerzendingEmbedded.informatieobject is an EnkelvoudigInformatieObjectExpanded."""
    data = create_eio()
    body = {
        "informatieobject": data["url"],
        "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
        "aardRelatie": "afzender",
        "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/1",
        "emailadres": "burger@example.nl",
    }
    verzending = superuser_client.post(VERZENDINGEN, body, format="json").json()
    response = superuser_client.get(path_of(verzending["url"]), {"expand": "informatieobject.informatieobjecttype"})
    assert response.status_code == 200, response.json()
    expanded = response.json()["_expand"]["informatieobject"]
    assert expanded["_expand"]["informatieobjecttype"]["url"] == iotype["url"]


# ---- trefwoorden index -------------------------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_trefwoorden_filter_uses_the_gin_index(superuser_client, create_eio):
    from zgw.documenten.api.filters import EnkelvoudigInformatieObjectFilter

    wanted = create_eio(trefwoorden=["woo", "besluit"])
    create_eio(trefwoorden=["intern"])
    assert _listed(superuser_client, {"trefwoorden": "woo,besluit"}) == {wanted["url"]}
    qs = EnkelvoudigInformatieObjectFilter(
        data={"trefwoorden": "woo,besluit"}, queryset=EnkelvoudigInformatieObject.objects.all()
    ).qs
    sql, params = qs.values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # no sequential and no plain index scan (the planner could walk the primary key of two rows at equal cost):
        # what remains for the containment is a bitmap scan of an index on trefwoorden
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "documenten_versie_trefwoorden_gin" in plan, plan
