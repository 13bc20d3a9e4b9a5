from zgw.common.routers import ZGWRouter

from .viewsets import AbonnementViewSet, KanaalViewSet, NotificatieViewSet

router = ZGWRouter()
router.register("abonnement", AbonnementViewSet, basename="abonnement")
router.register("kanaal", KanaalViewSet, basename="kanaal")
router.register("notificaties", NotificatieViewSet, basename="notificaties")

urlpatterns = router.urls
