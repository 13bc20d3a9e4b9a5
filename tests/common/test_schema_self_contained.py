"""Every served OpenAPI document is self-contained: no ``$ref`` to another host or file, every local one resolves."""

from __future__ import annotations

import pytest

APIS = ["autorisaties", "catalogi", "zaken", "documenten", "besluiten", "notificaties"]


def _refs(node, found):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            found.append(node["$ref"])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def _resolve(document: dict, ref: str):
    node = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


@pytest.mark.parametrize("api", APIS)
def test_served_document_is_self_contained(anonymous_client, db, api):
    document = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json").json()
    refs = _refs(document, [])
    assert refs
    assert [ref for ref in refs if not ref.startswith("#/")] == []
    for ref in set(refs):
        assert isinstance(_resolve(document, ref), dict), ref


@pytest.mark.parametrize(
    "api,component", [("zaken", "ZaakType"), ("zaken", "StatusType"), ("documenten", "InformatieObjectType")]
)
def test_expand_payloads_use_the_catalogi_components(anonymous_client, db, api, component):
    document = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json").json()
    catalogi = anonymous_client.get("/catalogi/api/v1/schema/openapi.json").json()
    assert document["components"]["schemas"][component]["properties"].keys() == (
        catalogi["components"]["schemas"][component]["properties"].keys()
    )
