"""A published demo catalogus with one realistic zaaktype, for the quickstart (idempotent).

The selectielijst references point at the built-in Referentielijsten API under ``base_url`` (bundled data of
procestype 8 "Voorzieningen verstrekken").
"""

from __future__ import annotations

import datetime

from django.db import transaction

from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)

DEMO_DOMEIN = "DEMO"
DEMO_RSIN = "002564440"
ZAAKTYPE_IDENTIFICATIE = "DEMO-VOORZIENING"
PROCESTYPE = "bd1ec0a0-0ecd-4046-8372-dcb6bdfda891"  # 8 Voorzieningen verstrekken
RESULTATEN = [
    # omschrijving, selectielijst resultaat (procestermijn nihil), resultaattypeomschrijving
    (
        "Toegekend",
        "d97defa2-764f-402c-b3d7-b8db60ae340b",
        "fb65d251-1518-4185-865f-b8bdcfad07b1",
        "vernietigen",
        "P15Y",
    ),
    ("Afgewezen", "e2068367-1012-4795-984e-72901180ff80", "e6a0c939-3404-45b0-88e3-76c94fb80ea7", "vernietigen", "P5Y"),
    (
        "Ingetrokken",
        "a3388f94-be2c-440d-a03a-dd31f42bf0bd",
        "a6a0bd73-262a-401a-b629-9c4a908c69b5",
        "vernietigen",
        "P1Y",
    ),
]
STATUSSEN = [(1, "Ontvangen"), (2, "In behandeling"), (3, "Afgehandeld")]
ROLLEN = [("Aanvrager", "initiator"), ("Behandelaar", "behandelaar"), ("Beslisser", "beslisser")]


def _url(base_url: str, collection: str, obj) -> str:
    return f"{base_url}/catalogi/api/v1/{collection}/{obj.uuid}"


@transaction.atomic
def create_demo_catalogus(base_url: str) -> dict:
    """Create (or find) the demo catalogus and answer the URLs of what it holds."""
    base_url = base_url.rstrip("/")
    refs = f"{base_url}/referentielijsten/api/v1"
    begin = datetime.date(2024, 1, 1)
    catalogus, _ = Catalogus.objects.get_or_create(
        domein=DEMO_DOMEIN,
        rsin=DEMO_RSIN,
        defaults={"contactpersoon_beheer_naam": "Demo beheerder", "naam": "Demo catalogus", "versie": "1"},
    )
    iot, _ = InformatieObjectType.objects.get_or_create(
        catalogus=catalogus,
        omschrijving="Aanvraag",
        defaults={
            "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            "informatieobjectcategorie": "Aanvraag",
            "datum_begin_geldigheid": begin,
            "concept": False,
        },
    )
    besluittype, _ = BesluitType.objects.get_or_create(
        catalogus=catalogus,
        omschrijving="Besluit op aanvraag voorziening",
        defaults={
            "publicatie_indicatie": False,
            "reactietermijn": "P6W",
            "datum_begin_geldigheid": begin,
            "concept": False,
        },
    )
    besluittype.informatieobjecttypen.add(iot)
    zaaktype = ZaakType.objects.filter(catalogus=catalogus, identificatie=ZAAKTYPE_IDENTIFICATIE).first()
    if zaaktype is None:
        zaaktype = ZaakType.objects.create(
            catalogus=catalogus,
            identificatie=ZAAKTYPE_IDENTIFICATIE,
            omschrijving="Aanvraag voorziening",
            vertrouwelijkheidaanduiding="zaakvertrouwelijk",
            doel="Een inwoner een voorziening verstrekken.",
            aanleiding="Een aanvraag van een inwoner.",
            indicatie_intern_of_extern="extern",
            handeling_initiator="Aanvragen",
            onderwerp="Voorziening",
            handeling_behandelaar="Behandelen",
            doorlooptijd_behandeling="P8W",
            servicenorm_behandeling="P6W",
            opschorting_en_aanhouding_mogelijk=True,
            verlenging_mogelijk=True,
            verlengingstermijn="P4W",
            trefwoorden=["demo", "voorziening"],
            publicatie_indicatie=False,
            producten_of_diensten=["https://example.com/producten/voorziening"],
            selectielijst_procestype=f"{refs}/procestypen/{PROCESTYPE}",
            selectielijst_procestype_jaar=2020,
            referentieproces_naam="Voorziening verstrekken",
            verantwoordelijke="Afdeling Zorg",
            versiedatum=begin,
            datum_begin_geldigheid=begin,
            concept=True,
        )
        statustypen = [
            StatusType.objects.create(zaaktype=zaaktype, volgnummer=nr, omschrijving=naam, datum_begin_geldigheid=begin)
            for nr, naam in STATUSSEN
        ]
        for omschrijving, generiek in ROLLEN:
            RolType.objects.create(
                zaaktype=zaaktype,
                omschrijving=omschrijving,
                omschrijving_generiek=generiek,
                datum_begin_geldigheid=begin,
            )
        for omschrijving, resultaat, rto, nominatie, termijn in RESULTATEN:
            resultaattype = ResultaatType.objects.create(
                zaaktype=zaaktype,
                omschrijving=omschrijving,
                resultaattypeomschrijving=f"{refs}/resultaattypeomschrijvingen/{rto}",
                omschrijving_generiek=omschrijving,
                selectielijstklasse=f"{refs}/resultaten/{resultaat}",
                archiefnominatie=nominatie,
                archiefactietermijn=termijn,
                brondatum_archiefprocedure_afleidingswijze="afgehandeld",
                datum_begin_geldigheid=begin,
            )
            resultaattype.besluittypen.add(besluittype)
        Eigenschap.objects.create(
            zaaktype=zaaktype,
            naam="aanvraagdatum",
            definitie="Datum van de aanvraag",
            formaat="datum",
            lengte="8",
            kardinaliteit="1",
            statustype=statustypen[0],
            datum_begin_geldigheid=begin,
        )
        Eigenschap.objects.create(
            zaaktype=zaaktype,
            naam="soort_voorziening",
            definitie="Soort voorziening",
            formaat="tekst",
            lengte="50",
            kardinaliteit="1",
            waardenverzameling=["rolstoel", "scootmobiel", "woningaanpassing"],
            datum_begin_geldigheid=begin,
        )
        ZaakTypeInformatieObjectType.objects.create(
            zaaktype=zaaktype, informatieobjecttype=iot, volgnummer=1, richting="inkomend", statustype=statustypen[0]
        )
        zaaktype.besluittypen.add(besluittype)
        zaaktype.concept = False
        zaaktype.save(update_fields=["concept"])
    return {
        "catalogus": _url(base_url, "catalogussen", catalogus),
        "zaaktype": _url(base_url, "zaaktypen", zaaktype),
        "informatieobjecttype": _url(base_url, "informatieobjecttypen", iot),
        "besluittype": _url(base_url, "besluittypen", besluittype),
        "statustypen": [_url(base_url, "statustypen", s) for s in zaaktype.statustypen.order_by("volgnummer")],
        "roltypen": [_url(base_url, "roltypen", r) for r in zaaktype.roltypen.all()],
        "resultaattypen": [_url(base_url, "resultaattypen", r) for r in zaaktype.resultaattypen.all()],
        "eigenschappen": [_url(base_url, "eigenschappen", e) for e in zaaktype.eigenschappen.all()],
    }
