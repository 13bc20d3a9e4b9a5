import logging

from django.apps import AppConfig

logger = logging.getLogger(__name__)


class NotificatiesConfig(AppConfig):
    name = "zgw.notificaties"
    label = "notificaties"
    verbose_name = "Notificaties"

    def ready(self) -> None:
        from django.core.signals import request_started
        from django.db.models.signals import post_migrate

        from zgw.common.exceptions import register_unique_rule
        from zgw.common.observability import register_gauges
        from zgw.common.outbox import register_dispatcher
        from zgw.common.references import register_resource

        from .dispatch import dispatch_outbox
        from .metrics import delivery_gauges
        from .models import Abonnement, Kanaal

        register_dispatcher(dispatch_outbox)
        register_resource("notificaties", "kanaal", Kanaal)
        register_resource("notificaties", "abonnement", Abonnement)
        register_unique_rule("notificaties_kanaal_naam_key", "naam", reason="Er bestaat al een kanaal met deze naam.")
        register_gauges(delivery_gauges)
        from zgw.common.health import register_component_check

        from .heartbeat import check_delivery

        register_component_check("delivery", "workers", check_delivery)
        post_migrate.connect(_register_kanalen_after_migrate, sender=self)
        request_started.connect(_start_inprocess_runner, dispatch_uid="zgw-nrc-runner")
        _schedule_sweep()


def _register_kanalen_after_migrate(sender, using="default", **kwargs) -> None:
    """Start-up registration where it is safe: right after the tables exist (every ``migrate``)."""
    from . import conf
    from .services import register_kanalen

    if conf.REGISTER_KANALEN_ON_MIGRATE:
        created = register_kanalen()
        if created and kwargs.get("verbosity", 1) >= 1:
            logger.info("Kanalen registered: %s", ", ".join(created))


def _start_inprocess_runner(sender, **kwargs) -> None:
    """Quickstart (in-process delivery): start the scheduler with the first request, so the periodic sweep
    also sends what a previous run left behind (not when NOTIFICATIES_INPROCESS_AUTOSTART is off, e.g. tests)."""
    from django.conf import settings
    from django.core.signals import request_started

    from . import conf

    request_started.disconnect(dispatch_uid="zgw-nrc-runner")
    if settings.NOTIFICATIONS_DELIVERY != "inprocess" or settings.NOTIFICATIONS_DISABLED:
        return
    if not conf.INPROCESS_AUTOSTART:
        return
    from .inprocess import runner

    runner()


def _schedule_sweep() -> None:
    """Celery beat runs the sweep every NOTIFICATIES_SWEEP_INTERVAL seconds and the clean-up hourly."""
    try:
        from zgw.celery import app

        from . import conf
        from .tasks import cleanup_task, sweep_task
    except Exception:  # pragma: no cover - celery not installed
        return
    options = {"queue": conf.CELERY_QUEUE} if conf.CELERY_QUEUE else {}
    app.add_periodic_task(conf.SWEEP_INTERVAL, sweep_task.s().set(**options), name="zgw-notificaties-sweep")
    app.add_periodic_task(conf.CLEANUP_INTERVAL, cleanup_task.s().set(**options), name="zgw-notificaties-cleanup")
