"""Each API root answers without a token: links to its collections and schema, or the schema (content negotiation)."""

from __future__ import annotations

import json

import pytest
import yaml

APIS = {
    "autorisaties": "applicaties",
    "catalogi": "zaaktypen",
    "zaken": "zaken",
    "documenten": "enkelvoudiginformatieobjecten",
    "besluiten": "besluiten",
    "notificaties": "kanaal",
}


@pytest.mark.parametrize("api,collection", APIS.items())
def test_api_root_links_to_collections_and_schema(anonymous_client, db, api, collection):
    response = anonymous_client.get(f"/{api}/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    links = response.json()
    root = f"http://testserver/{api}/api/v1/"
    assert links[collection] == f"{root}{collection}"
    assert links["schema"] == f"{root}schema/openapi.yaml"
    assert all(url.startswith(root) and "(" not in url for url in links.values())
    assert "openapi" not in links


@pytest.mark.parametrize("api", APIS)
def test_api_root_answers_head(anonymous_client, db, api):
    assert anonymous_client.head(f"/{api}/api/v1/").status_code == 200
    assert anonymous_client.head(f"/{api}/api/v1/", HTTP_ACCEPT="application/json").status_code == 200


@pytest.mark.parametrize("api,collection", APIS.items())
def test_api_root_without_accept_is_links_and_schema(anonymous_client, db, api, collection):
    """gemma-zds-client loads its schema from the API root (plain GET); DRF-root readers find their links."""
    response = anonymous_client.get(f"/{api}/api/v1/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)  # what gemma-zds-client's schema fetcher does
    assert document["openapi"].startswith("3.0")
    assert document["servers"] == [{"url": f"/{api}/api/v1"}]
    assert f"/{collection}" in document["paths"]
    assert json.loads(response.content)[collection] == f"http://testserver/{api}/api/v1/{collection}"


@pytest.mark.parametrize(
    "accept,content_type", [("application/vnd.oai.openapi", "yaml"), ("application/vnd.oai.openapi+json", "json")]
)
def test_api_root_serves_the_pure_schema_on_request(anonymous_client, db, accept, content_type):
    response = anonymous_client.get("/zaken/api/v1/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == accept
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.0") and "zaken" not in document
    assert document == anonymous_client.get("/zaken/api/v1/schema/openapi.json").json()


def test_api_root_in_a_browser_and_406(anonymous_client, db):
    assert anonymous_client.get("/zaken/api/v1/", HTTP_ACCEPT="text/html").status_code == 200
    refused = anonymous_client.get("/zaken/api/v1/", HTTP_ACCEPT="image/png")
    assert refused.status_code == 406


def test_gemma_zds_client_default_schema_location(live_server, db):
    """The client as documented: Client(api_root=...) fetches the schema from the API root and builds list URLs."""
    from zds_client import Client
    from zds_client.oas import schema_fetcher
    from zds_client.schema import get_operation_url

    schema_fetcher.cache.clear()
    try:
        client = Client(api_root=f"{live_server.url}/catalogi/api/v1/")
        schema = client.schema
        assert schema["openapi"].startswith("3.0")
        assert get_operation_url(schema, "catalogus_list", base_url=client.api_root) == "/catalogi/api/v1/catalogussen"
    finally:
        schema_fetcher.cache.clear()
