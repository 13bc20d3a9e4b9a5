"""The mirrored sides of besluit relations: ZaakBesluit in the Zaken API (brc-006) and ObjectInformatieObject in
the Documenten API (brc-005).

Local mirrors are written through the owning apps' services inside our transaction. Remote mirrors are written
over HTTP (:mod:`.remote`) *after* our rows are committed, because the remote API validates them by reading our
resource back; :func:`run_remote_steps` undoes what was done when a step fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.documenten import services as documenten_services
from zgw.zaken import services as zaken_services

from .remote import RemoteSyncError

logger = logging.getLogger(__name__)


# ---- local mirrors -----------------------------------------------------------------------------------------------


def link_zaak(zaak, besluit_url: str, besluit, request=None, new: bool = False) -> None:
    """``request`` given: the change is also written to the zaak's audit trail (not for compensations); ``new``: the
    besluit was just created, so no mirror of it can exist yet."""
    zaken_services.link_besluit(zaak=zaak, besluit_url=besluit_url, besluit=besluit, request=request, new=new)


def unlink_zaak(zaak, besluit_url: str, request=None) -> None:
    zaken_services.unlink_besluit(zaak=zaak, besluit_url=besluit_url, request=request)


def link_informatieobject(informatieobject, besluit_url: str, besluit) -> None:
    documenten_services.link_object(
        informatieobject=informatieobject, object_type="besluit", object_url=besluit_url, besluit=besluit
    )


def unlink_informatieobject(informatieobject, besluit_url: str) -> None:
    documenten_services.unlink_object(informatieobject=informatieobject, object_type="besluit", object_url=besluit_url)


# ---- remote mirrors ----------------------------------------------------------------------------------------------


@dataclass
class RemoteStep:
    """One mirror write on another server, how to undo it, and the field to blame when it fails."""

    run: Callable[[], None]
    undo: Callable[[], None]
    field: str


def pending_relations(field: str, message: str) -> ValidationError:
    return ValidationError(
        {field: [ErrorDetail(f"De relatie kon niet gesynchroniseerd worden: {message}", code="pending-relations")]}
    )


def run_remote_steps(steps: list[RemoteStep], *, compensate: Callable[[], None]) -> None:
    """Run ``steps`` in order. On a failure: ``compensate()`` (undo our committed local write), then undo the steps
    that succeeded (in reverse), then raise 400 ``pending-relations``."""
    done: list[RemoteStep] = []
    for step in steps:
        try:
            step.run()
        except RemoteSyncError as exc:
            compensate()
            for finished in reversed(done):
                try:
                    finished.undo()
                except RemoteSyncError:  # pragma: no cover - best effort, logged
                    logger.exception("Terugdraaien van een externe relatie mislukte")
            raise pending_relations(step.field, str(exc))
        done.append(step)
