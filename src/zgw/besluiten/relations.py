"""The drc-004 checker Besluiten offers the Documenten API through ``common.relations``."""

from __future__ import annotations

from zgw.common.references import match_local

from .constants import BESLUIT_COLLECTION, EIO_COLLECTION
from .models import BesluitInformatieObject


def besluit_has_informatieobject(object_url: str, informatieobject_url: str, request=None) -> bool:
    """Whether a besluitinformatieobject links the besluit at ``object_url`` to ``informatieobject_url``."""
    besluit = match_local(object_url, request)
    if besluit is None or (besluit.api, besluit.collection) != BESLUIT_COLLECTION:
        return False
    qs = BesluitInformatieObject.objects.filter(besluit__uuid=besluit.uuid)
    document = match_local(informatieobject_url, request)
    if document is None:
        return qs.filter(informatieobject_url=informatieobject_url).exists()
    if (document.api, document.collection) != EIO_COLLECTION:
        return False
    return qs.filter(informatieobject__uuid=document.uuid).exists()
