from zgw.common.references import UUID_RE
from zgw.common.routers import ZGWRouter

from .subresources import BestandsDeelViewSet, GebruiksrechtenViewSet, ObjectInformatieObjectViewSet, VerzendingViewSet
from .viewsets import EnkelvoudigInformatieObjectAuditTrailViewSet, EnkelvoudigInformatieObjectViewSet

router = ZGWRouter()
router.register(
    "enkelvoudiginformatieobjecten", EnkelvoudigInformatieObjectViewSet, basename="enkelvoudiginformatieobject"
)
router.register(
    rf"enkelvoudiginformatieobjecten/(?P<enkelvoudiginformatieobject_uuid>{UUID_RE})/audittrail",
    EnkelvoudigInformatieObjectAuditTrailViewSet,
    basename="enkelvoudiginformatieobject-audittrail",
)
router.register("gebruiksrechten", GebruiksrechtenViewSet, basename="gebruiksrechten")
router.register("objectinformatieobjecten", ObjectInformatieObjectViewSet, basename="objectinformatieobject")
router.register("verzendingen", VerzendingViewSet, basename="verzending")
router.register("bestandsdelen", BestandsDeelViewSet, basename="bestandsdeel")

urlpatterns = router.urls
