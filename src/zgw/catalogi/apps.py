from django.apps import AppConfig


class CatalogiConfig(AppConfig):
    name = "zgw.catalogi"
    label = "catalogi"
    verbose_name = "Catalogi"

    def ready(self) -> None:
        from zgw.common import listcache
        from zgw.common.expand import register_kinds
        from zgw.common.references import register_resource

        from . import models as m
        from .api.expand import kinds

        for collection, model in (
            ("catalogussen", m.Catalogus),
            ("zaaktypen", m.ZaakType),
            ("statustypen", m.StatusType),
            ("roltypen", m.RolType),
            ("resultaattypen", m.ResultaatType),
            ("eigenschappen", m.Eigenschap),
            ("informatieobjecttypen", m.InformatieObjectType),
            ("besluittypen", m.BesluitType),
            ("zaaktype-informatieobjecttypen", m.ZaakTypeInformatieObjectType),
            ("zaakobjecttypen", m.ZaakObjectType),
        ):
            register_resource("catalogi", collection, model)
        listcache.track("catalogi")
        register_kinds("catalogi", kinds)
