"""JWT-ZGW authentication failure modes (common.md §3, DECISIONS.md: 401 for token problems, 403 for scopes)."""

import time

import jwt
import pytest
from rest_framework.test import APIClient

from zgw.autorisaties import services
from zgw.common.auth import make_token

URL = "/autorisaties/api/v1/applicaties"
SECRET = "a-long-enough-secret-for-hs256-signing!!"


@pytest.fixture
def registered(db):
    services.ensure_client("client-a", SECRET, heeft_alle_autorisaties=True)
    return "client-a"


def _get(token=None, header=None):
    client = APIClient()
    if header is not None:
        client.credentials(HTTP_AUTHORIZATION=header)
    elif token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.get(URL)


def _assert_problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["instance"].startswith("urn:uuid:")
    assert set(body) >= {"type", "code", "title", "status", "detail", "instance"}


def test_valid_token_is_accepted(registered):
    assert _get(make_token("client-a", SECRET)).status_code == 200


def test_missing_header_is_401(registered):
    response = _get()
    _assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_not_a_bearer_header_is_401(registered):
    _assert_problem(_get(header="Basic Zm9vOmJhcg=="), 401, "jwt-decode-error")


def test_garbage_token_is_401(registered):
    _assert_problem(_get("not.a.jwt"), 401, "jwt-decode-error")


def test_token_without_client_identifier_is_401(registered):
    token = jwt.encode({"iat": int(time.time())}, SECRET, algorithm="HS256")
    _assert_problem(_get(token), 401, "missing-client-identifier")


def test_unknown_client_id_is_401(registered):
    _assert_problem(_get(make_token("nobody", SECRET)), 401, "invalid-client-identifier")


def test_wrong_signature_is_401(registered):
    _assert_problem(
        _get(make_token("client-a", "another-secret-of-sufficient-length!!")), 401, "invalid-jwt-signature"
    )


def test_missing_iat_is_401(registered):
    token = jwt.encode({"client_id": "client-a"}, SECRET, algorithm="HS256")
    _assert_problem(_get(token), 401, "jwt-missing-iat-claim")


def test_other_algorithm_is_rejected(registered):
    token = jwt.encode({"client_id": "client-a", "iat": int(time.time())}, SECRET, algorithm="HS512")
    response = _get(token)
    assert response.status_code == 401
    assert response.json()["code"].startswith("jwt-")


def test_client_id_falls_back_to_iss(registered):
    token = jwt.encode({"iss": "client-a", "iat": int(time.time())}, SECRET, algorithm="HS256")
    assert _get(token).status_code == 200


def test_expired_exp_claim_is_401(registered):
    token = jwt.encode(
        {"client_id": "client-a", "iat": int(time.time()) - 100, "exp": int(time.time()) - 50},
        SECRET,
        "HS256",
    )
    _assert_problem(_get(token), 401, "jwt-expiredsignatureerror")


def test_iat_in_the_future_beyond_leeway_is_401(registered, settings):
    settings.JWT_LEEWAY = 5
    _assert_problem(
        _get(make_token("client-a", SECRET, iat=int(time.time()) + 3600)), 401, "jwt-immaturesignatureerror"
    )


def test_iat_in_the_future_within_leeway_is_accepted(registered, settings):
    settings.JWT_LEEWAY = 30
    assert _get(make_token("client-a", SECRET, iat=int(time.time()) + 10)).status_code == 200


def test_max_age_rejects_old_tokens(registered, settings):
    settings.JWT_MAX_AGE = 60
    settings.JWT_LEEWAY = 0
    _assert_problem(_get(make_token("client-a", SECRET, iat=int(time.time()) - 120)), 401, "jwt-expired")
    assert _get(make_token("client-a", SECRET, iat=int(time.time()) - 10)).status_code == 200


def test_without_max_age_old_tokens_are_accepted(registered, settings):
    settings.JWT_MAX_AGE = 0
    assert _get(make_token("client-a", SECRET, iat=int(time.time()) - 86400 * 30)).status_code == 200


def test_known_credential_without_applicatie_is_403(db):
    services.set_client_credential("orphan", SECRET)
    _assert_problem(_get(make_token("orphan", SECRET)), 403, "permission_denied")


def test_secret_change_takes_effect_immediately(registered):
    token = make_token("client-a", SECRET)
    assert _get(token).status_code == 200
    services.set_client_credential("client-a", "a-completely-new-secret-of-good-length")
    _assert_problem(_get(token), 401, "invalid-jwt-signature")
