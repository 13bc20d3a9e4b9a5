"""Autorisatie (zrc-006) for every path of the Zaken API, and for every zaak reachable through ``expand``.

``world`` builds one object of every resource on a zaak of ``zaaktype``. Three clients look at it:
* ``stranger``: zaken.lezen/bijwerken/… only for *another* zaaktype → lists empty, details 403, writes 403;
* ``reader``: zaken.lezen for ``zaaktype`` only → reads allowed, every write 403.
"""

from __future__ import annotations

import pytest

from tests.catalogi.conftest import make_zaaktype
from tests.documenten.conftest import EIO_LIST, eio_body
from zgw.autorisaties.services import AutorisatieData

from .conftest import CRS, RSIN, cat_url, create_zaak, post

pytestmark = pytest.mark.django_db

ALL_SCOPES = [
    "zaken.lezen",
    "zaken.aanmaken",
    "zaken.bijwerken",
    "zaken.verwijderen",
    "zaken.heropenen",
    "zaken.geforceerd-bijwerken",
]
VRC = "https://vrc.example.nl/api/v1"
CMC = "https://cmc.example.nl/api/v1"


def _path(url: str) -> str:
    return url.replace("http://testserver", "")


def _client(make_api_client, zaaktype, scopes, max_vertrouwelijkheid="zeer_geheim"):
    return make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=scopes,
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding=max_vertrouwelijkheid,
            )
        ]
    )


def _created(response) -> dict:
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def world(
    superuser_client,
    zaaktype,
    statustypen,
    resultaattype,
    roltype,
    eigenschap,
    iotype,
    responses_mock,
    settings,
    tmp_path,
):
    """One object of every Zaken resource; returns {collection: (detail path, valid create body)}."""
    settings.MEDIA_ROOT = str(tmp_path)
    for url in (f"{VRC}/verzoeken/1", f"{CMC}/contactmomenten/1"):
        responses_mock.get(url, json={"url": url})
    responses_mock.post(f"{VRC}/objectverzoeken", json={}, status=201)
    responses_mock.post(f"{CMC}/objectcontactmomenten", json={}, status=201)
    zaak = create_zaak(superuser_client, zaaktype)
    z = zaak["url"]
    document = _created(
        superuser_client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iotype)), format="json")
    )
    bodies = {
        "zaken": {
            "zaaktype": cat_url("zaaktypen", zaaktype),
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "startdatum": "2024-03-01",
        },
        "statussen": {
            "zaak": z,
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
        "resultaten": {"zaak": z, "resultaattype": cat_url("resultaattypen", resultaattype)},
        "rollen": {
            "zaak": z,
            "betrokkeneType": "medewerker",
            "roltype": cat_url("roltypen", roltype),
            "roltoelichting": "x",
            "betrokkene": "https://e.nl/m/1",
        },
        "zaakobjecten": {"zaak": z, "objectType": "pand", "object": "https://bag.example.nl/pand/1"},
        "zaakinformatieobjecten": {"zaak": z, "informatieobject": document["url"]},
        "klantcontacten": {"zaak": z, "datumtijd": "2024-01-01T10:00:00Z"},
        "zaakcontactmomenten": {"zaak": z, "contactmoment": f"{CMC}/contactmomenten/1"},
        "zaakverzoeken": {"zaak": z, "verzoek": f"{VRC}/verzoeken/1"},
        f"zaken/{zaak['uuid']}/zaakeigenschappen": {
            "zaak": z,
            "eigenschap": cat_url("eigenschappen", eigenschap),
            "waarde": "20240101",
        },
        f"zaken/{zaak['uuid']}/besluiten": {"besluit": "https://brc.example.nl/besluiten/api/v1/besluiten/1"},
    }
    details = {"zaken": _path(z)}
    for collection, body in bodies.items():
        if collection != "zaken":
            details[collection] = _path(_created(post(superuser_client, collection, body))["url"])
    trail = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/audittrail").json()
    details["audittrail"] = f"/zaken/api/v1/zaken/{zaak['uuid']}/audittrail/{trail[0]['uuid']}"
    return {"zaak": zaak, "details": details, "bodies": bodies}


TOP_LISTS = [
    "statussen",
    "resultaten",
    "rollen",
    "zaakobjecten",
    "zaakinformatieobjecten",
    "klantcontacten",
    "zaakcontactmomenten",
    "zaakverzoeken",
]


@pytest.fixture
def stranger(make_api_client, catalogus):
    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-STRANGER")
    return _client(make_api_client, other, ALL_SCOPES)


@pytest.fixture
def reader(make_api_client, zaaktype):
    return _client(make_api_client, zaaktype, ["zaken.lezen"])


def _items(response) -> list:
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_zrc_006_every_list_is_filtered(world, stranger, reader):
    zaak = world["zaak"]
    for collection in ["zaken", *TOP_LISTS]:
        seen = stranger.get(f"/zaken/api/v1/{collection}", **CRS)
        assert seen.status_code == 200, collection
        assert _items(seen) == [], collection
        assert len(_items(reader.get(f"/zaken/api/v1/{collection}", **CRS))) == 1, collection
    found = post(stranger, "zaken/_zoek", {"uuid__in": [zaak["uuid"]]})
    assert found.status_code == 200 and found.json()["results"] == []
    assert len(post(reader, "zaken/_zoek", {"uuid__in": [zaak["uuid"]]}).json()["results"]) == 1
    for nested in ("zaakeigenschappen", "besluiten", "audittrail"):
        assert stranger.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/{nested}").status_code == 403, nested
        assert reader.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/{nested}").status_code == 200, nested


DETAILS = [
    "zaken",
    *TOP_LISTS,
    "zaakeigenschappen",
    "besluiten",
    "audittrail",
]


def _detail(world, name: str) -> str:
    for key, path in world["details"].items():
        if key == name or key.endswith(f"/{name}"):
            return path
    raise KeyError(name)


@pytest.mark.parametrize("name", DETAILS)
def test_zrc_006_every_detail_is_403_for_other_zaaktype(world, stranger, reader, name):
    path = _detail(world, name)
    assert stranger.get(path, **CRS).status_code == 403
    assert reader.get(path, **CRS).status_code == 200
    if name in ("zaken", "zaakeigenschappen", "statussen", "resultaten", "rollen", "zaakobjecten"):
        assert stranger.head(path, **CRS).status_code == 403


WRITES = {
    # collection or nested name: methods on the detail that the OAS offers
    "zaken": ("put", "patch", "delete"),
    "statussen": (),
    "resultaten": ("put", "patch", "delete"),
    "rollen": ("delete",),
    "zaakobjecten": ("put", "patch", "delete"),
    "zaakinformatieobjecten": ("put", "patch", "delete"),
    "klantcontacten": (),
    "zaakcontactmomenten": ("delete",),
    "zaakverzoeken": ("delete",),
    "zaakeigenschappen": ("put", "patch", "delete"),
    "besluiten": ("delete",),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_zrc_006_every_write_needs_its_scope(superuser_client, world, stranger, reader, name):
    collection = next(key for key in world["bodies"] if key == name or key.endswith(f"/{name}"))
    body = world["bodies"][collection]
    path = _detail(world, name)
    before = superuser_client.get(path, **CRS).json()
    for client in (reader, stranger):
        assert post(client, collection, body).status_code == 403, collection
        for method in WRITES[name]:
            response = getattr(client, method)(path, body if method != "delete" else None, format="json", **CRS)
            assert response.status_code == 403, (method, path)
    assert superuser_client.get(path, **CRS).json() == before


def test_zrc_006_audittrail_is_read_only_and_filtered(world, stranger, reader):
    path = world["details"]["audittrail"]
    assert reader.get(path).status_code == 200
    assert stranger.get(path).status_code == 403
    assert reader.delete(path).status_code == 405


# ---- expand: every expanded zaak passes the same autorisatie as a direct read -------------------------------


def test_zrc_006_expand_only_authorised_zaken(superuser_client, make_api_client, zaaktype, catalogus):
    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-HIDDEN")
    hoofd = create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="openbaar")
    visible = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"], vertrouwelijkheidaanduiding="openbaar")
    hidden_type = create_zaak(superuser_client, other, hoofdzaak=hoofd["url"])
    hidden_secret = create_zaak(
        superuser_client, zaaktype, hoofdzaak=hoofd["url"], vertrouwelijkheidaanduiding="geheim"
    )
    relevant = [{"url": z["url"], "aardRelatie": "onderwerp"} for z in (hidden_type, visible, hidden_secret)]
    assert (
        superuser_client.patch(
            _path(hoofd["url"]), {"relevanteAndereZaken": relevant}, format="json", **CRS
        ).status_code
        == 200
    )
    client = _client(make_api_client, zaaktype, ["zaken.lezen"], "zaakvertrouwelijk")

    expanded = client.get(f"{_path(hoofd['url'])}?expand=deelzaken,relevanteAndereZaken", **CRS)
    assert expanded.status_code == 200, expanded.json()
    embedded = expanded.json()["_expand"]
    assert [z["url"] for z in embedded["deelzaken"]] == [visible["url"]]
    assert [z["url"] for z in embedded["relevanteAndereZaken"]] == [visible["url"]]
    # the reference lists themselves are unchanged: only the expansion is filtered
    assert len(expanded.json()["deelzaken"]) == 3

    # a hoofdzaak the client may not read is not expanded (but a readable one is)
    assert (
        client.get(f"{_path(visible['url'])}?expand=hoofdzaak", **CRS).json()["_expand"]["hoofdzaak"]["url"]
        == hoofd["url"]
    )
    other_client = _client(make_api_client, other, ["zaken.lezen"])
    seen = other_client.get(f"{_path(hidden_type['url'])}?expand=hoofdzaak", **CRS)
    assert seen.status_code == 200
    assert seen.json()["_expand"]["hoofdzaak"] == {}
    # direct reads agree with the expansion
    assert other_client.get(_path(hoofd["url"]), **CRS).status_code == 403
    assert client.get(_path(hidden_secret["url"]), **CRS).status_code == 403


def test_zrc_006_expand_in_list_and_zoek_filtered(superuser_client, make_api_client, zaaktype, catalogus):
    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-HIDDEN")
    hoofd = create_zaak(superuser_client, zaaktype)
    create_zaak(superuser_client, other, hoofdzaak=hoofd["url"])
    mine = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    client = _client(make_api_client, zaaktype, ["zaken.lezen"])
    listed = client.get(f"/zaken/api/v1/zaken?expand=deelzaken&identificatie={hoofd['identificatie']}", **CRS).json()
    assert [z["url"] for z in listed["results"][0]["_expand"]["deelzaken"]] == [mine["url"]]
    found = post(client, "zaken/_zoek", {"uuid__in": [hoofd["uuid"]], "expand": "deelzaken"}).json()
    assert [z["url"] for z in found["results"][0]["_expand"]["deelzaken"]] == [mine["url"]]
