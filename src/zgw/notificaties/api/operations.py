"""Summaries and descriptions of the Notificaties API operations (applied by zgw.common.operation_texts)."""

from zgw.common.operation_texts import resource_texts

OPERATIONS = {
    **resource_texts(
        "abonnement",
        "ABONNEMENT",
        "ABONNEMENTen",
        {"write": "De callback-URL moet bereikbaar zijn en de opgegeven autorisatie accepteren."},
    ),
    **resource_texts(
        "kanaal",
        "KANAAL",
        "KANALen",
        {"list": "Met `?naam=` is één kanaal te vinden.", "create": "De naam van een kanaal is uniek."},
    ),
    "notificaties_create": (
        "Publiceer een notificatie.",
        "Stuurt de notificatie door naar alle abonnees van het kanaal wier filters passen op de kenmerken. Het "
        "kanaal moet bestaan.",
    ),
}
