"""Create a zaak through the Zaken API (for the end-to-end notification test, once the Zaken API is in)."""

from __future__ import annotations

from tests.catalogi.conftest import make_zaaktype
from zgw.catalogi import models as catalogi

CRS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}


def create_zaak(client) -> dict:
    catalogus = catalogi.Catalogus.objects.create(domein="NRC", rsin="002564440", contactpersoon_beheer_naam="Beheer")
    zaaktype = make_zaaktype(catalogus, concept=False, identificatie="NRC-ZT")
    body = {
        "bronorganisatie": "002564440",
        "verantwoordelijkeOrganisatie": "002564440",
        "zaaktype": f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}",
        "startdatum": "2024-02-01",
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    response = client.post("/zaken/api/v1/zaken", body, format="json", **CRS)
    assert response.status_code == 201, response.content
    return response.json()
