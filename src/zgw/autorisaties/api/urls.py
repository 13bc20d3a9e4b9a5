from zgw.common.routers import ZGWRouter

from .viewsets import ApplicatieViewSet

router = ZGWRouter()
router.register("applicaties", ApplicatieViewSet, basename="applicatie")

urlpatterns = router.urls
