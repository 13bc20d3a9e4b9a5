"""Issue 19 finding 10: bad input is a 400 (or the fitting 4xx) Problem-JSON, never a 500."""

from __future__ import annotations

import pytest

from zgw.notificaties.services import register_kanalen

# What a WSGI server hands over for UTF-8 bytes in a header: each byte as one latin-1 character
EURO_AS_WSGI = "€".encode().decode("latin-1")


def _params(response) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in response.json().get("invalidParams") or []}


@pytest.mark.parametrize("component", [[], {}, 5, None, True])
def test_ac_autorisatie_component_of_the_wrong_type_is_400(superuser_client, component):
    body = {
        "clientIds": ["bad-component"],
        "label": "x",
        "autorisaties": [{"component": component, "scopes": ["zaken.lezen"]}],
    }
    response = superuser_client.post("/autorisaties/api/v1/applicaties", body, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert ("autorisaties.0.component", "invalid_choice") in _params(response) or any(
        name.startswith("autorisaties.0.component") for name, _ in _params(response)
    ), _params(response)


@pytest.mark.parametrize("auth", ["Bearer €", "Bearer a\nb", "Bearer \x00"])
def test_nrc_abonnement_auth_that_no_header_can_carry_is_400(make_api_client, auth):
    register_kanalen()
    client = make_api_client(heeft_alle=True)
    body = {"callbackUrl": "http://callback.local/hook", "auth": auth, "kanalen": [{"naam": "zaken", "filters": {}}]}
    response = client.post("/notificaties/api/v1/abonnement", body, format="json")
    assert response.status_code == 400, response.content
    assert {name for name, _ in _params(response)} == {"auth"}


@pytest.mark.parametrize(
    "header",
    [
        "HTTP_ACCEPT_CRS",
        "HTTP_CONTENT_CRS",
        "HTTP_IF_NONE_MATCH",
        "HTTP_X_REQUEST_ID",
        "HTTP_ACCEPT",
        "HTTP_ACCEPT_LANGUAGE",
        "HTTP_API_VERSION",
    ],
)
def test_non_latin1_header_values_are_never_500(superuser_client, header):
    response = superuser_client.get("/zaken/api/v1/zaken", **{header: f"x{EURO_AS_WSGI}y"})
    assert response.status_code < 500, response.content


@pytest.mark.parametrize("token", [f"Bearer {EURO_AS_WSGI}", f"Bearer a.{EURO_AS_WSGI}.b", "Bearer " + "a" * 8192])
def test_non_latin1_or_huge_token_is_401(db, anonymous_client, token):
    response = anonymous_client.get("/zaken/api/v1/zaken", HTTP_AUTHORIZATION=token)
    assert response.status_code in (401, 403), response.content
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_a_database_connection_lost_mid_request_is_a_503_with_retry_after(superuser_client, monkeypatch):
    """A broken database connection (failover, pg_terminate_backend) is answered 503 + Retry-After, never a 500."""
    from django.db import OperationalError
    from rest_framework.generics import GenericAPIView

    def broken(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(GenericAPIView, "paginate_queryset", broken)
    response = superuser_client.get("/catalogi/api/v1/catalogussen")
    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "database-unavailable"
