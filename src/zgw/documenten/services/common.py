"""Shared parts of the Documenten writes: autorisatie (common.md §4.3), audit trail (bron drc) and outbox
notifications (kanaal documenten)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from zgw.common import audit, outbox
from zgw.common.permissions import ScopeExpr, is_allowed_for
from zgw.common.references import object_url

from ..models import EnkelvoudigInformatieObject
from ..typeinfo import type_url_of

BRON = "drc"


KANAAL = "documenten"


COMPONENT = "drc"


IDENTIFICATIE_KIND = "document"


Render = Callable[[Any], dict]


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


def check_allowed(request, scope: ScopeExpr | None, type_url: str, vertrouwelijkheid: str) -> None:
    """403 unless the client may do ``scope`` on a document of this type and level (common.md §4.3)."""
    if request is None:
        return
    if not is_allowed_for(getattr(request, "auth", None), COMPONENT, scope, type_url, vertrouwelijkheid, request):
        raise PermissionDenied()


def document_subject(document: EnkelvoudigInformatieObject, request=None) -> tuple[str, str]:
    return type_url_of(document, request), document.vertrouwelijkheidaanduiding


def _kenmerken(document: EnkelvoudigInformatieObject, request) -> dict:
    return {
        "bronorganisatie": document.bronorganisatie,
        "informatieobjecttype": type_url_of(document, request),
        "vertrouwelijkheidaanduiding": document.vertrouwelijkheidaanduiding,
    }


def _notify(request, document, resource: str, resource_url: str, actie: str, kenmerken: dict | None = None) -> None:
    outbox.publish(
        kanaal=KANAAL,
        hoofd_object=object_url(request, document),
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken if kenmerken is not None else _kenmerken(document, request),
    )


def _audit(
    request,
    document,
    *,
    actie: str,
    resultaat: int,
    resource: str,
    resource_url: str,
    weergave: str,
    oud=None,
    nieuw=None,
) -> None:
    if request is None:
        return
    audit.record(
        request,
        bron=BRON,
        actie=actie,
        resultaat=resultaat,
        hoofd_object=object_url(request, document),
        hoofd_object_uuid=document.uuid,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=weergave,
        oud=oud,
        nieuw=nieuw,
    )
