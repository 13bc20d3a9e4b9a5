"""Bad input anywhere gives a 400 Problem-JSON with invalidParams, never a 500."""

from __future__ import annotations

import pytest

from zgw.documenten.models import EnkelvoudigInformatieObject, ObjectInformatieObject

from .conftest import path_of

pytestmark = pytest.mark.django_db

GARBAGE = [
    [],
    [1, 2],
    "tekst",
    123,
    None,
    {"informatieobject": 5},
    {"informatieobject": ["x"]},
    {"informatieobject": "http://testserver/documenten/api/v1/gebruiksrechten/1c8e36be-338c-4c07-ac5e-1adf55bec04a"},
    {"informatieobjecttype": {"url": "x"}, "ondertekening": [], "integriteit": "x", "trefwoorden": [{}]},
    {"binnenlandsCorrespondentieadres": [1], "correspondentiePostadres": {"postBusOfAntwoordnummer": "x"}},
    {"startdatum": "gisteren", "einddatum": 5},
    {"uuid__in": "abc", "lock": 5, "bestandsomvang": -1, "inhoud": 12},
]


@pytest.fixture
def urls(superuser_client, create_eio) -> dict:
    document = create_eio()
    eio = EnkelvoudigInformatieObject.objects.get()
    oio = ObjectInformatieObject.objects.create(
        informatieobject=eio, object_type="zaak", object="https://zaken.example.nl/zaken/api/v1/zaken/1"
    )
    recht = superuser_client.post(
        "/documenten/api/v1/gebruiksrechten",
        {"informatieobject": document["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        format="json",
    ).json()
    verzending = superuser_client.post(
        "/documenten/api/v1/verzendingen",
        {
            "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
            "informatieobject": document["url"],
            "aardRelatie": "geadresseerde",
            "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/1",
            "emailadres": "a@b.nl",
        },
        format="json",
    ).json()
    lock_id = superuser_client.post(f"{path_of(document['url'])}/lock").json()["lock"]
    return {
        "eio": path_of(document["url"]),
        "lock": lock_id,
        "gebruiksrecht": path_of(recht["url"]),
        "verzending": path_of(verzending["url"]),
        "oio": f"/documenten/api/v1/objectinformatieobjecten/{oio.uuid}",
    }


@pytest.mark.parametrize("body", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_bodies_are_400(superuser_client, urls, body):
    calls = [
        ("post", "/documenten/api/v1/enkelvoudiginformatieobjecten"),
        ("post", "/documenten/api/v1/enkelvoudiginformatieobjecten/_zoek"),
        ("post", "/documenten/api/v1/gebruiksrechten"),
        ("post", "/documenten/api/v1/objectinformatieobjecten"),
        ("post", "/documenten/api/v1/verzendingen"),
        ("post", f"{urls['eio']}/unlock"),
        ("patch", urls["eio"]),
        ("put", urls["eio"]),
        ("patch", urls["gebruiksrecht"]),
        ("put", urls["gebruiksrecht"]),
        ("patch", urls["verzending"]),
        ("put", urls["verzending"]),
    ]
    for method, url in calls:
        payload = body
        if isinstance(body, dict) and url == urls["eio"]:
            payload = {**body, "lock": urls["lock"]}
        response = getattr(superuser_client, method)(url, payload, format="json")
        if url.endswith("/unlock") and response.status_code == 204:
            superuser_client.post(f"{urls['eio']}/lock")
            continue
        if method == "patch" and (body is None or isinstance(body, dict)) and response.status_code == 200:
            continue  # a PATCH ignores properties the resource does not have
        assert response.status_code == 400, (method, url, body, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["invalidParams"], (method, url, body)
        if not isinstance(body, dict) and body is not None:
            assert response.json()["invalidParams"][0]["name"] == "nonFieldErrors"


@pytest.mark.parametrize(
    "params",
    [
        {"informatieobject": "http://testserver/zaken/api/v1/zaken/1c8e36be-338c-4c07-ac5e-1adf55bec04a"},
        {"informatieobject": "geen-url"},
        {"startdatum__gt": "morgen"},
        {"onbekend": "1"},
    ],
)
def test_bad_filters_are_400(superuser_client, urls, params):
    for path in ("/documenten/api/v1/gebruiksrechten",):
        response = superuser_client.get(path, params)
        assert response.status_code == 400
        assert response.json()["invalidParams"]


def test_bad_filters_on_other_lists(superuser_client, urls):
    assert superuser_client.get("/documenten/api/v1/verzendingen", {"aardRelatie": "x"}).status_code == 400
    assert superuser_client.get("/documenten/api/v1/verzendingen", {"betrokkene": "geen url"}).status_code == 400
    assert superuser_client.get("/documenten/api/v1/objectinformatieobjecten", {"object": "x"}).status_code == 400
    assert superuser_client.get("/documenten/api/v1/enkelvoudiginformatieobjecten", {"x": "1"}).status_code == 400
