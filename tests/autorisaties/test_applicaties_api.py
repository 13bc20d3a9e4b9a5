"""Autorisaties API 1.0.0: CRUD, consumer lookup, filters and the rules ac-001..ac-003."""

import uuid

import pytest

from zgw.autorisaties.models import Applicatie
from zgw.autorisaties.services import AutorisatieData
from zgw.common.models import OutboxMessage

URL = "/autorisaties/api/v1/applicaties"
ZAAKTYPE = "https://catalogi.elders.nl/api/v1/zaaktypen/4d0b8c3e-1b43-4c7d-9e0a-000000000001"


def zrc(**overrides):
    data = {
        "component": "zrc",
        "scopes": ["zaken.lezen"],
        "zaaktype": ZAAKTYPE,
        "maxVertrouwelijkheidaanduiding": "openbaar",
    }
    data.update(overrides)
    return data


def invalid(response):
    assert response.status_code == 400, response.content
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


@pytest.fixture
def client(superuser_client):
    return superuser_client


def test_create_read_and_notification(client):
    response = client.post(URL, {"clientIds": ["app-1"], "label": "App 1", "autorisaties": [zrc()]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["clientIds"] == ["app-1"]
    assert body["heeftAlleAutorisaties"] is False
    assert body["autorisaties"] == [
        {
            "component": "zrc",
            "componentWeergave": "Zaken API",
            "scopes": ["zaken.lezen"],
            "zaaktype": ZAAKTYPE,
            "maxVertrouwelijkheidaanduiding": "openbaar",
        }
    ]
    assert client.get(body["url"]).json() == body
    message = OutboxMessage.objects.filter(kanaal="autorisaties", resource_url=body["url"]).get()
    assert message.actie == "create" and message.resource == "applicatie" and message.kenmerken == {}


def test_variants_only_carry_their_own_fields(client):
    response = client.post(
        URL,
        {
            "clientIds": ["app-v"],
            "label": "V",
            "autorisaties": [
                {"component": "ztc", "scopes": ["catalogi.lezen"]},
                {
                    "component": "brc",
                    "scopes": ["besluiten.lezen"],
                    "besluittype": ZAAKTYPE.replace("zaaktypen", "besluittypen"),
                },
            ],
        },
    )
    assert response.status_code == 201, response.content
    ztc, brc = response.json()["autorisaties"]
    assert set(ztc) == {"component", "componentWeergave", "scopes"}
    assert set(brc) == {"component", "componentWeergave", "scopes", "besluittype"}


def test_ac_001_client_id_unique_over_applicaties(client):
    assert (
        client.post(URL, {"clientIds": ["dup"], "label": "a", "heeftAlleAutorisaties": True}).status_code
        == 201
    )
    assert invalid(
        client.post(URL, {"clientIds": ["other", "dup"], "label": "b", "heeftAlleAutorisaties": True})
    ) == {("clientIds", "clientId-exists")}


def test_ac_001_update_keeps_own_client_ids(client):
    url = client.post(URL, {"clientIds": ["own"], "label": "a", "heeftAlleAutorisaties": True}).json()["url"]
    assert client.patch(url, {"label": "renamed"}).status_code == 200
    client.post(URL, {"clientIds": ["taken"], "label": "b", "heeftAlleAutorisaties": True})
    assert invalid(client.patch(url, {"clientIds": ["own", "taken"]})) == {("clientIds", "clientId-exists")}


def test_ac_002_both_specified_is_ambiguous(client):
    response = client.post(
        URL, {"clientIds": ["x"], "label": "x", "heeftAlleAutorisaties": True, "autorisaties": [zrc()]}
    )
    assert invalid(response) == {("nonFieldErrors", "ambiguous-authorizations-specified")}


def test_ac_002_neither_specified_is_missing(client):
    assert invalid(client.post(URL, {"clientIds": ["x"], "label": "x"})) == {
        ("nonFieldErrors", "missing-authorizations")
    }
    assert invalid(client.post(URL, {"clientIds": ["x"], "label": "x", "autorisaties": []})) == {
        ("nonFieldErrors", "missing-authorizations")
    }


def test_ac_002_uses_the_merged_state_on_patch(client):
    url = client.post(URL, {"clientIds": ["m"], "label": "m", "autorisaties": [zrc()]}).json()["url"]
    assert invalid(client.patch(url, {"heeftAlleAutorisaties": True})) == {
        ("nonFieldErrors", "ambiguous-authorizations-specified")
    }
    assert client.patch(url, {"heeftAlleAutorisaties": True, "autorisaties": []}).status_code == 200


@pytest.mark.parametrize(
    "component,missing",
    [
        ("zrc", {"zaaktype", "maxVertrouwelijkheidaanduiding"}),
        ("drc", {"informatieobjecttype", "maxVertrouwelijkheidaanduiding"}),
        ("brc", {"besluittype"}),
    ],
)
def test_ac_003_type_fields_required_for_component_scopes(client, component, missing):
    prefix = {"zrc": "zaken", "drc": "documenten", "brc": "besluiten"}[component]
    response = client.post(
        URL,
        {
            "clientIds": ["t"],
            "label": "t",
            "autorisaties": [
                {"component": "ztc", "scopes": ["catalogi.lezen"]},
                {"component": component, "scopes": [f"{prefix}.lezen"]},
            ],
        },
    )
    assert invalid(response) == {(f"autorisaties.1.{name}", "required") for name in missing}


def test_ac_003_audittrails_only_needs_no_type(client):
    response = client.post(
        URL,
        {
            "clientIds": ["t"],
            "label": "t",
            "autorisaties": [{"component": "zrc", "scopes": ["audittrails.lezen"]}],
        },
    )
    assert response.status_code == 201, response.content


def test_invalid_component_and_level_are_rejected(client):
    response = client.post(
        URL,
        {
            "clientIds": ["t"],
            "label": "t",
            "autorisaties": [
                {"component": "xyz", "scopes": ["a"]},
                zrc(maxVertrouwelijkheidaanduiding="topgeheim"),
            ],
        },
    )
    assert invalid(response) == {
        ("autorisaties.0.component", "invalid_choice"),
        ("autorisaties.1.maxVertrouwelijkheidaanduiding", "invalid_choice"),
    }


def test_local_type_url_must_exist(client, settings):
    missing = f"http://testserver/catalogi/api/v1/zaaktypen/{uuid.uuid4()}"
    from zgw.common.references import registered_model

    response = client.post(URL, {"clientIds": ["t"], "label": "t", "autorisaties": [zrc(zaaktype=missing)]})
    if registered_model("catalogi", "zaaktypen") is None:
        pytest.skip("the Catalogi app does not register zaaktypen yet")
    assert invalid(response) == {("autorisaties.0.zaaktype", "does_not_exist")}


def test_local_url_of_the_wrong_kind_is_bad_url(client):
    wrong = f"http://testserver/autorisaties/api/v1/applicaties/{uuid.uuid4()}"
    response = client.post(URL, {"clientIds": ["t"], "label": "t", "autorisaties": [zrc(zaaktype=wrong)]})
    assert invalid(response) == {("autorisaties.0.zaaktype", "bad-url")}


def test_put_replaces_autorisaties_and_patch_without_them_keeps_them(client):
    url = client.post(
        URL, {"clientIds": ["p"], "label": "p", "autorisaties": [zrc(), zrc(scopes=["zaken.aanmaken"])]}
    ).json()["url"]
    assert len(client.patch(url, {"label": "q"}).json()["autorisaties"]) == 2
    replaced = client.put(
        url, {"clientIds": ["p"], "label": "q", "autorisaties": [zrc(scopes=["zaken.bijwerken"])]}
    )
    assert replaced.status_code == 200
    assert [a["scopes"] for a in replaced.json()["autorisaties"]] == [["zaken.bijwerken"]]
    actions = list(OutboxMessage.objects.filter(resource_url=url).values_list("actie", flat=True))
    assert actions == ["create", "partial_update", "update"]


def test_put_requires_the_required_fields(client):
    url = client.post(URL, {"clientIds": ["p"], "label": "p", "heeftAlleAutorisaties": True}).json()["url"]
    assert invalid(client.put(url, {"heeftAlleAutorisaties": True})) == {
        ("clientIds", "required"),
        ("label", "required"),
    }


def test_delete(client):
    url = client.post(URL, {"clientIds": ["d"], "label": "d", "heeftAlleAutorisaties": True}).json()["url"]
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert OutboxMessage.objects.filter(resource_url=url, actie="destroy").exists()


def test_consumer_returns_one_applicatie(client):
    body = client.post(URL, {"clientIds": ["c1", "c2"], "label": "c", "heeftAlleAutorisaties": True}).json()
    response = client.get(f"{URL}/consumer", {"clientId": "c2"})
    assert response.status_code == 200
    assert response.json() == body
    assert client.get(f"{URL}/consumer", {"clientId": "unknown"}).status_code == 404
    assert invalid(client.get(f"{URL}/consumer")) == {("clientId", "required")}


def test_filter_client_ids(client):
    client.post(URL, {"clientIds": ["f1", "f2"], "label": "f", "heeftAlleAutorisaties": True})
    client.post(URL, {"clientIds": ["g1"], "label": "g", "heeftAlleAutorisaties": True})
    assert [a["label"] for a in client.get(URL, {"clientIds": "f1"}).json()["results"]] == ["f"]
    assert [a["label"] for a in client.get(URL, {"clientIds": "f1,f2"}).json()["results"]] == ["f"]
    assert client.get(URL, {"clientIds": "f1,g1"}).json()["count"] == 0


def test_list_query_count_does_not_grow_with_page_size(client, django_assert_max_num_queries):
    for index in range(30):
        client.post(
            URL,
            {
                "clientIds": [f"n{index}"],
                "label": "n",
                "autorisaties": [zrc(), zrc(scopes=["zaken.bijwerken"])],
            },
        )
    client.get(URL)  # the writes above invalidated the autorisatie cache; warm it again
    # COUNT, SELECT, and one prefetch each for client ids and autorisaties — whatever the number of rows
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.json()["count"] == Applicatie.objects.count()


@pytest.mark.parametrize(
    "scopes,method,status",
    [
        (["autorisaties.lezen"], "get", 200),
        (["autorisaties.lezen"], "post", 403),
        (["autorisaties.bijwerken"], "post", 201),
        ([], "get", 403),
    ],
)
def test_scopes(make_api_client, scopes, method, status):
    api = make_api_client(
        autorisaties=[AutorisatieData(component="ac", scopes=scopes)]
        if scopes
        else [AutorisatieData(component="ztc", scopes=["catalogi.lezen"])]
    )
    payload = {"clientIds": [f"s-{uuid.uuid4().hex[:8]}"], "label": "s", "heeftAlleAutorisaties": True}
    response = api.get(URL) if method == "get" else api.post(URL, payload)
    assert response.status_code == status


def test_autorisaties_change_applies_to_the_next_request(make_api_client, superuser_client):
    api = make_api_client(autorisaties=[AutorisatieData(component="ac", scopes=["autorisaties.lezen"])])
    assert api.get(URL).status_code == 200
    own = superuser_client.get(f"{URL}/consumer", {"clientId": api.client_id}).json()["url"]
    superuser_client.patch(own, {"autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}]})
    assert api.get(URL).status_code == 403
