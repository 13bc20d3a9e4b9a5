"""The Notificaties API 1.0.1 itself: kanalen, abonnementen, notificaties (notificaties.md §2-§3)."""

from __future__ import annotations

import json

import pytest
import responses as responses_lib

from zgw.autorisaties.services import AutorisatieData
from zgw.notificaties import conf
from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal, Notificatie

BASE = "/notificaties/api/v1"
CALLBACK = "http://consumer.local/callback"
PUBLICEREN = "notificaties.publiceren"
CONSUMEREN = "notificaties.consumeren"

pytestmark = pytest.mark.django_db


def _abonnement_body(**overrides):
    body = {
        "callbackUrl": CALLBACK,
        "auth": "Bearer secret-token",
        "kanalen": [{"naam": "zaken", "filters": {"bronorganisatie": "123456782"}}],
    }
    body.update(overrides)
    return body


def _message(**overrides):
    body = {
        "kanaal": "zaken",
        "hoofdObject": "http://zrc.local/zaken/api/v1/zaken/1",
        "resource": "zaak",
        "resourceUrl": "http://zrc.local/zaken/api/v1/zaken/1",
        "actie": "create",
        "aanmaakdatum": "2024-01-01T17:00:00+01:00",
        "kenmerken": {
            "bronorganisatie": "123456782",
            "zaaktype": "http://ztc.local/zt/1",
            "vertrouwelijkheidaanduiding": "openbaar",
        },
    }
    body.update(overrides)
    return body


def _invalid(response, name: str, code: str) -> None:
    assert response.status_code == 400, response.content
    params = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert (name, code) in params, params


# ---- kanalen -------------------------------------------------------------------------------------------------


def test_kanaal_create_read_and_list_with_naam_filter(nrc_client):
    client = nrc_client(PUBLICEREN)
    body = {"naam": "eigen", "documentatieLink": "http://docs.local/eigen", "filters": ["soort", "gemeente"]}
    response = client.post(f"{BASE}/kanaal", body, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert response["Location"] == created["url"]
    assert {k: created[k] for k in body} == body
    assert client.get(created["url"]).json() == created

    Kanaal.objects.create(naam="ander")
    listed = client.get(f"{BASE}/kanaal", {"naam": "eigen"})
    assert listed.status_code == 200
    assert [k["naam"] for k in listed.json()] == ["eigen"]  # a plain array, only the match
    assert {k["naam"] for k in client.get(f"{BASE}/kanaal").json()} == set(
        Kanaal.objects.values_list("naam", flat=True)
    )
    assert {"eigen", "ander"} <= {k["naam"] for k in client.get(f"{BASE}/kanaal").json()}


def test_kanaal_naam_is_unique(nrc_client):
    client = nrc_client(PUBLICEREN)
    assert client.post(f"{BASE}/kanaal", {"naam": "dubbel"}, format="json").status_code == 201
    _invalid(client.post(f"{BASE}/kanaal", {"naam": "dubbel"}, format="json"), "naam", "unique")


@pytest.mark.parametrize(
    "body,name",
    [
        ({"naam": "x" * 51}, "naam"),
        ({"naam": "a", "filters": "bronorganisatie"}, "filters"),
        ({"naam": "a", "filters": [""]}, "filters.0"),
        ({"naam": "a", "documentatieLink": "geen url"}, "documentatieLink"),
        ({}, "naam"),
    ],
)
def test_kanaal_bad_input_is_400(nrc_client, body, name):
    response = nrc_client(PUBLICEREN).post(f"{BASE}/kanaal", body, format="json")
    assert response.status_code == 400
    assert name in {p["name"] for p in response.json()["invalidParams"]}


def test_kanaal_scopes(nrc_client, anonymous_client):
    assert anonymous_client.get(f"{BASE}/kanaal").status_code == 401
    assert nrc_client(CONSUMEREN).get(f"{BASE}/kanaal").status_code == 200
    assert nrc_client(CONSUMEREN).post(f"{BASE}/kanaal", {"naam": "x"}, format="json").status_code == 403
    assert not Kanaal.objects.filter(naam="x").exists()


def test_kanaal_unknown_query_parameter_is_400(nrc_client):
    response = nrc_client(PUBLICEREN).get(f"{BASE}/kanaal", {"bestaatNiet": "1"})
    _invalid(response, "nonFieldErrors", "unknown-parameters")


def test_kanaal_list_query_count_does_not_grow(nrc_client, django_assert_max_num_queries):
    client = nrc_client(PUBLICEREN)
    client.get(f"{BASE}/kanaal")  # warm the credentials cache
    with django_assert_max_num_queries(1):
        small = len(client.get(f"{BASE}/kanaal").json())
    Kanaal.objects.bulk_create(Kanaal(naam=f"k{i}", filters=["a"]) for i in range(30))
    with django_assert_max_num_queries(1):
        assert len(client.get(f"{BASE}/kanaal").json()) == small + 30


# ---- abonnementen --------------------------------------------------------------------------------------------


def test_abonnement_create_checks_callback_and_hides_auth(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    client = nrc_client(CONSUMEREN)
    response = client.post(f"{BASE}/abonnement", _abonnement_body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert "auth" not in data
    assert data["callbackUrl"] == CALLBACK
    assert data["kanalen"] == [{"filters": {"bronorganisatie": "123456782"}, "naam": "zaken"}]
    # the check sent the standard test notificatie with the subscriber's Authorization header
    check = mocked_http.calls[0].request
    assert check.headers["Authorization"] == "Bearer secret-token"
    assert json.loads(check.body)["kanaal"] == "test"
    assert Abonnement.objects.get().auth == "Bearer secret-token"
    assert client.get(data["url"]).json() == data


@pytest.mark.parametrize("status", [400, 401, 500])
def test_abonnement_callback_must_accept_test_notificatie(kanalen, nrc_client, mocked_http, status):
    mocked_http.add(responses_lib.POST, CALLBACK, status=status)
    response = nrc_client(CONSUMEREN).post(f"{BASE}/abonnement", _abonnement_body(), format="json")
    _invalid(response, "callbackUrl", "invalid-callback-url")
    assert not Abonnement.objects.exists()


def test_abonnement_unreachable_callback_is_400(kanalen, nrc_client):
    response = nrc_client(CONSUMEREN).post(
        f"{BASE}/abonnement", _abonnement_body(callbackUrl="http://127.0.0.1:9/nothing"), format="json"
    )
    _invalid(response, "callbackUrl", "invalid-callback-url")


def test_abonnement_no_auth_check_when_enabled(kanalen, nrc_client, mocked_http, monkeypatch):
    monkeypatch.setattr(conf, "CHECK_CALLBACK_NO_AUTH", True)
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)  # accepts everything, also without auth
    response = nrc_client(CONSUMEREN).post(f"{BASE}/abonnement", _abonnement_body(), format="json")
    _invalid(response, "callbackUrl", "no-auth-on-callback-url")


def test_abonnement_unknown_kanaal(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    body = _abonnement_body(kanalen=[{"naam": "zaken"}, {"naam": "bestaat-niet"}])
    _invalid(nrc_client(CONSUMEREN).post(f"{BASE}/abonnement", body, format="json"), "kanalen.1.naam", "kanaal_naam")


def test_abonnement_filters_must_fit_the_kanaal(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    client = nrc_client(CONSUMEREN)
    body = _abonnement_body(kanalen=[{"naam": "zaken", "filters": {"bronorganisatie": "1", "onbekend": "x"}}])
    _invalid(
        client.post(f"{BASE}/abonnement", body, format="json"), "kanalen.0.filters", "inconsistent-abonnement-filters"
    )
    # camelCase filter keys fit a snake_case kanaal filter
    body = _abonnement_body(kanalen=[{"naam": "besluiten", "filters": {"verantwoordelijkeOrganisatie": "1"}}])
    assert client.post(f"{BASE}/abonnement", body, format="json").status_code == 201


@pytest.mark.parametrize(
    "body,name",
    [
        (["not", "an", "object"], "nonFieldErrors"),
        (_abonnement_body(kanalen="zaken"), "kanalen"),
        (_abonnement_body(kanalen=["zaken"]), "kanalen.0"),
        (_abonnement_body(kanalen=[{"naam": "zaken", "filters": ["a"]}]), "kanalen.0.filters"),
        (
            _abonnement_body(kanalen=[{"naam": "zaken", "filters": {"bronorganisatie": {"x": 1}}}]),
            "kanalen.0.filters.bronorganisatie",
        ),
        (_abonnement_body(callbackUrl="ftp://x"), "callbackUrl"),
        (_abonnement_body(auth=""), "auth"),
        # no length limit since 1.0.1 (test_long_values.py); what cannot be sent as a header is still refused
        (_abonnement_body(auth="Bearer caf\u00e9\n"), "auth"),
    ],
)
def test_abonnement_bad_input_is_400(kanalen, nrc_client, body, name):
    response = nrc_client(CONSUMEREN).post(f"{BASE}/abonnement", body, format="json")
    assert response.status_code == 400, response.content
    assert name in {p["name"] for p in response.json()["invalidParams"]}, response.json()


def test_abonnement_put_patch_replace_kanalen_and_delete(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    mocked_http.add(responses_lib.POST, "http://other.local/hook", status=200)
    client = nrc_client(CONSUMEREN)
    url = client.post(f"{BASE}/abonnement", _abonnement_body(), format="json").json()["url"]

    patched = client.patch(url, {"kanalen": [{"naam": "documenten"}, {"naam": "autorisaties"}]}, format="json")
    assert patched.status_code == 200, patched.content
    assert [g["naam"] for g in patched.json()["kanalen"]] == ["documenten", "autorisaties"]
    assert FilterGroup.objects.count() == 2
    assert len(mocked_http.calls) == 1  # kanalen only: no new callback check

    put = client.put(url, _abonnement_body(callbackUrl="http://other.local/hook", auth="Token nieuw"), format="json")
    assert put.status_code == 200, put.content
    assert put.json()["kanalen"] == [{"filters": {"bronorganisatie": "123456782"}, "naam": "zaken"}]
    assert Abonnement.objects.get().auth == "Token nieuw"
    assert mocked_http.calls[-1].request.headers["Authorization"] == "Token nieuw"

    assert client.put(url, {"callbackUrl": CALLBACK}, format="json").status_code == 400  # PUT needs everything
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert not FilterGroup.objects.exists()


def test_abonnement_delete_keeps_delivery_history(kanalen, nrc_client, mocked_http):
    """Issue 18 §4: DELETE answers 204 and then 404, but afleveringen and the row they point to stay."""
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    client = nrc_client(CONSUMEREN)
    url = client.post(f"{BASE}/abonnement", _abonnement_body(), format="json").json()["url"]
    abonnement = Abonnement.objects.get()
    notificatie = Notificatie.objects.create(kanaal="zaken", payload=_message())
    delivered = Delivery.objects.create(notificatie=notificatie, abonnement=abonnement, status="delivered")
    waiting = Delivery.objects.create(notificatie=notificatie, abonnement=abonnement)

    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(f"{BASE}/abonnement").json() == []
    assert client.delete(url).status_code == 404

    abonnement.refresh_from_db()
    assert abonnement.verwijderd is not None and not abonnement.filter_groups.exists()
    assert set(abonnement.deliveries.values_list("pk", flat=True)) == {delivered.pk, waiting.pk}
    waiting.refresh_from_db()
    assert waiting.status == "failed"  # nothing more is sent to the deleted abonnement's callback


def test_abonnement_without_history_is_removed(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    client = nrc_client(CONSUMEREN)
    url = client.post(f"{BASE}/abonnement", _abonnement_body(), format="json").json()["url"]
    assert client.delete(url).status_code == 204
    assert not Abonnement.objects.exists()


def test_abonnement_scopes(kanalen, nrc_client, mocked_http):
    mocked_http.add(responses_lib.POST, CALLBACK, status=204)
    publisher = nrc_client(PUBLICEREN)
    assert publisher.get(f"{BASE}/abonnement").status_code == 200
    assert publisher.post(f"{BASE}/abonnement", _abonnement_body(), format="json").status_code == 403
    assert publisher.get(f"{BASE}/abonnement/not-a-uuid").status_code == 404


def test_abonnement_list_query_count_does_not_grow(kanalen, make_api_client, django_assert_max_num_queries):
    client = make_api_client(client_id="lister", autorisaties=[AutorisatieData(component="nrc", scopes=[CONSUMEREN])])
    zaken, documenten = Kanaal.objects.get(naam="zaken"), Kanaal.objects.get(naam="documenten")

    def add(n):
        for i in range(n):
            abonnement = Abonnement.objects.create(callback_url=f"http://c.local/{i}", auth="x", client_id="lister")
            FilterGroup.objects.create(abonnement=abonnement, kanaal=zaken, filters={"bronorganisatie": str(i)})
            FilterGroup.objects.create(abonnement=abonnement, kanaal=documenten)

    add(3)
    client.get(f"{BASE}/abonnement")  # warm the credentials cache
    with django_assert_max_num_queries(2):
        assert len(client.get(f"{BASE}/abonnement").json()) == 3
    add(30)
    with django_assert_max_num_queries(2):
        data = client.get(f"{BASE}/abonnement").json()
    assert len(data) == 33
    assert all(len(item["kanalen"]) == 2 for item in data)


# ---- notificaties --------------------------------------------------------------------------------------------


def test_notificatie_is_echoed_with_200_and_routed(kanalen, nrc_client):
    zaken = Kanaal.objects.get(naam="zaken")
    hit = Abonnement.objects.create(callback_url="http://a.local/hook", auth="x")
    FilterGroup.objects.create(abonnement=hit, kanaal=zaken, filters={"bronorganisatie": "123456782"})
    miss = Abonnement.objects.create(callback_url="http://b.local/hook", auth="x")
    FilterGroup.objects.create(abonnement=miss, kanaal=zaken, filters={"bronorganisatie": "999999999"})

    body = _message()
    response = nrc_client(PUBLICEREN).post(f"{BASE}/notificaties", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == body
    notificatie = Notificatie.objects.get()
    assert notificatie.payload == body  # stored unchanged, also the aanmaakdatum offset
    assert list(Delivery.objects.values_list("abonnement_id", flat=True)) == [hit.pk]


def test_notificatie_unknown_kanaal(kanalen, nrc_client):
    response = nrc_client(PUBLICEREN).post(f"{BASE}/notificaties", _message(kanaal="onbekend"), format="json")
    _invalid(response, "kanaal", "message_kanaal")
    assert not Notificatie.objects.exists()


def test_notificatie_kenmerken_must_fit_the_kanaal(kanalen, nrc_client):
    client = nrc_client(PUBLICEREN)
    response = client.post(
        f"{BASE}/notificaties", _message(kenmerken={"bronorganisatie": "1", "iets": "x"}), format="json"
    )
    _invalid(response, "kenmerken", "kenmerken_inconsistent")
    # subset is fine, and camelCase keys match the snake_case kanaal filter of besluiten
    assert client.post(f"{BASE}/notificaties", _message(kenmerken={"zaaktype": "x"}), format="json").status_code == 200
    besluit = _message(kanaal="besluiten", kenmerken={"verantwoordelijkeOrganisatie": "1", "besluittype": "x"})
    assert client.post(f"{BASE}/notificaties", besluit, format="json").status_code == 200


@pytest.mark.parametrize(
    "body,name",
    [
        ([_message()], "nonFieldErrors"),
        (_message(kenmerken=["a"]), "kenmerken"),
        (_message(kenmerken={"bronorganisatie": 5}), "kenmerken.bronorganisatie"),
        (_message(kanaal=["zaken"]), "kanaal"),
        (_message(kenmerken={"bronorganisatie": ""}), "kenmerken.bronorganisatie"),
        (_message(hoofdObject="geen-url"), "hoofdObject"),
        (_message(aanmaakdatum="gisteren"), "aanmaakdatum"),
        (_message(resource="r" * 101), "resource"),
        ({k: v for k, v in _message().items() if k != "actie"}, "actie"),
    ],
)
def test_notificatie_bad_input_is_400(kanalen, nrc_client, body, name):
    response = nrc_client(PUBLICEREN).post(f"{BASE}/notificaties", body, format="json")
    assert response.status_code == 400, response.content
    assert name in {p["name"] for p in response.json()["invalidParams"]}, response.json()


def test_notificatie_needs_publiceren(kanalen, nrc_client):
    assert nrc_client(CONSUMEREN).post(f"{BASE}/notificaties", _message(), format="json").status_code == 403
    assert not Notificatie.objects.exists()
