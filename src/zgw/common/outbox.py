"""The transactional notification outbox (DEVELOPERS.md: Notifications).

Every change that must be notified calls :func:`publish` inside the request's transaction. The row commits or
rolls back together with the change. After commit a dispatcher is asked to deliver it; the dispatcher is
registered by the Notificaties app (``register_dispatcher``), so this shared module depends on nothing above it.
Rows that no dispatcher delivered stay ``pending`` and are picked up by the periodic sweep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .aftercommit import after_commit
from .models import OutboxMessage

Dispatcher = Callable[[list[int]], None]

_dispatcher: Dispatcher | None = None
_pending: ContextVar[list[OutboxMessage] | None] = ContextVar("zgw_outbox_batch", default=None)


def register_dispatcher(dispatcher: Dispatcher | None) -> None:
    global _dispatcher
    _dispatcher = dispatcher


def _dispatch_after_commit(message_ids: list[int]) -> None:
    if _dispatcher is not None:
        _dispatcher(message_ids)


def _kick(messages: list[OutboxMessage]) -> None:
    ids = [message.id for message in messages]
    after_commit(lambda: _dispatch_after_commit(ids), name="outbox.dispatch", first=True)


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
    message = OutboxMessage(
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken or {},
    )
    pending = _pending.get()
    if pending is not None:
        pending.append(message)
        return message
    message.save(force_insert=True)
    _kick([message])
    return message


@contextmanager
def batch() -> Iterator[None]:
    """Collect the messages :func:`publish` makes inside the block, insert them with one statement at its end and
    hand them to the dispatcher together after commit (nested blocks join the outer one; an exception inside writes
    nothing). The order of the messages is kept."""
    if _pending.get() is not None:
        yield
        return
    messages: list[OutboxMessage] = []
    token = _pending.set(messages)
    try:
        yield
    finally:
        _pending.reset(token)
    if messages:
        OutboxMessage.objects.bulk_create(messages)
        _kick(messages)
