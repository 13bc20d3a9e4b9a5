"""Locking a document (drc-009/010) and uploading its bestandsdelen."""

from __future__ import annotations

import uuid

from .. import content
from ..models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
)
from .common import _error
from .documents import _drop_parts


def lock_document(document: EnkelvoudigInformatieObject) -> str:
    document = EnkelvoudigInformatieObject.objects.select_for_update().get(pk=document.pk)
    if document.lock:
        raise _error("nonFieldErrors", "Het document is al gelockt.", "existing-lock")
    document.lock = uuid.uuid4().hex
    document.save(update_fields=["lock"])
    return document.lock


def unlock_document(document: EnkelvoudigInformatieObject, *, lock: str, force: bool) -> None:
    """drc-009: unlock with the lock id (or forced); completes a bestandsdelen upload first."""
    document = EnkelvoudigInformatieObject.objects.select_for_update().get(pk=document.pk)
    if not force and lock != document.lock:
        raise _error("nonFieldErrors", "Het lock-id is niet correct.", "incorrect-lock-id")
    parts = list(BestandsDeel.objects.filter(informatieobject=document).order_by("volgnummer"))
    version = document.latest_version
    if parts:
        if not all(part.voltooid for part in parts):
            raise _error("nonFieldErrors", "Niet alle bestandsdelen zijn geüpload.", "incomplete-upload")
        total = sum(part.omvang for part in parts)
        name = content.assemble([p.inhoud.name for p in parts], total, content.content_name(document.uuid))
        version.inhoud = name
        version.bestandsomvang = total
        version.save(update_fields=["inhoud", "bestandsomvang"])
        _drop_parts(document)
    elif version is not None and not version.inhoud and (version.bestandsomvang or 0) > 0 and not force:
        raise _error("nonFieldErrors", "De bestandsomvang komt niet overeen met de inhoud.", "file-size")
    document.lock = ""
    document.save(update_fields=["lock"])


def upload_part(part: BestandsDeel, *, fileobj, lock: str) -> BestandsDeel:
    """Store one part (streamed from the multipart upload's temp file) after checking lock and size."""
    part = BestandsDeel.objects.select_for_update().select_related("informatieobject").get(pk=part.pk)
    document = part.informatieobject
    if not lock or lock != document.lock:
        raise _error("nonFieldErrors", "Het lock-id is niet correct.", "incorrect-lock-id")
    if fileobj is None:
        raise _error("inhoud", "Er is geen bestand meegestuurd.", "required")
    if fileobj.size != part.omvang:
        raise _error("nonFieldErrors", "De grootte van het bestand moet gelijk zijn aan 'omvang'.", "file-size")
    old = part.inhoud.name
    part.inhoud.name = content.save_stream(content.part_name(document.uuid, part.uuid), fileobj)
    part.voltooid = True
    part.save(update_fields=["inhoud", "voltooid"])
    if old:
        content.delete_after_commit([old])
    return part
