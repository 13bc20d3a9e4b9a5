"""Run inside the zgw-consumers project (``consumer_settings``): register the six APIs as ``Service`` rows, check
their connections and walk the shared zaak flow through ``zgw_consumers.client.build_client``.

    python -m tests.clients.consumer_flow check|flow BASE_URL CLIENT_ID SECRET

Prints one JSON object on stdout; any failure is an exception and a non-zero exit.
"""

from __future__ import annotations

import datetime
import json
import os
import sys

APIS = {
    "ac": "autorisaties",
    "ztc": "catalogi",
    "zrc": "zaken",
    "drc": "documenten",
    "brc": "besluiten",
    "nrc": "notificaties",
}
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


def setup_services(base_url: str, client_id: str, secret: str) -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from zgw_consumers.constants import APITypes, AuthTypes
    from zgw_consumers.models import Service

    services = {}
    for api_type, api in APIS.items():
        services[api] = Service.objects.create(
            label=f"{api} API",
            slug=api,
            api_type=getattr(APITypes, api_type),
            api_root=f"{base_url}/{api}/api/v1/",
            auth_type=AuthTypes.zgw,
            client_id=client_id,
            secret=secret,
            user_id="consumer",
            user_representation="zgw-consumers",
        )
    return services


class ConsumerAdapter:
    """The flow's verbs on zgw-consumers' ape-pie clients (paths relative to each Service's API root)."""

    def __init__(self, services: dict):
        from zgw_consumers.client import build_client
        from zgw_consumers.models import Service

        self.clients = {api: build_client(service) for api, service in services.items()}
        # the consumer finds the service for a URL it was given, as an integration does with stored URLs
        self.service_for = Service.get_service

    def _client(self, resource: str):
        from tests.clients.flow import RESOURCES

        return self.clients[RESOURCES[resource][0]], RESOURCES[resource][1]

    def _by_url(self, url: str):
        service = self.service_for(url)
        assert service is not None, f"no Service for {url}"
        return self.clients[service.slug]

    @staticmethod
    def _json(response, status: int) -> dict:
        assert response.status_code == status, (response.request.method, response.url, response.text[:1000])
        return response.json()

    def create(self, resource: str, body: dict) -> dict:
        client, path = self._client(resource)
        return self._json(client.post(path, json=body, headers=CRS), 201)

    def retrieve(self, resource: str, url: str) -> dict:
        return self._json(self._by_url(url).get(url, headers=CRS), 200)

    def list(self, resource: str, params: dict) -> dict:
        client, path = self._client(resource)
        return self._json(client.get(path, params=params, headers=CRS), 200)

    def partial_update(self, resource: str, url: str, body: dict) -> dict:
        return self._json(self._by_url(url).patch(url, json=body, headers=CRS), 200)

    def publish(self, resource: str, url: str) -> dict:
        return self._json(self._by_url(url).post(f"{url}/publish"), 200)

    def search(self, resource: str, body: dict) -> dict:
        client, path = self._client(resource)
        return self._json(client.post(f"{path}/_zoek", json=body, headers=CRS), 200)


def run_flow(base_url: str, services: dict) -> dict:
    from zgw_consumers.api_models.base import factory
    from zgw_consumers.api_models.besluiten import Besluit
    from zgw_consumers.api_models.catalogi import ZaakType
    from zgw_consumers.api_models.documenten import Document
    from zgw_consumers.api_models.zaken import Resultaat, Rol, Status, Zaak, ZaakInformatieObject

    from tests.clients.flow import run_zaak_flow

    made = run_zaak_flow(ConsumerAdapter(services), base_url).objects
    # the library's own data models parse what the server answers (dates, datetimes, durations, UUIDs)
    zaak = factory(Zaak, made["closed"])
    zaaktype = factory(ZaakType, made["zaaktype"])
    parsed = {
        "zaak": zaak,
        "zaaktype": zaaktype,
        "status": factory(Status, made["eindstatus"]),
        "rol": factory(Rol, made["rol"]),
        "resultaat": factory(Resultaat, made["resultaat"]),
        "zio": factory(ZaakInformatieObject, made["zaakinformatieobject"]),
        "document": factory(Document, made["enkelvoudiginformatieobject"]),
        "besluit": factory(Besluit, made["besluit"]),
    }
    return {
        "zaak_uuid": str(zaak.uuid),
        "einddatum": zaak.einddatum.isoformat(),
        "status_datum": parsed["status"].datum_status_gezet.astimezone(datetime.UTC).isoformat(),
        "zaaktype_doorlooptijd_days": zaaktype.doorlooptijd.days,
        "document_creatiedatum": parsed["document"].creatiedatum.isoformat(),
        "besluit_datum": parsed["besluit"].datum.isoformat(),
        "zaak_url": made["zaak"]["url"],
    }


def main(argv: list[str]) -> int:
    mode, base_url, client_id, secret = argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.clients.consumer_settings")
    import django

    django.setup()
    services = setup_services(base_url.rstrip("/"), client_id, secret)
    if mode == "check":
        result = {api: service.connection_check for api, service in services.items()}
    else:
        result = run_flow(base_url.rstrip("/"), services)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
