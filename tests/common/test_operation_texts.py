"""Every operation of every served document has a summary and a description for the API's users."""

from __future__ import annotations

from importlib import import_module

import pytest

APIS = ["autorisaties", "catalogi", "zaken", "documenten", "besluiten", "notificaties"]
JARGON = ("shared flow", "service", "serializer", "→", "viewset", "selector", "queryset", "get (and head)")


@pytest.mark.parametrize("api", APIS)
def test_every_operation_has_a_user_summary_and_description(anonymous_client, db, api):
    document = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json").json()
    texts = import_module(f"zgw.{api}.api.operations").OPERATIONS
    operations = [op for item in document["paths"].values() for op in item.values() if "operationId" in op]
    assert operations
    for operation in operations:
        summary, description = texts[operation["operationId"]]
        assert operation["summary"] == summary and summary.strip()
        assert operation["description"].startswith(description) and description.strip()
        for text in (operation["summary"], operation["description"]):
            assert not any(word in text.lower() for word in JARGON), (operation["operationId"], text)


def test_description_names_scopes_and_rules(anonymous_client, db):
    document = anonymous_client.get("/zaken/api/v1/schema/openapi.json").json()
    create = document["paths"]["/statussen"]["post"]
    assert "zrc-016" in create["description"] and "`zaken.statussen.toevoegen`" in create["description"]
