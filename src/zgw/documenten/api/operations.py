"""Summaries and descriptions of the Documenten API operations (applied by zgw.common.operation_texts)."""

from zgw.common.operation_texts import resource_texts

AUTH = (
    "Alleen informatieobjecten van informatieobjecttypen en vertrouwelijkheid binnen de autorisaties van de aanroeper."
)
EIO = "ENKELVOUDIG INFORMATIEOBJECT"

OPERATIONS = {
    **resource_texts(
        "enkelvoudiginformatieobject",
        EIO,
        "ENKELVOUDIGe INFORMATIEOBJECTen",
        {
            "list": AUTH,
            "_zoek": AUTH,
            "retrieve": "Met `?expand=informatieobjecttype` komt het type mee (drc-011 t/m drc-014).",
            "create": "Het informatieobjecttype is geldig en gepubliceerd (drc-001); de vertrouwelijkheidaanduiding "
            "volgt uit het type als ze ontbreekt (drc-007); een groot bestand wordt in bestandsdelen geüpload.",
            "update": "Alleen met het `lock` van een vergrendeling (drc-009, drc-010); maakt een nieuwe versie.",
            "partial_update": "Alleen met het `lock` van een vergrendeling (drc-009, drc-010); maakt een nieuwe "
            "versie.",
            "destroy": "Alleen als geen OBJECT-INFORMATIEOBJECT relaties meer bestaan (drc-008); gebruiksrechten "
            "en de audit trail gaan mee.",
        },
    ),
    "enkelvoudiginformatieobject_download": (
        f"De inhoud van een {EIO} downloaden.",
        "Geeft het bestand zelf (de binaire inhoud), van de laatste of de gevraagde versie.",
    ),
    "enkelvoudiginformatieobject_lock": (
        f"Vergrendel een {EIO}.",
        "Geeft een `lock` terug dat nodig is om het informatieobject bij te werken (drc-009); een al "
        "vergrendeld object geeft een fout.",
    ),
    "enkelvoudiginformatieobject_unlock": (
        f"Ontgrendel een {EIO}.",
        "Heft de vergrendeling op met het juiste `lock`; met de scope `documenten.geforceerd-unlock` ook zonder "
        "(drc-009). Bestandsdelen worden dan samengevoegd.",
    ),
    "bestandsdeel_update": (
        "Upload een bestandsdeel.",
        "Stuurt één deel van de inhoud van een vergrendeld informatieobject, met het `lock` (drc-009); als alle "
        "delen binnen zijn en het object ontgrendeld wordt, is het bestand compleet.",
    ),
    **resource_texts(
        "gebruiksrechten",
        "GEBRUIKSRECHT INFORMATIEOBJECT",
        "GEBRUIKSRECHTen",
        {
            "list": AUTH,
            "create": "Zet `indicatieGebruiksrecht` van het informatieobject op `true` (drc-006).",
            "destroy": "Zet `indicatieGebruiksrecht` op `null` als dit het laatste gebruiksrecht was (drc-006).",
        },
    ),
    **resource_texts(
        "objectinformatieobject",
        "OBJECT-INFORMATIEOBJECT relatie",
        "OBJECT-INFORMATIEOBJECT relaties",
        {
            "list": AUTH,
            "create": "Het object bestaat (drc-002), de combinatie is uniek (drc-003) en de relatie bestaat al in "
            "de Zaken of Besluiten API (drc-004).",
            "destroy": "Alleen als de relatie in de Zaken of Besluiten API niet meer bestaat (drc-004).",
        },
    ),
    **resource_texts("verzending", "VERZENDING", "VERZENDINGen", {"list": AUTH}),
    "audittrail_list": (
        f"Alle audit trail regels van een {EIO} opvragen.",
        "Geeft de wijzigingsgeschiedenis van het informatieobject: wie wat wanneer deed.",
    ),
    "audittrail_retrieve": (
        f"Een specifieke audit trail regel van een {EIO} opvragen.",
        "Geeft één regel van de wijzigingsgeschiedenis van het informatieobject.",
    ),
}
