"""Summaries and descriptions of the Autorisaties API operations (applied by zgw.common.operation_texts)."""

from zgw.common.operation_texts import resource_texts

WRITE = (
    "Client ids zijn uniek over alle applicaties (ac-001); een applicatie heeft óf `heeftAlleAutorisaties`, óf "
    "een lijst autorisaties (ac-002), met per component de verplichte velden (ac-003)."
)

OPERATIONS = {
    **resource_texts("applicatie", "APPLICATIE", "APPLICATIEs", {"write": WRITE}),
    "applicatie_consumer": (
        "Vraag een APPLICATIE op met een client id.",
        "Geeft de applicatie waartoe de opgegeven `clientId` hoort; componenten gebruiken dit om de autorisaties "
        "van een aanroeper op te halen.",
    ),
}
