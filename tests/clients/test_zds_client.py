"""gemma-zds-client against the live server: each API from its documented root, then the whole zaak flow.

The client is used as its documentation says: ``Client(api_root=<API root>, auth=ClientAuth(...))`` with its default
schema location, operations found by operationId in the served schema, required headers (``Accept-Crs``,
``Content-Crs``) taken from the schema. The one setting given is ``operation_suffix_mapping``: the client's default
names retrieve/delete ``<resource>_read``/``<resource>_delete``, the official Zaken, Catalogi and Documenten
documents (and so ours) name them ``<resource>_retrieve``/``<resource>_destroy`` (Autorisaties, Besluiten and
Notificaties 1.0 keep ``_read``/``_delete``); that mapping is what the setting exists for.
"""

from __future__ import annotations

import pytest
from zds_client import Client, ClientAuth
from zds_client.oas import schema_fetcher
from zds_client.schema import get_operation_url

from .conftest import APIS, LiveZGW
from .flow import RESOURCES, run_zaak_flow, uuid_of

pytestmark = pytest.mark.django_db(transaction=True)

ZGW_OPERATION_SUFFIXES = {
    "list": "_list",
    "retrieve": "_retrieve",
    "create": "_create",
    "update": "_update",
    "partial_update": "_partial_update",
    "delete": "_destroy",
}

# per API a list operation and the collection it lists
LIST_OPERATION = {
    "autorisaties": ("applicatie", "applicaties"),
    "catalogi": ("catalogus", "catalogussen"),
    "zaken": ("zaak", "zaken"),
    "documenten": ("enkelvoudiginformatieobject", "enkelvoudiginformatieobjecten"),
    "besluiten": ("besluit", "besluiten"),
    "notificaties": ("kanaal", "kanaal"),
}


@pytest.fixture(autouse=True)
def _fresh_schema_cache():
    # the client keeps fetched schemas in a module-level cache keyed by URL; every test fetches from its server
    schema_fetcher.cache.clear()
    yield
    schema_fetcher.cache.clear()


def zds_client(live: LiveZGW, api: str) -> Client:
    return Client(
        api_root=live.root(api),
        auth=ClientAuth(client_id=live.client_id, secret=live.secret, user_id="zds", user_representation="ZDS"),
        # Autorisaties and Notificaties 1.0 keep the client's own _read/_delete names
        **(
            {}
            if api in ("autorisaties", "notificaties")
            else {"operation_suffix_mapping": dict(ZGW_OPERATION_SUFFIXES)}
        ),
    )


@pytest.mark.parametrize("api", APIS)
def test_each_api_from_its_documented_root(zgw_live, api):
    client = zds_client(zgw_live, api)
    schema = client.schema  # fetched from the default location: the API root itself
    assert schema["openapi"].startswith("3.0")
    resource, collection = LIST_OPERATION[api]
    url = get_operation_url(schema, f"{resource}_list", base_url=client.api_root)
    assert url == f"/{api}/api/v1/{collection}"
    answer = client.list(resource)
    assert isinstance(answer, (dict, list))


class ZdsAdapter:
    """The flow's verbs on gemma-zds-client, one client per API."""

    def __init__(self, live: LiveZGW):
        self.clients = {api: zds_client(live, api) for api in ("catalogi", "zaken", "documenten", "besluiten")}

    def _client(self, resource: str) -> Client:
        return self.clients[RESOURCES[resource][0]]

    def create(self, resource: str, body: dict) -> dict:
        return self._client(resource).create(resource, body)

    def retrieve(self, resource: str, url: str) -> dict:
        return self._client(resource).retrieve(resource, url=url)

    def list(self, resource: str, params: dict) -> dict:
        return self._client(resource).list(resource, params=params)

    def partial_update(self, resource: str, url: str, body: dict) -> dict:
        return self._client(resource).partial_update(resource, body, url=url)

    def publish(self, resource: str, url: str) -> dict:
        return self._client(resource).operation(f"{resource}_publish", {}, uuid=uuid_of(url))

    def search(self, resource: str, body: dict) -> dict:
        return self._client(resource).operation(f"{resource}__zoek", body)


def test_zaak_flow(zgw_live):
    made = run_zaak_flow(ZdsAdapter(zgw_live), zgw_live.base_url)
    # the client resolved every URL from the schema: what it created lives under the documented roots
    assert made.objects["zaak"]["url"].startswith(zgw_live.root("zaken") + "zaken/")
    assert made.objects["besluit"]["url"].startswith(zgw_live.root("besluiten") + "besluiten/")
