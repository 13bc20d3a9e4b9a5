from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "zgw.documenten"
    label = "documenten"
    verbose_name = "Documenten"

    def ready(self) -> None:
        from zgw.common.exceptions import register_unique_rule
        from zgw.common.expand import register_kinds
        from zgw.common.references import register_resource

        from . import models
        from .api.expand import graph

        # the document kind for the expand of other APIs (Zaken, Besluiten): loaded and judged as a direct read here
        register_kinds("documenten", graph)

        register_resource("documenten", "enkelvoudiginformatieobjecten", models.EnkelvoudigInformatieObject)
        register_resource("documenten", "gebruiksrechten", models.Gebruiksrechten)
        register_resource("documenten", "objectinformatieobjecten", models.ObjectInformatieObject)
        register_resource("documenten", "verzendingen", models.Verzending)
        register_resource("documenten", "bestandsdelen", models.BestandsDeel)
        # a concurrent create that loses the identificatie race at the database (no savepoint on create)
        register_unique_rule(
            "documenten_eio_unique_identificatie",
            "identificatie",
            "identificatie-niet-uniek",
            "Deze identificatie bestaat al voor deze bronorganisatie.",
        )
