"""Summaries and descriptions of the Besluiten API operations (applied by zgw.common.operation_texts)."""

from zgw.common.operation_texts import resource_texts

AUTH = "Alleen besluiten van besluittypen binnen de autorisaties van de aanroeper."

OPERATIONS = {
    **resource_texts(
        "besluit",
        "BESLUIT",
        "BESLUITen",
        {
            "list": AUTH,
            "write": "Het besluittype is geldig en gepubliceerd (brc-001), de identificatie is uniek binnen de "
            "verantwoordelijke organisatie (brc-002); bij een zaak hoort het besluittype bij het zaaktype (brc-007) "
            "en de relatie wordt gespiegeld in de Zaken API (brc-006).",
            "delete": "Verwijdert ook de BESLUIT-INFORMATIEOBJECT relaties en de gespiegelde relaties (brc-009).",
        },
    ),
    **resource_texts(
        "besluitinformatieobject",
        "BESLUIT-INFORMATIEOBJECT relatie",
        "BESLUIT-INFORMATIEOBJECT relaties",
        {
            "list": AUTH,
            "create": "Het informatieobject bestaat (brc-003) en zijn type hoort bij het besluittype (brc-008); "
            "de relatiegegevens zet de server (brc-004) en de relatie wordt gespiegeld in de Documenten API "
            "(brc-005).",
            "delete": "Ook de gespiegelde relatie in de Documenten API wordt verwijderd (brc-005).",
        },
    ),
    "audittrail_list": (
        "Alle audit trail regels van een BESLUIT opvragen.",
        "Geeft de wijzigingsgeschiedenis van het besluit: wie wat wanneer deed.",
    ),
    "audittrail_read": (
        "Een specifieke audit trail regel van een BESLUIT opvragen.",
        "Geeft één regel van de wijzigingsgeschiedenis van het besluit.",
    ),
}
