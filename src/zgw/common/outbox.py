"""The transactional notification outbox (DEVELOPERS.md: Notifications).

Every change that must be notified calls :func:`publish` inside the request's transaction. The row commits or
rolls back together with the change. After commit a dispatcher is asked to deliver it; the dispatcher is
registered by the Notificaties app (``register_dispatcher``), so this shared module depends on nothing above it.
Rows that no dispatcher delivered stay ``pending`` and are picked up by the periodic sweep.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from .aftercommit import after_commit
from .models import OutboxMessage

Dispatcher = Callable[[list[int]], None]

_dispatcher: Dispatcher | None = None


def register_dispatcher(dispatcher: Dispatcher | None) -> None:
    global _dispatcher
    _dispatcher = dispatcher


def _dispatch_after_commit(message_id: int) -> None:
    if _dispatcher is not None:
        _dispatcher([message_id])


def publish(
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict | None = None,
) -> OutboxMessage | None:
    """Write one notification to the outbox in the current transaction."""
    if settings.NOTIFICATIONS_DISABLED:
        return None
    message = OutboxMessage.objects.create(
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken or {},
    )
    after_commit(lambda: _dispatch_after_commit(message.id), name="outbox.dispatch", first=True)
    return message
