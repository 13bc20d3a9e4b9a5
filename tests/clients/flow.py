"""The zaak flow that every real client in this folder walks, written once over a small adapter.

A client library plugs in through :class:`Adapter`: six verbs on a resource named as in the official
operationIds (``zaak``, ``zaaktype``, ...). The flow sends complete request bodies (every field the pinned and
newest OAS list as required, and the optional ones a real integration fills), so it does not depend on which write
fields the server happens to treat as optional.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

RSIN = "002564440"
# the built-in Referentielijsten API of the server under test answers these (see tests/catalogi/conftest.py)
PROCESTYPE = "referentielijsten/api/v1/procestypen/bd1ec0a0-0ecd-4046-8372-dcb6bdfda891"
RESULTAAT = "referentielijsten/api/v1/resultaten/e2068367-1012-4795-984e-72901180ff80"
RTO_AFGEWEZEN = "referentielijsten/api/v1/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7"
CONTENT = b"%PDF-1.4 brief aan de aanvrager\n"

# resource (operationId prefix) -> (api, collection path relative to the API root)
RESOURCES: dict[str, tuple[str, str]] = {
    "catalogus": ("catalogi", "catalogussen"),
    "zaaktype": ("catalogi", "zaaktypen"),
    "statustype": ("catalogi", "statustypen"),
    "roltype": ("catalogi", "roltypen"),
    "resultaattype": ("catalogi", "resultaattypen"),
    "informatieobjecttype": ("catalogi", "informatieobjecttypen"),
    "zaakinformatieobjecttype": ("catalogi", "zaaktype-informatieobjecttypen"),
    "besluittype": ("catalogi", "besluittypen"),
    "zaak": ("zaken", "zaken"),
    "status": ("zaken", "statussen"),
    "rol": ("zaken", "rollen"),
    "resultaat": ("zaken", "resultaten"),
    "zaakinformatieobject": ("zaken", "zaakinformatieobjecten"),
    "enkelvoudiginformatieobject": ("documenten", "enkelvoudiginformatieobjecten"),
    "besluit": ("besluiten", "besluiten"),
}


class Adapter(Protocol):
    """What a client library must offer the flow; each returns the decoded JSON answer (and checks its status)."""

    def create(self, resource: str, body: dict) -> dict: ...

    def retrieve(self, resource: str, url: str) -> dict: ...

    def list(self, resource: str, params: dict) -> dict: ...

    def partial_update(self, resource: str, url: str, body: dict) -> dict: ...

    def publish(self, resource: str, url: str) -> dict: ...

    def search(self, resource: str, body: dict) -> dict: ...


@dataclass
class FlowResult:
    """Everything the flow made, by resource name, for the caller's own extra checks."""

    objects: dict[str, Any] = field(default_factory=dict)


def uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def run_zaak_flow(client: Adapter, base_url: str) -> FlowResult:
    """Catalogus and published types, then a zaak through to its eindstatus; asserts what a client would rely on."""
    base_url = base_url.rstrip("/")
    tag = uuid.uuid4().hex[:8]
    made = FlowResult()
    o = made.objects

    o["catalogus"] = client.create(
        "catalogus",
        {
            "domein": tag[:5].upper(),
            "rsin": RSIN,
            "contactpersoonBeheerNaam": "Beheer",
            "contactpersoonBeheerTelefoonnummer": "0612345678",
            "contactpersoonBeheerEmailadres": "beheer@example.com",
        },
    )
    catalogus = o["catalogus"]["url"]

    o["informatieobjecttype"] = client.create(
        "informatieobjecttype",
        {
            "catalogus": catalogus,
            "omschrijving": f"Brief {tag}",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "brief",
            "beginGeldigheid": "2024-01-01",
        },
    )
    iot = o["informatieobjecttype"]["url"]
    client.publish("informatieobjecttype", iot)

    o["besluittype"] = client.create(
        "besluittype",
        {
            "catalogus": catalogus,
            "omschrijving": f"Toekenning {tag}",
            "omschrijvingGeneriek": "toekenning",
            "besluitcategorie": "beschikking",
            "reactietermijn": "P14D",
            "publicatieIndicatie": False,
            "informatieobjecttypen": [iot],
            "zaaktypen": [],
            "beginGeldigheid": "2024-01-01",
        },
    )
    besluittype = o["besluittype"]["url"]
    client.publish("besluittype", besluittype)

    o["zaaktype"] = client.create(
        "zaaktype",
        {
            "identificatie": f"ZT-{tag}",
            "omschrijving": "Aanvraag vergunning",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Vergunningen verlenen",
            "aanleiding": "Een aanvraag",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "aanvragen",
            "onderwerp": "Vergunning",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P30D",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": ["https://example.com/product/vergunning"],
            "referentieproces": {"naam": "vergunning"},
            "verantwoordelijke": "Team vergunningen",
            "catalogus": catalogus,
            "besluittypen": [besluittype],
            "deelzaaktypen": [],
            "gerelateerdeZaaktypen": [],
            "selectielijstProcestype": f"{base_url}/{PROCESTYPE}",
            "beginGeldigheid": "2024-01-01",
            "versiedatum": "2024-01-01",
        },
    )
    zaaktype = o["zaaktype"]["url"]
    o["statustypen"] = [
        client.create(
            "statustype",
            {"zaaktype": zaaktype, "omschrijving": omschrijving, "volgnummer": volgnummer, "informeren": False},
        )
        for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld"))
    ]
    o["roltype"] = client.create(
        "roltype", {"zaaktype": zaaktype, "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}
    )
    o["resultaattype"] = client.create(
        "resultaattype",
        {
            "zaaktype": zaaktype,
            "omschrijving": "Geweigerd",
            "resultaattypeomschrijving": f"{base_url}/{RTO_AFGEWEZEN}",
            "selectielijstklasse": f"{base_url}/{RESULTAAT}",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            "besluittypen": [],
        },
    )
    o["zaakinformatieobjecttype"] = client.create(
        "zaakinformatieobjecttype",
        {"zaaktype": zaaktype, "informatieobjecttype": iot, "volgnummer": 1, "richting": "uitgaand"},
    )
    client.publish("zaaktype", zaaktype)
    published = client.retrieve("zaaktype", zaaktype)
    assert published["concept"] is False, published
    assert len(published["statustypen"]) == 2

    point = {"type": "Point", "coordinates": [5.12, 52.09]}
    o["zaak"] = client.create(
        "zaak",
        {
            "zaaktype": zaaktype,
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "omschrijving": f"Aanvraag {tag}",
            "startdatum": "2024-03-01",
            "vertrouwelijkheidaanduiding": "openbaar",
            "zaakgeometrie": point,
        },
    )
    zaak = o["zaak"]["url"]
    o["status"] = client.create(
        "status",
        {
            "zaak": zaak,
            "statustype": o["statustypen"][0]["url"],
            "datumStatusGezet": "2024-03-01T09:00:00Z",
            "statustoelichting": "Aanvraag ontvangen",
        },
    )
    o["rol"] = client.create(
        "rol",
        {
            "zaak": zaak,
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": o["roltype"]["url"],
            "roltoelichting": "aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": "111222333", "geslachtsnaam": "Jansen"},
        },
    )
    assert o["rol"]["omschrijvingGeneriek"] == "initiator"
    o["enkelvoudiginformatieobject"] = client.create(
        "enkelvoudiginformatieobject",
        {
            "bronorganisatie": RSIN,
            "creatiedatum": "2024-03-02",
            "titel": "Ontvangstbevestiging",
            "auteur": "Team vergunningen",
            "taal": "nld",
            "vertrouwelijkheidaanduiding": "openbaar",
            "formaat": "application/pdf",
            "bestandsnaam": "ontvangst.pdf",
            "inhoud": base64.b64encode(CONTENT).decode(),
            "informatieobjecttype": iot,
            "indicatieGebruiksrecht": False,  # zrc-007: every document of a closing zaak has it set
        },
    )
    document = o["enkelvoudiginformatieobject"]["url"]
    assert o["enkelvoudiginformatieobject"]["bestandsomvang"] == len(CONTENT)
    o["zaakinformatieobject"] = client.create(
        "zaakinformatieobject", {"zaak": zaak, "informatieobject": document, "titel": "Ontvangstbevestiging"}
    )
    o["besluit"] = client.create(
        "besluit",
        {
            "verantwoordelijkeOrganisatie": RSIN,
            "besluittype": besluittype,
            "zaak": zaak,
            "datum": "2024-03-05",
            "ingangsdatum": "2024-03-06",
            "toelichting": "Aanvraag geweigerd",
        },
    )
    o["resultaat"] = client.create(
        "resultaat", {"zaak": zaak, "resultaattype": o["resultaattype"]["url"], "toelichting": "Geweigerd"}
    )
    o["eindstatus"] = client.create(
        "status",
        {"zaak": zaak, "statustype": o["statustypen"][1]["url"], "datumStatusGezet": "2024-03-07T16:00:00Z"},
    )
    o["patched"] = client.partial_update("zaak", zaak, {"toelichting": "Afgehandeld via de client"})
    assert o["patched"]["toelichting"] == "Afgehandeld via de client"

    closed = client.retrieve("zaak", zaak)
    o["closed"] = closed
    assert closed["einddatum"] == "2024-03-07", closed
    assert closed["status"] == o["eindstatus"]["url"]
    assert closed["resultaat"] == o["resultaat"]["url"]
    assert closed["archiefnominatie"], closed

    listing = client.list("zaak", {"zaaktype": zaaktype, "identificatie": closed["identificatie"]})
    assert listing["count"] == 1 and listing["results"][0]["url"] == zaak, listing
    zios = client.list("zaakinformatieobject", {"zaak": zaak})
    zios = zios["results"] if isinstance(zios, dict) else zios
    assert [z["informatieobject"] for z in zios] == [document]

    around = {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.0], [5.3, 52.0], [5.3, 52.2], [5.0, 52.2], [5.0, 52.0]]],
    }
    found = client.search("zaak", {"zaakgeometrie": {"within": around}, "zaaktype": zaaktype})
    assert [z["url"] for z in found["results"]] == [zaak], found
    elsewhere = {
        "type": "Polygon",
        "coordinates": [[[4.0, 51.0], [4.1, 51.0], [4.1, 51.1], [4.0, 51.1], [4.0, 51.0]]],
    }
    assert client.search("zaak", {"zaakgeometrie": {"within": elsewhere}, "zaaktype": zaaktype})["count"] == 0
    return made
