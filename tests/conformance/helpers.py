"""Shared helpers for the per-rule conformance tests: minimal request bodies (newest OAS required fields only)."""

from __future__ import annotations

from tests.zaken.conftest import RSIN, cat_url, post

AC = "/autorisaties/api/v1"
BRC = "/besluiten/api/v1"
CAT = "/catalogi/api/v1"
DRC = "/documenten/api/v1"
NRC = "/notificaties/api/v1"
ZRC = "/zaken/api/v1"


def codes(response) -> set[tuple[str, str]]:
    """The (name, code) pairs of a Problem-JSON answer's invalidParams."""
    return {(p["name"], p["code"]) for p in response.json().get("invalidParams", [])}


def path(url: str) -> str:
    return url.replace("http://testserver", "")


def minimal_zaak(client, zaaktype, **extra):
    """Zaken 1.7.0 ZaakRequest: bronorganisatie, verantwoordelijkeOrganisatie, startdatum, zaaktype."""
    body = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "startdatum": "2024-03-01",
        "zaaktype": cat_url("zaaktypen", zaaktype),
        **extra,
    }
    return post(client, "zaken", body)


def minimal_document(client, iotype_url: str, **extra):
    """Documenten 1.7.0 EnkelvoudigInformatieObjectCreateLockRequest: bronorganisatie, creatiedatum, titel, auteur,
    taal, informatieobjecttype."""
    body = {
        "bronorganisatie": RSIN,
        "creatiedatum": "2024-05-01",
        "titel": "Brief",
        "auteur": "Ambtenaar",
        "taal": "dut",
        "informatieobjecttype": iotype_url,
        **extra,
    }
    return client.post(f"{DRC}/enkelvoudiginformatieobjecten", body, format="json")
