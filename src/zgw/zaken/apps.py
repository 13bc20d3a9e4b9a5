from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "zgw.zaken"
    label = "zaken"
    verbose_name = "Zaken"

    def ready(self) -> None:
        from zgw.common import listcache
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
        ):
            register_resource("zaken", collection, model)
        register_relation_checker("zaak", zaak_has_informatieobject)
        listcache.track("zaken")
