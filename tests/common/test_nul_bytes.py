"""Found by the deeper seeded fuzz (issue 19): a NUL byte in a query parameter or a body string reached PostgreSQL
(``text fields cannot contain NUL``) and was answered 500. A value the database refuses is bad input: 400."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL refuses NUL bytes; SQLite stores them"),
]


def test_nul_byte_in_a_query_parameter_is_400(superuser_client):
    response = superuser_client.get("/autorisaties/api/v1/applicaties/consumer", {"clientId": "a\x00b"})
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")


def test_nul_byte_in_a_body_string_is_400(superuser_client):
    body = {"domein": "A\x00", "rsin": "002564440", "contactpersoonBeheerNaam": "Beheer\x00"}
    response = superuser_client.post("/catalogi/api/v1/catalogussen", body, format="json")
    assert response.status_code == 400, response.content
