"""ObjectInformatieObject: the mirror of relations owned by the Zaken and Besluiten APIs (drc-002/003/004).

Local owners (this server) call :func:`link_object`/:func:`unlink_object` inside their own transaction. The API
endpoints validate against the owner: for local objects through ``common.relations`` (the owner registers a
checker), for remote objects by querying the owner's API over HTTP.
"""

from __future__ import annotations

from urllib.parse import urlencode

from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common import audit
from zgw.common.errors import NON_FIELD, collect_errors
from zgw.common.references import (
    RemoteFetchError,
    fetch_json,
    match_local,
    object_url,
    validate_remote_shape,
)
from zgw.common.relations import relation_checker

from .models import EnkelvoudigInformatieObject, ObjectInformatieObject

OWNER = {
    # objectType: (api, collection of the object, owner's relation collection, filter name)
    "zaak": ("zaken", "zaken", "zaakinformatieobjecten", "zaak"),
    "besluit": ("besluiten", "besluiten", "besluitinformatieobjecten", "besluit"),
}
REMOTE_REQUIRED = {
    "zaak": ("url", "zaaktype", "bronorganisatie", "startdatum"),
    "besluit": ("url", "besluittype", "verantwoordelijkeOrganisatie", "datum"),
    "verzoek": ("url",),
}


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


def link_object(
    *, informatieobject: EnkelvoudigInformatieObject, object_type: str, object_url: str, zaak=None, besluit=None
) -> ObjectInformatieObject:
    """Mirror write for the owner of the relation (no drc-004 check); idempotent."""
    oio, _ = ObjectInformatieObject.objects.get_or_create(
        informatieobject=informatieobject,
        object=object_url,
        defaults={"object_type": object_type, "zaak": zaak, "besluit": besluit},
    )
    return oio


def unlink_object(*, informatieobject: EnkelvoudigInformatieObject, object_type: str, object_url: str) -> None:
    ObjectInformatieObject.objects.filter(
        informatieobject=informatieobject, object=object_url, object_type=object_type
    ).delete()


# ---- validation against the owner -------------------------------------------------------------------------------


def validate_drc_002_object(object_type: str, url: str, request=None) -> bool:
    """drc-002: the object exists (local row, or remote 200 with the right shape). Returns ``is_local``."""
    match = match_local(url, request)
    if match is not None:
        expected = OWNER.get(object_type)
        if expected is None or (match.api, match.collection) != expected[:2] or match.model is None:
            raise _error("object", "De URL wijst niet naar een object van het opgegeven objectType.", "bad-url")
        if not match.model._default_manager.filter(uuid=match.uuid).exists():
            raise _error("object", "Het object bestaat niet.", "bad-url")
        return True
    try:
        data = fetch_json(url)
        validate_remote_shape(data, REMOTE_REQUIRED.get(object_type, ("url",)))
    except RemoteFetchError as exc:
        raise _error("object", exc.message, exc.code)
    return False


def _owner_collection_url(object_type: str, url: str) -> str | None:
    api, collection, relation, _ = OWNER[object_type]
    marker = f"/{collection}/"
    if marker not in url:
        return None
    return url[: url.rindex(marker)] + f"/{relation}"


def remote_relation_exists(object_type: str, url: str, eio_url: str) -> bool:
    """Query the owner's API for ``{zaak|besluit}informatieobjecten`` linking ``url`` and ``eio_url``."""
    base = _owner_collection_url(object_type, url)
    if base is None:
        raise RemoteFetchError("relation-lookup-error", "De relatie kon niet opgezocht worden.")
    query = urlencode({OWNER[object_type][3]: url, "informatieobject": eio_url})
    try:
        data = fetch_json(f"{base}?{query}", use_cache=False)
    except RemoteFetchError as exc:
        raise RemoteFetchError("relation-lookup-error", exc.message)
    if isinstance(data, dict):
        data = data.get("results", [])
    return bool(data)


def relation_exists(object_type: str, url: str, eio_url: str, *, is_local: bool, request=None) -> bool:
    if object_type not in OWNER:
        return True  # verzoek: external API without a defined lookup
    if is_local:
        checker = relation_checker(object_type)
        return bool(checker and checker(url, eio_url, request))
    try:
        return remote_relation_exists(object_type, url, eio_url)
    except RemoteFetchError as exc:
        raise _error("nonFieldErrors", exc.message, "relation-lookup-error")


def validate_drc_004_relation_exists(object_type: str, url: str, eio_url: str, *, is_local: bool, request=None) -> None:
    """drc-004: the owner of the object (Zaken/Besluiten API) knows the relation."""
    if not relation_exists(object_type, url, eio_url, is_local=is_local, request=request):
        raise _error(
            NON_FIELD,
            f"Het {object_type} kent de relatie met dit informatieobject niet.",
            "inconsistent-relation",
        )


def create_objectinformatieobject(
    *, informatieobject: EnkelvoudigInformatieObject, object_type: str, url: str, request=None
) -> ObjectInformatieObject:
    """API create: drc-002 (object exists), drc-004 (owner has the relation), drc-003 (unique).

    For a local zaak/besluit the owner's ZIO/BIO made the mirror already, so the API create of that pair is a
    duplicate: 400 ``unique`` (documenten.md §5, VNG's suite). drc-003 and drc-004 are reported together."""
    is_local = validate_drc_002_object(object_type, url, request)
    eio_url = object_url(request, informatieobject)
    with collect_errors() as errors:
        with errors.check():
            validate_drc_004_relation_exists(object_type, url, eio_url, is_local=is_local, request=request)
        if ObjectInformatieObject.objects.filter(informatieobject=informatieobject, object=url).exists():
            errors.add(NON_FIELD, "De velden object, informatieobject moeten een unieke set zijn.", "unique")
    oio = ObjectInformatieObject.objects.create(informatieobject=informatieobject, object_type=object_type, object=url)
    _audit(request, oio, "create", 201)
    return oio


def _audit(request, oio: ObjectInformatieObject, actie: str, resultaat: int) -> None:
    """API writes of the mirror are audited under the document (mirror writes by the owner are not requests)."""
    if request is None:
        return
    audit.record(
        request,
        bron="drc",
        actie=actie,
        resultaat=resultaat,
        hoofd_object=object_url(request, oio.informatieobject),
        hoofd_object_uuid=oio.informatieobject.uuid,
        resource="objectinformatieobject",
        resource_url=object_url(request, oio),
        resource_weergave=f"{oio.object_type}: {oio.object}"[:200],
    )


def destroy_objectinformatieobject(oio: ObjectInformatieObject, *, request=None) -> None:
    """API delete: only when the owner no longer has the relation (``remote-relation-exists``)."""
    eio_url = object_url(request, oio.informatieobject)
    is_local = match_local(oio.object, request) is not None
    if oio.object_type in OWNER:
        if is_local:
            checker = relation_checker(oio.object_type)
            exists = bool(checker and checker(oio.object, eio_url, request))
        else:
            try:
                exists = remote_relation_exists(oio.object_type, oio.object, eio_url)
            except RemoteFetchError as exc:
                raise _error("nonFieldErrors", exc.message, "relation-lookup-error")
        if exists:
            raise _error(
                "nonFieldErrors",
                "Het object heeft nog een relatie met dit informatieobject; verwijder die eerst.",
                "remote-relation-exists",
            )
    _audit(request, oio, "destroy", 204)
    oio.delete()
