from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "zgw.zaken"
    label = "zaken"
    verbose_name = "Zaken"

    def ready(self) -> None:
        from zgw.common import listcache
        from zgw.common.expand import register_kinds
        from zgw.common.references import register_resource
        from zgw.common.relations import register_relation_checker

        from . import models
        from .services import zaak_has_informatieobject

        for collection, model in (
            ("zaken", models.Zaak),
            ("statussen", models.Status),
            ("resultaten", models.Resultaat),
            ("rollen", models.Rol),
            ("zaakobjecten", models.ZaakObject),
            ("zaakinformatieobjecten", models.ZaakInformatieObject),
            ("klantcontacten", models.KlantContact),
            ("zaakcontactmomenten", models.ZaakContactMoment),
            ("zaakverzoeken", models.ZaakVerzoek),
            ("zaaknotities", models.ZaakNotitie),
        ):
            register_resource("zaken", collection, model)
        register_relation_checker("zaak", zaak_has_informatieobject)
        listcache.track("zaken")
        from .api.expand import kinds

        register_kinds("zaken", kinds)  # for the APIs beside this one (Besluiten expands besluit.zaak)
        _register_unique_rules()


def _register_unique_rules() -> None:
    """The unique rules a concurrent create can only lose at the database: answered as the services' 400s."""
    from zgw.common.exceptions import register_unique_rule

    pair = "De velden zaak, informatieobject moeten een unieke set zijn."
    register_unique_rule(
        "zaken_identificatie_unique",
        "identificatie",
        "identificatie-niet-uniek",
        "Deze identificatie bestaat al voor deze bronorganisatie.",
    )
    register_unique_rule(
        "zaken_status_unique", "nonFieldErrors", reason="De velden zaak, datumStatusGezet moeten een unieke set zijn."
    )
    register_unique_rule("zaken_zio_local_unique", "nonFieldErrors", "unique", pair)
    register_unique_rule("zaken_zio_remote_unique", "nonFieldErrors", "unique", pair)
    register_unique_rule("zaken_resultaat_zaak_id_key", "zaak", "unique", "Deze zaak heeft al een resultaat.")
