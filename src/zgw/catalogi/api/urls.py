from zgw.common.routers import ZGWRouter

from . import viewsets as v

router = ZGWRouter()
router.register("catalogussen", v.CatalogusViewSet, basename="catalogus")
router.register("zaaktypen", v.ZaakTypeViewSet, basename="zaaktype")
router.register("statustypen", v.StatusTypeViewSet, basename="statustype")
router.register("roltypen", v.RolTypeViewSet, basename="roltype")
router.register("resultaattypen", v.ResultaatTypeViewSet, basename="resultaattype")
router.register("eigenschappen", v.EigenschapViewSet, basename="eigenschap")
router.register("zaakobjecttypen", v.ZaakObjectTypeViewSet, basename="zaakobjecttype")
router.register(
    "zaaktype-informatieobjecttypen", v.ZaakTypeInformatieObjectTypeViewSet, basename="zaaktypeinformatieobjecttype"
)
router.register("informatieobjecttypen", v.InformatieObjectTypeViewSet, basename="informatieobjecttype")
router.register("besluittypen", v.BesluitTypeViewSet, basename="besluittype")

urlpatterns = router.urls
