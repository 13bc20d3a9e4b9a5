from django.apps import AppConfig


class BesluitenConfig(AppConfig):
    name = "zgw.besluiten"
    label = "besluiten"
    verbose_name = "Besluiten"

    def ready(self) -> None:
        from zgw.common.exceptions import register_unique_rule
        from zgw.common.expand import register_kinds
        from zgw.common.references import register_resource
        from zgw.common.relations import register_relation_checker

        from .api.kinds import kinds
        from .models import Besluit, BesluitInformatieObject
        from .relations import besluit_has_informatieobject

        register_resource("besluiten", "besluiten", Besluit)
        register_resource("besluiten", "besluitinformatieobjecten", BesluitInformatieObject)
        register_relation_checker("besluit", besluit_has_informatieobject)
        register_kinds("besluiten", kinds)
        # a create that loses the identificatie race at the database (brc-002, rules.identificatie_niet_uniek)
        register_unique_rule(
            "besluiten_identificatie_uniek",
            "identificatie",
            "identificatie-niet-uniek",
            "Deze identificatie bestaat al voor deze verantwoordelijke organisatie.",
        )
