"""Issue 18 §3: the browsable API for a logged-in admin user, HTML errors for browsers, Problem-JSON for clients."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what Chromium sends for a page


@pytest.fixture
def staff_browser() -> Client:
    user = get_user_model().objects.create_user("lezer", password="x-lezer-123", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.fixture
def superuser_browser() -> Client:
    user = get_user_model().objects.create_superuser("beheer", "b@example.com", "x-beheer-123")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_staff_session_reads_the_browsable_api_as_html(staff_browser):
    response = staff_browser.get("/catalogi/api/v1/catalogussen", HTTP_ACCEPT=HTML)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"Catalogussen" in response.content or b"catalogussen" in response.content


def test_staff_session_gets_json_when_asking_for_json(staff_browser):
    response = staff_browser.get("/catalogi/api/v1/catalogussen", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 0


def test_staff_session_is_read_only(staff_browser):
    staff_browser.get("/admin/")  # sets the CSRF cookie like a browser visit would
    token = staff_browser.cookies["csrftoken"].value
    response = staff_browser.post(
        "/catalogi/api/v1/catalogussen",
        {"domein": "ABC", "rsin": "002564440", "contactpersoonBeheerNaam": "X"},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_superuser_session_writes_with_a_csrf_token(superuser_browser):
    superuser_browser.get("/admin/")
    token = superuser_browser.cookies["csrftoken"].value
    body = {"domein": "ABC", "rsin": "002564440", "contactpersoonBeheerNaam": "X"}
    without = superuser_browser.post(
        "/catalogi/api/v1/catalogussen", body, content_type="application/json", HTTP_ACCEPT="application/json"
    )
    assert without.status_code == 403  # CSRF still guards a session write
    response = superuser_browser.post(
        "/catalogi/api/v1/catalogussen",
        body,
        content_type="application/json",
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201, response.content


def test_anonymous_browser_gets_a_401_page_in_html():
    response = Client().get("/zaken/api/v1/zaken", HTTP_ACCEPT=HTML)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("text/html")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"not_authenticated" in response.content


def test_api_client_errors_stay_problem_json(anonymous_client):
    response = anonymous_client.get("/zaken/api/v1/zaken")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"


def test_non_staff_session_is_not_authenticated():
    user = get_user_model().objects.create_user("burger", password="x-burger-123")
    client = Client()
    client.force_login(user)
    assert client.get("/zaken/api/v1/zaken", HTTP_ACCEPT="application/json").status_code == 401


def test_browser_zaken_list_defaults_accept_crs(staff_browser):
    response = staff_browser.get("/zaken/api/v1/zaken", HTTP_ACCEPT=HTML)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Crs"] == "EPSG:4326"


def test_api_client_zaken_list_keeps_the_412(staff_browser, superuser_client):
    assert superuser_client.get("/zaken/api/v1/zaken").status_code == 412
    response = staff_browser.get("/zaken/api/v1/zaken", HTTP_ACCEPT="application/json")
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"


def test_django_level_404_is_html_for_a_browser_and_problem_json_for_a_client(staff_browser):
    html = staff_browser.get("/zaken/api/v1/zaken/geen-uuid", HTTP_ACCEPT=HTML)
    assert html.status_code == 404
    assert html["Content-Type"].startswith("text/html")
    assert b"problem-title" in html.content
    api = staff_browser.get("/zaken/api/v1/zaken/geen-uuid", HTTP_ACCEPT="application/json")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["code"] == "not_found"


def test_landing_page_links_the_apis_and_the_admin():
    response = Client().get("/")
    assert response.status_code == 200
    content = response.content.decode()
    for api in ("catalogi", "zaken", "documenten", "besluiten", "autorisaties", "notificaties"):
        assert f'href="/{api}/api/v1/"' in content
        assert f'href="/{api}/api/v1/schema/"' in content
        assert f'href="/{api}/api/v1/schema/redoc/"' in content
    assert 'href="/admin/"' in content
