from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "zgw.documenten"
    label = "documenten"
    verbose_name = "Documenten"

    def ready(self) -> None:
        from zgw.common.references import register_resource

        from . import models

        register_resource("documenten", "enkelvoudiginformatieobjecten", models.EnkelvoudigInformatieObject)
        register_resource("documenten", "gebruiksrechten", models.Gebruiksrechten)
        register_resource("documenten", "objectinformatieobjecten", models.ObjectInformatieObject)
        register_resource("documenten", "verzendingen", models.Verzending)
        register_resource("documenten", "bestandsdelen", models.BestandsDeel)
