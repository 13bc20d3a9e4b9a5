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
        _register_unique_rules()


OVERLAP = "Dit type komt al voor binnen de catalogus en opgegeven geldigheidsperiode."
IN_ZAAKTYPE = "binnen het zaaktype."


def _register_unique_rules() -> None:
    """The unique rules a concurrent write can only lose at the database: answered as the services' 400s (issue 19)."""
    from zgw.common.exceptions import register_unique_rule

    taken = "Er bestaat al een catalogus met dit domein en RSIN."
    register_unique_rule("catalogus_domein_rsin_unique", "nonFieldErrors", "unique", taken)
    volgnummer = f"Dit volgnummer is al in gebruik {IN_ZAAKTYPE}"
    register_unique_rule("statustype_zaaktype_volgnummer_unique", "volgnummer", "unique", volgnummer)
    register_unique_rule("ziot_zaaktype_volgnummer_unique", "volgnummer", "unique", volgnummer)
    omschrijving = f"Deze omschrijving is al in gebruik {IN_ZAAKTYPE}"
    register_unique_rule("roltype_zaaktype_omschrijving_unique", "omschrijving", "unique", omschrijving)
    register_unique_rule("resultaattype_zaaktype_omschrijving_unique", "omschrijving", "unique", omschrijving)
    register_unique_rule(
        "eigenschap_zaaktype_naam_unique", "naam", "unique", f"Deze naam is al in gebruik {IN_ZAAKTYPE}"
    )
    # exclusion constraints of migration 0004 (PostgreSQL): published versions may not overlap (ztc-016 and kin)
    for table in ("zaaktype", "besluittype", "informatieobjecttype"):
        register_unique_rule(f"catalogi_{table}_versies_geen_overlap", "beginGeldigheid", "overlap", OVERLAP)
