from zgw.common.references import UUID_RE
from zgw.common.routers import ZGWRouter

from .viewsets import BesluitAuditTrailViewSet, BesluitInformatieObjectViewSet, BesluitViewSet

router = ZGWRouter()
router.register("besluiten", BesluitViewSet, basename="besluit")
router.register(
    rf"besluiten/(?P<besluit_uuid>{UUID_RE})/audittrail", BesluitAuditTrailViewSet, basename="besluit-audittrail"
)
router.register("besluitinformatieobjecten", BesluitInformatieObjectViewSet, basename="besluitinformatieobject")

urlpatterns = router.urls
