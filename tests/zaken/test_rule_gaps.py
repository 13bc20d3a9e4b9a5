"""zrc rules that had no test of their own yet: zrc-009, 012, 017, 019, 020, 024, 025, 026/027/028 (expand)."""

from __future__ import annotations

import datetime
import uuid

import pytest

from tests.catalogi.conftest import make_zaaktype
from tests.documenten.conftest import EIO_LIST, eio_body
from zgw.catalogi import models as cm
from zgw.zaken.models import ZaakContactMoment, ZaakInformatieObject, ZaakVerzoek

from .conftest import BEGIN, CRS, RSIN, cat_url, create_zaak, make_resultaattype, post

pytestmark = pytest.mark.django_db

REMOTE_ZTC = "https://ztc.example.nl/catalogi/api/v1"
REMOTE_DRC = "https://drc.example.nl/documenten/api/v1"
VRC = "https://vrc.example.nl/verzoeken/api/v1"
CMC = "https://cmc.example.nl/contactmomenten/api/v1"


def _path(url: str) -> str:
    return url.replace("http://testserver", "")


def _patch(client, url: str, data: dict):
    return client.patch(_path(url), data, format="json", **CRS)


def _code(response) -> str:
    return response.json()["invalidParams"][0]["code"]


# ---- zrc-009 ---------------------------------------------------------------------------------------------------


def test_zrc_009_vertrouwelijkheid_defaults_to_zaaktype(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    assert zaak["vertrouwelijkheidaanduiding"] == zaaktype.vertrouwelijkheidaanduiding == "zaakvertrouwelijk"
    zaaktype.vertrouwelijkheidaanduiding = "geheim"
    zaaktype.save()
    assert create_zaak(superuser_client, zaaktype)["vertrouwelijkheidaanduiding"] == "geheim"


def test_zrc_009_given_vertrouwelijkheid_is_stored_on_create_and_update(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="openbaar")
    assert zaak["vertrouwelijkheidaanduiding"] == "openbaar"
    patched = _patch(superuser_client, zaak["url"], {"vertrouwelijkheidaanduiding": "beperkt_openbaar"})
    assert patched.status_code == 200, patched.json()
    detail = superuser_client.get(_path(zaak["url"]), **CRS).json()
    assert detail["vertrouwelijkheidaanduiding"] == "beperkt_openbaar"
    bad = _patch(superuser_client, zaak["url"], {"vertrouwelijkheidaanduiding": "heel_geheim"})
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "vertrouwelijkheidaanduiding"


# ---- zrc-012 ---------------------------------------------------------------------------------------------------


def test_zrc_012_null_groups_mean_no_value(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype, verlenging=None, opschorting=None)
    assert zaak["verlenging"] is None
    assert zaak["opschorting"] == {"indicatie": False, "reden": ""}
    filled = _patch(
        superuser_client,
        zaak["url"],
        {"verlenging": {"reden": "drukte", "duur": "P5D"}, "opschorting": {"indicatie": True, "reden": "wacht"}},
    )
    assert filled.status_code == 200, filled.json()
    assert filled.json()["verlenging"] == {"reden": "drukte", "duur": "P5D"}
    assert filled.json()["opschorting"] == {"indicatie": True, "reden": "wacht"}
    cleared = _patch(superuser_client, zaak["url"], {"verlenging": None, "opschorting": None})
    assert cleared.status_code == 200, cleared.json()
    detail = superuser_client.get(_path(zaak["url"]), **CRS).json()
    assert detail["verlenging"] is None
    assert detail["opschorting"] == {"indicatie": False, "reden": ""}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("verlenging", {"reden": "x", "duur": "vijf dagen"}),
        ("verlenging", {"duur": "P5D"}),
        ("verlenging", "P5D"),
        ("opschorting", {"reden": "x"}),
        ("opschorting", [True]),
    ],
)
def test_zrc_012_sent_group_is_validated(superuser_client, zaaktype, field, value):
    zaak = create_zaak(superuser_client, zaaktype)
    response = _patch(superuser_client, zaak["url"], {field: value})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"].startswith(field)


# ---- zrc-017 ---------------------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _document(client, iot) -> dict:
    response = client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iot)), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_zrc_017_informatieobjecttype_must_belong_to_zaaktype(superuser_client, zaaktype, iotype, media):
    unrelated = cm.InformatieObjectType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Losse notitie",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="notitie",
        concept=False,
        datum_begin_geldigheid=BEGIN,
    )
    zaak = create_zaak(superuser_client, zaaktype)
    refused = post(
        superuser_client,
        "zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": _document(superuser_client, unrelated)["url"]},
    )
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0] == {
        "name": "nonFieldErrors",
        "code": "missing-zaaktype-informatieobjecttype-relation",
        "reason": refused.json()["invalidParams"][0]["reason"],
    }
    assert not ZaakInformatieObject.objects.exists()
    ok = post(
        superuser_client,
        "zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": _document(superuser_client, iotype)["url"]},
    )
    assert ok.status_code == 201, ok.json()


def test_zrc_017_later_version_of_linked_informatieobjecttype_is_accepted(superuser_client, zaaktype, iotype, media):
    iotype.datum_einde_geldigheid = datetime.date(2024, 12, 31)
    iotype.save()
    newer = cm.InformatieObjectType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving=iotype.omschrijving,
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        concept=False,
        datum_begin_geldigheid=datetime.date(2025, 1, 1),
    )
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        "zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": _document(superuser_client, newer)["url"]},
    )
    assert response.status_code == 201, response.json()


def _remote_zaaktype(responses_mock, iot_urls: list[str]) -> str:
    url = f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}"
    responses_mock.get(
        url,
        json={
            "url": url,
            "concept": False,
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjecttypen": iot_urls,
        },
    )
    return url


def _remote_zaak(client, zaaktype_url: str) -> dict:
    body = {"zaaktype": zaaktype_url, "bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN}
    response = post(client, "zaken", {**body, "startdatum": "2024-01-01"})
    assert response.status_code == 201, response.json()
    return response.json()


def _remote_document(responses_mock, iot_url: str) -> str:
    doc_url = f"{REMOTE_DRC}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    responses_mock.get(doc_url, json={"url": doc_url, "informatieobjecttype": iot_url})
    responses_mock.post(f"{REMOTE_DRC}/objectinformatieobjecten", json={"url": "x"}, status=201)
    return doc_url


def test_zrc_017_remote_zaaktype_lists_the_remote_informatieobjecttype(superuser_client, responses_mock):
    listed = f"{REMOTE_ZTC}/informatieobjecttypen/{uuid.uuid4()}"
    other = f"{REMOTE_ZTC}/informatieobjecttypen/{uuid.uuid4()}"
    zaak = _remote_zaak(superuser_client, _remote_zaaktype(responses_mock, [listed]))
    ok = post(
        superuser_client,
        "zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": _remote_document(responses_mock, listed)},
    )
    assert ok.status_code == 201, ok.json()
    refused = post(
        superuser_client,
        "zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": _remote_document(responses_mock, other)},
    )
    assert refused.status_code == 400
    assert _code(refused) == "missing-zaaktype-informatieobjecttype-relation"


def test_zrc_017_local_type_and_remote_zaaktype_never_match(superuser_client, zaaktype, iotype, responses_mock, media):
    local_iot_url = cat_url("informatieobjecttypen", iotype)
    zaak = _remote_zaak(superuser_client, _remote_zaaktype(responses_mock, [local_iot_url.replace("http", "https")]))
    response = post(
        superuser_client,
        "zaakinformatieobjecten",
        {"zaak": zaak["url"], "informatieobject": _document(superuser_client, iotype)["url"]},
    )
    assert response.status_code == 400
    assert _code(response) == "missing-zaaktype-informatieobjecttype-relation"


# ---- zrc-019 / zrc-020 -----------------------------------------------------------------------------------------


@pytest.fixture
def other_zaaktype(catalogus) -> cm.ZaakType:
    return make_zaaktype(catalogus, concept=False, identificatie="ZT-OTHER")


def test_zrc_019_roltype_of_other_zaaktype_refused(superuser_client, zaaktype, other_zaaktype, roltype):
    foreign = cm.RolType.objects.create(
        zaaktype=other_zaaktype, omschrijving="Vreemd", omschrijving_generiek="adviseur", datum_begin_geldigheid=BEGIN
    )
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkene": "https://e/m/1"}
    refused = post(superuser_client, "rollen", {**body, "roltype": cat_url("roltypen", foreign)})
    assert refused.status_code == 400
    assert _code(refused) == "zaaktype-mismatch"
    ok = post(superuser_client, "rollen", {**body, "roltype": cat_url("roltypen", roltype)})
    assert ok.status_code == 201, ok.json()


def test_zrc_019_remote_roltype_of_other_zaaktype_refused(superuser_client, zaaktype, responses_mock):
    url = f"{REMOTE_ZTC}/roltypen/{uuid.uuid4()}"
    responses_mock.get(
        url,
        json={"url": url, "zaaktype": f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}", "omschrijvingGeneriek": "adviseur"},
    )
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "betrokkeneType": "medewerker", "roltoelichting": "x", "betrokkene": "https://e/m/1"}
    refused = post(superuser_client, "rollen", {**body, "roltype": url})
    assert refused.status_code == 400
    assert _code(refused) == "zaaktype-mismatch"


def test_zrc_020_resultaattype_of_other_zaaktype_refused(superuser_client, zaaktype, other_zaaktype, resultaattype):
    foreign = make_resultaattype(other_zaaktype, omschrijving="Vreemd")
    zaak = create_zaak(superuser_client, zaaktype)
    refused = post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", foreign)}
    )
    assert refused.status_code == 400
    assert _code(refused) == "zaaktype-mismatch"
    ok = post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    assert ok.status_code == 201, ok.json()
    changed = superuser_client.put(
        _path(ok.json()["url"]),
        {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", foreign)},
        format="json",
    )
    assert changed.status_code == 400


# ---- zrc-024 / zrc-025 (mirroring) -----------------------------------------------------------------------------

MIRRORS = [
    # (zaken collection, field, remote resource collection, api root, mirror collection, model)
    ("zaakverzoeken", "verzoek", "verzoeken", VRC, "objectverzoeken", ZaakVerzoek),
    ("zaakcontactmomenten", "contactmoment", "contactmomenten", CMC, "objectcontactmomenten", ZaakContactMoment),
]
MIRROR_IDS = ["zrc-024-verzoek", "zrc-025-contactmoment"]


def _mirror_case(responses_mock, root: str, remote: str):
    url = f"{root}/{remote}/{uuid.uuid4()}"
    responses_mock.get(url, json={"url": url})
    return url


@pytest.mark.parametrize(("collection", "field", "remote", "root", "mirror", "model"), MIRRORS, ids=MIRROR_IDS)
def test_zrc_024_025_relation_mirrored_and_unmirrored(
    superuser_client, zaaktype, responses_mock, collection, field, remote, root, mirror, model
):
    import json

    url = _mirror_case(responses_mock, root, remote)
    created_remote = responses_mock.post(f"{root}/{mirror}", json={"url": f"{root}/{mirror}/1"}, status=201)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, collection, {"zaak": zaak["url"], field: url})
    assert response.status_code == 201, response.json()
    assert created_remote.call_count == 1
    sent = json.loads(created_remote.calls[0].request.body)
    assert sent == {"object": zaak["url"], "objectType": "zaak", field: url}
    looked_up = responses_mock.get(f"{root}/{mirror}", json=[{"url": f"{root}/{mirror}/1"}])
    removed = responses_mock.delete(f"{root}/{mirror}/1", status=204)
    assert superuser_client.delete(_path(response.json()["url"])).status_code == 204
    assert looked_up.call_count == 1 and removed.call_count == 1
    assert not model.objects.exists()


@pytest.mark.parametrize(("collection", "field", "remote", "root", "mirror", "model"), MIRRORS, ids=MIRROR_IDS)
def test_zrc_024_025_mirror_failure_rolls_back(
    superuser_client, zaaktype, responses_mock, collection, field, remote, root, mirror, model
):
    url = _mirror_case(responses_mock, root, remote)
    responses_mock.post(f"{root}/{mirror}", json={}, status=500)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, collection, {"zaak": zaak["url"], field: url})
    assert response.status_code == 400
    assert _code(response) == "pending-relations"
    assert not model.objects.exists()
    audit = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/audittrail").json()
    assert [entry["resource"] for entry in audit] == ["zaak"]


@pytest.mark.parametrize(("collection", "field", "remote", "root", "mirror", "model"), MIRRORS, ids=MIRROR_IDS)
def test_zrc_024_025_remote_object_must_resolve(
    superuser_client, zaaktype, responses_mock, collection, field, remote, root, mirror, model
):
    url = f"{root}/{remote}/{uuid.uuid4()}"
    responses_mock.get(url, status=404)
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, collection, {"zaak": zaak["url"], field: url})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": field,
        "code": "bad-url",
        "reason": response.json()["invalidParams"][0]["reason"],
    }
    assert not model.objects.exists()


@pytest.mark.parametrize(("collection", "field", "remote", "root", "mirror", "model"), MIRRORS, ids=MIRROR_IDS)
def test_zrc_024_025_failed_unmirror_keeps_relation(
    superuser_client, zaaktype, responses_mock, collection, field, remote, root, mirror, model
):
    url = _mirror_case(responses_mock, root, remote)
    responses_mock.post(f"{root}/{mirror}", json={"url": f"{root}/{mirror}/1"}, status=201)
    zaak = create_zaak(superuser_client, zaaktype)
    created = post(superuser_client, collection, {"zaak": zaak["url"], field: url})
    responses_mock.get(f"{root}/{mirror}", status=503)
    response = superuser_client.delete(_path(created.json()["url"]))
    assert response.status_code == 400
    assert _code(response) == "pending-relations"
    assert model.objects.count() == 1


# ---- expand: zrc-025 (scope), zrc-026 (depth), zrc-027/028 (attribute, errors) ---------------------------------


def test_zrc_025_expand_attribute_outside_the_oas_embedded_is_400(superuser_client, zaaktype):
    """zrc-025 as the 1.7 OAS draws it: what ``ZaakEmbedded`` does not list (``kenmerken``) cannot be expanded."""
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=kenmerken", **CRS)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "expand",
        "code": "invalid-expand-field",
        "reason": response.json()["invalidParams"][0]["reason"],
    }


@pytest.mark.parametrize(
    "expand", ["communicatiekanaal", "zaakinformatieobjecten.informatieobject", "rollen.betrokkene"]
)
def test_zrc_025_cross_api_expand_of_the_17_oas_is_accepted(superuser_client, zaaktype, expand):
    """Zaken 1.6/1.7 OAS: these fields are in the Embedded schemas (cross-API expand), so they are valid paths."""
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand={expand}", **CRS)
    assert response.status_code == 200, response.json()
    assert expand.split(".")[0] in response.json()["_expand"]


def test_zrc_026_expand_three_levels(superuser_client, zaaktype, statustypen):
    hoofd = create_zaak(superuser_client, zaaktype)
    post(
        superuser_client,
        "statussen",
        {
            "zaak": hoofd["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
    )
    deel = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    response = superuser_client.get(f"/zaken/api/v1/zaken/{deel['uuid']}?expand=hoofdzaak.status.statustype", **CRS)
    assert response.status_code == 200, response.json()
    hoofdzaak = response.json()["_expand"]["hoofdzaak"]
    assert hoofdzaak["url"] == hoofd["url"]
    assert hoofdzaak["_expand"]["status"]["_expand"]["statustype"]["url"] == cat_url("statustypen", statustypen[0])


def test_zrc_027_expand_attribute_must_belong_to_resource(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    for expand in ("statustype", "status.roltype", "zaaktype.bestaatniet.x"):
        response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand={expand}", **CRS)
        assert response.status_code == 400, expand
        assert _code(response) == "invalid-expand-field"
    search = post(superuser_client, "zaken/_zoek", {"uuid__in": [zaak["uuid"]], "expand": "statustype"})
    assert search.status_code == 400
    assert search.json()["invalidParams"][0]["name"] == "expand"


def test_zrc_028_expand_response_is_complete_or_empty_not_an_error(superuser_client, responses_mock):
    """zrc-027 in the 1.5.1 text ("errors in expand", zrc-028 in 1.6): the response is the normal one plus the
    expanded data; a reference that can no longer be resolved is expanded as ``{}`` instead of failing."""
    zaaktype_url = _remote_zaaktype(responses_mock, [])
    zaak = _remote_zaak(superuser_client, zaaktype_url)
    plain = superuser_client.get(_path(zaak["url"]), **CRS).json()
    responses_mock.replace("GET", zaaktype_url, status=404)
    from django.core.cache import cache

    cache.clear()
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=zaaktype,status", **CRS)
    assert response.status_code == 200
    body = response.json()
    assert body["_expand"] == {"zaaktype": {}, "status": {}}
    assert {k: v for k, v in body.items() if k != "_expand"} == {k: v for k, v in plain.items() if k != "_expand"}


# ---- zaakbesluit: direct POST/DELETE are audited ---------------------------------------------------------------


def test_zaakbesluit_direct_create_and_delete_in_audittrail(superuser_client, zaaktype):
    from zgw.common.models import OutboxMessage

    zaak = create_zaak(superuser_client, zaaktype)
    besluit = "https://brc.example.nl/besluiten/api/v1/besluiten/7"
    created = post(superuser_client, f"zaken/{zaak['uuid']}/besluiten", {"besluit": besluit})
    assert created.status_code == 201, created.json()
    again = post(superuser_client, f"zaken/{zaak['uuid']}/besluiten", {"besluit": besluit})
    assert again.json()["url"] == created.json()["url"]
    assert superuser_client.delete(_path(created.json()["url"])).status_code == 204
    trail = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/audittrail").json()
    besluit_entries = [(e["resource"], e["actie"], e["resourceUrl"]) for e in trail if e["resource"] == "zaakbesluit"]
    assert besluit_entries == [
        ("zaakbesluit", "create", created.json()["url"]),
        ("zaakbesluit", "destroy", created.json()["url"]),
    ]
    created_entry = next(e for e in trail if e["resource"] == "zaakbesluit" and e["actie"] == "create")
    assert created_entry["wijzigingen"]["nieuw"]["besluit"] == besluit
    assert list(
        OutboxMessage.objects.filter(resource="zaakbesluit").values_list("actie", flat=True).order_by("id")
    ) == [
        "create",
        "destroy",
    ]


def test_zrc_026_expand_deeper_than_three_levels_is_not_truncated(superuser_client, zaaktype, statustypen):
    """zrc-026 as revised in Zaken 1.6: nesting to any depth (was: cut off after three levels)."""
    hoofd = create_zaak(superuser_client, zaaktype)
    status = {"zaak": hoofd["url"], "statustype": cat_url("statustypen", statustypen[0])}
    post(superuser_client, "statussen", {**status, "datumStatusGezet": "2024-03-02T10:00:00Z"})
    deel = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    deep = "hoofdzaak.status.statustype.zaaktype.catalogus"
    response = superuser_client.get(f"/zaken/api/v1/zaken/{deel['uuid']}?expand={deep}", **CRS)
    assert response.status_code == 200, response.json()
    statustype = response.json()["_expand"]["hoofdzaak"]["_expand"]["status"]["_expand"]["statustype"]
    assert statustype["url"] == cat_url("statustypen", statustypen[0])
    zaaktype_json = statustype["_expand"]["zaaktype"]  # the fourth level
    assert zaaktype_json["url"] == cat_url("zaaktypen", zaaktype)
    assert zaaktype_json["_expand"]["catalogus"]["url"] == zaaktype_json["catalogus"]  # and the fifth


def test_zrc_026_expand_absurd_depth_or_width_is_400(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    too_deep = ".".join(["hoofdzaak"] * 11)
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand={too_deep}", **CRS)
    assert response.status_code == 400
    assert _code(response) == "recursion-limit"
    too_wide = ",".join(["zaaktype"] * 21)
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand={too_wide}", **CRS)
    assert response.status_code == 400
    assert _code(response) == "max-str-length"
