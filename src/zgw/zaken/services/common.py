"""Shared parts of the Zaken writes: scopes, URLs, audit trail + notification, zrc-006/007 checks, sub-resources."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from zgw.common import audit, outbox
from zgw.common.errors import NON_FIELD
from zgw.common.permissions import Scope, is_allowed_for
from zgw.common.references import (
    RemoteFetchError,
    match_local,
    object_url,
    resource_url,
)

from .. import typeinfo
from ..models import (
    Zaak,
    ZaakBesluit,
    ZaakEigenschap,
    ZaakInformatieObject,
)

BRON = "zrc"


KANAAL = "zaken"


IDENTIFICATIE_KIND = "zaak"


Render = Callable[[object], dict]


SCOPE_LEZEN = Scope("zaken.lezen")


SCOPE_AANMAKEN = Scope("zaken.aanmaken")


SCOPE_BIJWERKEN = Scope("zaken.bijwerken")


SCOPE_VERWIJDEREN = Scope("zaken.verwijderen")


SCOPE_HEROPENEN = Scope("zaken.heropenen")


SCOPE_GEFORCEERD = Scope("zaken.geforceerd-bijwerken")


SCOPE_STATUSSEN = Scope("zaken.statussen.toevoegen")


def error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


def zaak_url(request, zaak: Zaak) -> str:
    return resource_url(request, "zaken", "zaken", zaak.uuid)


def sub_url(request, obj) -> str:
    if isinstance(obj, ZaakEigenschap):
        return f"{zaak_url(request, obj.zaak)}/zaakeigenschappen/{obj.uuid}"
    if isinstance(obj, ZaakBesluit):
        return f"{zaak_url(request, obj.zaak)}/besluiten/{obj.uuid}"
    return object_url(request, obj)


def kenmerken(zaak: Zaak, request) -> dict:
    return {
        "bronorganisatie": zaak.bronorganisatie,
        "zaaktype": typeinfo.zaaktype_url(zaak, request),
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
    }


def _log(request, zaak: Zaak, resource: str, url: str, actie: str, oud, nieuw, resultaat: int, weergave="") -> None:
    audit.record(
        request,
        bron=BRON,
        actie=actie,
        resultaat=resultaat,
        hoofd_object=zaak_url(request, zaak),
        hoofd_object_uuid=zaak.uuid,
        resource=resource,
        resource_url=url,
        resource_weergave=weergave,
        oud=oud,
        nieuw=nieuw,
    )
    notify_actie = {"partial_update": "partial_update"}.get(actie, actie)
    outbox.publish(
        kanaal=KANAAL,
        hoofd_object=zaak_url(request, zaak),
        resource=resource,
        resource_url=url,
        actie=notify_actie,
        kenmerken=kenmerken(zaak, request),
    )


def check_zrc_007_closed(zaak: Zaak, request) -> None:
    """zrc-007: changing a closed zaak (or its data) needs zaken.geforceerd-bijwerken for its zaaktype."""
    if zaak.einddatum is None:
        return
    client = getattr(request, "auth", None)
    if not is_allowed_for(
        client, BRON, SCOPE_GEFORCEERD, typeinfo.zaaktype_url(zaak, request), zaak.vertrouwelijkheidaanduiding, request
    ):
        raise PermissionDenied("U heeft geen rechten om gegevens van een gesloten zaak te wijzigen.")


def check_zaak_allowed(zaak: Zaak, request, scope) -> None:
    """zrc-006 for writes on sub-resources: the client needs ``scope`` on the zaak's zaaktype."""
    client = getattr(request, "auth", None)
    if not is_allowed_for(
        client, BRON, scope, typeinfo.zaaktype_url(zaak, request), zaak.vertrouwelijkheidaanduiding, request
    ):
        raise PermissionDenied("U heeft geen rechten voor deze zaak.")


def _document_field(zio: ZaakInformatieObject, name: str):
    doc = zio.informatieobject
    if doc is not None:
        version = getattr(doc, "latest_version", None)
        return getattr(version, name, None) if version is not None else getattr(doc, name, None)
    from zgw.common.references import fetch_json

    camel = {"indicatie_gebruiksrecht": "indicatieGebruiksrecht"}.get(name, name)
    try:
        return (fetch_json(zio.informatieobject_url, use_cache=False) or {}).get(camel)
    except RemoteFetchError:
        return None


def save_sub(obj, *, zaak: Zaak, resource: str, request, render: Render, actie: str, oud=None) -> None:
    """Store a sub-resource and log it; its rendering is kept on ``obj.rendered`` (the response reuses it)."""
    check_zrc_007_closed(zaak, request)
    obj.save()
    obj.rendered = render(obj)
    _log(request, zaak, resource, sub_url(request, obj), actie, oud, obj.rendered, 201 if actie == "create" else 200)


def destroy_sub(obj, *, zaak: Zaak, resource: str, request, render: Render) -> None:
    check_zrc_007_closed(zaak, request)
    url = sub_url(request, obj)
    oud = render(obj)
    obj.delete()
    _log(request, zaak, resource, url, "destroy", oud, None, 204)


def validate_type_in_zaaktype(ref, zaak: Zaak, name: str, code: str, request) -> None:
    """zrc-016/018/019/020: a statustype/eigenschap/roltype/resultaattype must belong to the zaak's zaaktype.

    The error concerns the combination of two fields (the type and the zaak), so it is named ``nonFieldErrors``
    (DECISIONS.md)."""
    if ref is None:
        return
    if ref.obj is not None and zaak.zaaktype_id is not None:  # both local: compare the rows, no fetch, no URLs
        if ref.obj.zaaktype_id != zaak.zaaktype_id:
            raise error(NON_FIELD, f"Het {name} hoort niet bij het zaaktype van de zaak.", code)
        return
    owner = typeinfo.type_zaaktype_url(ref.obj, ref.data, request)
    if typeinfo.type_url(None, owner, request) and _norm(owner, request) != _norm(
        typeinfo.zaaktype_url(zaak, request), request
    ):
        raise error(NON_FIELD, f"Het {name} hoort niet bij het zaaktype van de zaak.", code)


def _norm(url: str, request) -> str:
    match = match_local(url, request)
    return f"{match.api}/{match.collection}/{match.uuid}" if match is not None else url
