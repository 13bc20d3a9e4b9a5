from django.urls import path

from zgw.common.routers import ZGWRouter

from . import viewsets as v
from .zaaknotities import ZaakNotitieViewSet
from .zaaknummers import ZaakNummerReserverenViewSet

router = ZGWRouter()
router.register("zaken", v.ZaakViewSet, basename="zaak")
router.register("statussen", v.StatusViewSet, basename="status")
router.register("resultaten", v.ResultaatViewSet, basename="resultaat")
router.register("rollen", v.RolViewSet, basename="rol")
router.register("zaakobjecten", v.ZaakObjectViewSet, basename="zaakobject")
router.register("zaakinformatieobjecten", v.ZaakInformatieObjectViewSet, basename="zaakinformatieobject")
router.register("klantcontacten", v.KlantContactViewSet, basename="klantcontact")
router.register("zaakcontactmomenten", v.ZaakContactMomentViewSet, basename="zaakcontactmoment")
router.register("zaakverzoeken", v.ZaakVerzoekViewSet, basename="zaakverzoek")
router.register("zaaknotities", ZaakNotitieViewSet, basename="zaaknotitie")  # 1.7.0
router.register("zaaknummer_reserveren", ZaakNummerReserverenViewSet, basename="zaaknummer_reserveren")  # 1.7.0

UUID = "<uuid:{}>"
_list = {"get": "list", "post": "create"}
_detail = {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}

urlpatterns = [
    path(
        "zaken/<uuid:zaak_uuid>/zaakeigenschappen", v.ZaakEigenschapViewSet.as_view(_list), name="zaakeigenschap-list"
    ),
    path(
        "zaken/<uuid:zaak_uuid>/zaakeigenschappen/<uuid:uuid>",
        v.ZaakEigenschapViewSet.as_view({**_detail, "head": "retrieve"}),
        name="zaakeigenschap-detail",
    ),
    path("zaken/<uuid:zaak_uuid>/besluiten", v.ZaakBesluitViewSet.as_view(_list), name="zaakbesluit-list"),
    path(
        "zaken/<uuid:zaak_uuid>/besluiten/<uuid:uuid>",
        v.ZaakBesluitViewSet.as_view({"get": "retrieve", "delete": "destroy"}),
        name="zaakbesluit-detail",
    ),
    path(
        "zaken/<uuid:zaak_uuid>/audittrail",
        v.ZaakAuditTrailViewSet.as_view({"get": "list"}),
        name="zaak-audittrail-list",
    ),
    path(
        "zaken/<uuid:zaak_uuid>/audittrail/<uuid:uuid>",
        v.ZaakAuditTrailViewSet.as_view({"get": "retrieve"}),
        name="zaak-audittrail-detail",
    ),
    *router.urls,
]
