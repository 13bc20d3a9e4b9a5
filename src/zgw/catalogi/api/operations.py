"""Summaries and descriptions of the Catalogi API operations (applied by zgw.common.operation_texts)."""

from zgw.common.operation_texts import resource_texts

CONCEPT = (
    "Alleen zolang het (bijbehorende) type een concept is (ztc-009, ztc-010); relaties blijven binnen de "
    "catalogus (ztc-013)."
)
READ = "Lezen kan ook met de lees-scopes van de Zaken en Documenten API (ztc-014)."
CONCEPT_RULES = {"list": READ, "write": CONCEPT, "destroy": CONCEPT}

OPERATIONS = {
    **resource_texts("catalogus", "CATALOGUS", "CATALOGUSsen", {"list": READ}),
    **resource_texts(
        "zaaktype",
        "ZAAKTYPE",
        "ZAAKTYPEn",
        {
            **CONCEPT_RULES,
            "write": CONCEPT + " Het selectielijstProcestype is een procestype uit de Referentielijsten API (ztc-001).",
            "publish": "Alleen als alle gerelateerde besluittypen en informatieobjecttypen gepubliceerd zijn "
            "(ztc-012).",
        },
    ),
    **resource_texts("statustype", "STATUSTYPE", "STATUSTYPEn", CONCEPT_RULES),
    **resource_texts("roltype", "ROLTYPE", "ROLTYPEn", CONCEPT_RULES),
    **resource_texts(
        "resultaattype",
        "RESULTAATTYPE",
        "RESULTAATTYPEn",
        {
            **CONCEPT_RULES,
            "write": CONCEPT + " De selectielijstklasse hoort bij het procestype van het zaaktype (ztc-002) en de "
            "brondatumArchiefprocedure past bij de afleidingswijze (ztc-003 t/m ztc-008).",
        },
    ),
    **resource_texts("eigenschap", "EIGENSCHAP", "EIGENSCHAPpen", CONCEPT_RULES),
    **resource_texts("zaakobjecttype", "ZAAKOBJECTTYPE", "ZAAKOBJECTTYPEn", CONCEPT_RULES),
    **resource_texts(
        "zaakinformatieobjecttype",
        "ZAAKTYPE-INFORMATIEOBJECTTYPE relatie",
        "ZAAKTYPE-INFORMATIEOBJECTTYPE relaties",
        CONCEPT_RULES,
    ),
    **resource_texts(
        "informatieobjecttype",
        "INFORMATIEOBJECTTYPE",
        "INFORMATIEOBJECTTYPEn",
        {**CONCEPT_RULES, "publish": "Daarna kan het in zaaktypen en documenten gebruikt worden."},
    ),
    **resource_texts(
        "besluittype",
        "BESLUITTYPE",
        "BESLUITTYPEn",
        {**CONCEPT_RULES, "publish": "Daarna kan het in zaaktypen en besluiten gebruikt worden."},
    ),
}
