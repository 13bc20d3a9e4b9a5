from zgw.common.routers import ZGWRouter

from .views import ThingViewSet

router = ZGWRouter()
router.register("things", ThingViewSet, basename="thing")
urlpatterns = router.urls
