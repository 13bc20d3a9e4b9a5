"""Summaries and descriptions of the Zaken API operations (applied by zgw.common.operation_texts)."""

from zgw.common.operation_texts import resource_texts

AUTH = "Alleen zaken van zaaktypen en vertrouwelijkheid binnen de autorisaties van de aanroeper (zrc-006)."

OPERATIONS = {
    **resource_texts(
        "zaak",
        "ZAAK",
        "ZAAKen",
        {
            "list": AUTH,
            "_zoek": AUTH,
            "write": "Regels: zaaktype geldig en gepubliceerd (zrc-001), unieke identificatie binnen de "
            "bronorganisatie (zrc-002), vertrouwelijkheidaanduiding (zrc-009), communicatiekanaal (zrc-010), "
            "relevanteAndereZaken (zrc-011), groepsattributen (zrc-012), hoofdzaak (zrc-013), betalingsindicatie "
            "(zrc-014), productenOfDiensten (zrc-015), archiveringsgegevens (zrc-022). Op een afgesloten zaak is "
            "de scope `zaken.geforceerd-bijwerken` nodig.",
            "destroy": "Verwijdert ook de gerelateerde objecten en deelzaken (zrc-023).",
        },
    ),
    **resource_texts(
        "status",
        "STATUS",
        "STATUSsen",
        {
            "list": AUTH,
            "create": "Het statustype hoort bij het zaaktype (zrc-016). De eindstatus sluit de zaak en leidt de "
            "archiveringsgegevens af (zrc-007, zrc-021); een niet-eindstatus op een gesloten zaak heropent die "
            "(zrc-008).",
        },
    ),
    **resource_texts(
        "resultaat",
        "RESULTAAT",
        "RESULTAATen",
        {"list": AUTH, "write": "Het resultaattype hoort bij het zaaktype (zrc-020)."},
    ),
    **resource_texts("rol", "ROL", "ROLlen", {"list": AUTH, "create": "Het roltype hoort bij het zaaktype (zrc-019)."}),
    **resource_texts("zaakobject", "ZAAKOBJECT", "ZAAKOBJECTen", {"list": AUTH}),
    **resource_texts(
        "zaakinformatieobject",
        "ZAAK-INFORMATIEOBJECT relatie",
        "ZAAK-INFORMATIEOBJECT relaties",
        {
            "list": AUTH,
            "write": "Het informatieobject bestaat (zrc-003) en het informatieobjecttype hoort bij het zaaktype "
            "(zrc-017); de relatiegegevens zet de server (zrc-004) en de relatie wordt gespiegeld in de Documenten "
            "API (zrc-005).",
            "destroy": "Ook de gespiegelde relatie in de Documenten API wordt verwijderd (zrc-005).",
        },
    ),
    **resource_texts("klantcontact", "KLANTCONTACT", "KLANTCONTACTen", {"list": AUTH}),
    **resource_texts("zaakcontactmoment", "ZAAKCONTACTMOMENT", "ZAAKCONTACTMOMENTen", {"list": AUTH}),
    **resource_texts(
        "zaakverzoek",
        "ZAAK-VERZOEK relatie",
        "ZAAK-VERZOEK relaties",
        {"list": AUTH, "write": "De relatie wordt gespiegeld in de Verzoeken API (zrc-024)."},
    ),
    **resource_texts(
        "zaakeigenschap",
        "ZAAKEIGENSCHAP",
        "ZAAKEIGENSCHAPpen van een ZAAK",
        {"write": "De eigenschap hoort bij het zaaktype (zrc-018)."},
    ),
    **resource_texts(
        "zaakbesluit",
        "ZAAKBESLUIT",
        "ZAAKBESLUITen van een ZAAK",
        {"write": "Deze relatie legt de Besluiten API aan als een besluit aan de zaak gekoppeld wordt (brc-006)."},
    ),
    # new in 1.7.0; VNG marks every zaaknotitie operation experimental
    **{
        operation_id: (summary, f"**EXPERIMENTEEL** {description}")
        for operation_id, (summary, description) in resource_texts(
            "zaaknotitie",
            "ZAAKNOTITIE",
            "ZAAKNOTITIEs",
            {
                "list": "Alleen notities van zaken die de aanroeper mag lezen (zrc-006).",
                "write": "Schrijven vraagt `zaken.bijwerken` voor de zaak; bij een afgesloten zaak ook "
                "`zaken.geforceerd-bijwerken` (zrc-007). Een notitie met status `definitief` kan niet meer gewijzigd "
                "worden.",
                "delete": "Bij een afgesloten zaak is `zaken.geforceerd-bijwerken` nodig (zrc-007).",
            },
            actions=("list", "create", "read", "update", "partial_update", "delete"),
        ).items()
    },
    "zaaknummer_reserveren": (
        "Reserveer een zaaknummer",
        "Reserveert een of meer zaaknummers (`aantal`, standaard 1) binnen een bronorganisatie zonder een zaak aan "
        "te maken; het antwoord is altijd een lijst. Een gereserveerd nummer wordt nooit automatisch uitgegeven: een "
        "zaak krijgt het alleen als het bij het aanmaken als `identificatie` wordt meegegeven.",
    ),
    "audittrail_list": (
        "Alle audit trail regels van een ZAAK opvragen.",
        "Geeft de wijzigingsgeschiedenis van de zaak: wie wat wanneer deed, met de oude en nieuwe gegevens.",
    ),
    "audittrail_retrieve": (
        "Een specifieke audit trail regel van een ZAAK opvragen.",
        "Geeft één regel van de wijzigingsgeschiedenis van de zaak.",
    ),
}
