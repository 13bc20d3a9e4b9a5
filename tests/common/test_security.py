"""docs/security.md: admin login lockout (django-axes) and CORS from CORS_ALLOWED_ORIGINS."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_out_after_repeated_failures():
    get_user_model().objects.create_superuser("beheer", "b@example.com", "juist-wachtwoord-123")
    client = Client()
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "beheer", "password": "fout"})
        assert response.status_code in (200, 429)
    locked = client.post("/admin/login/", {"username": "beheer", "password": "juist-wachtwoord-123"})
    assert locked.status_code == 429  # even the right password is refused while locked out
    assert "_auth_user_id" not in client.session
    # another user name from the same address is not locked
    get_user_model().objects.create_superuser("ander", "a@example.com", "ander-wachtwoord-123")
    other = client.post("/admin/login/", {"username": "ander", "password": "ander-wachtwoord-123"})
    assert other.status_code == 302


@override_settings(CORS_ALLOWED_ORIGINS=["https://zaken.gemeente.example"])
def test_cors_preflight_allows_a_configured_origin_with_the_zgw_headers(anonymous_client):
    response = anonymous_client.options(
        "/zaken/api/v1/zaken",
        HTTP_ORIGIN="https://zaken.gemeente.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, accept-crs",
    )
    assert response["Access-Control-Allow-Origin"] == "https://zaken.gemeente.example"
    allowed = response["Access-Control-Allow-Headers"].lower()
    assert "accept-crs" in allowed and "authorization" in allowed


def test_cors_is_closed_by_default(anonymous_client):
    response = anonymous_client.get("/zaken/api/v1/zaken", HTTP_ORIGIN="https://elders.example")
    assert "Access-Control-Allow-Origin" not in response
