"""Writes of enkelvoudiginformatieobjecten (versions, content, identificatie) and the drc rules on them."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from zgw.common import audit, outbox
from zgw.common.errors import collect_errors
from zgw.common.identificatie import next_identificatie
from zgw.common.permissions import ScopeExpr
from zgw.common.references import object_url

from .. import content
from ..models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
)
from ..typeinfo import TypeInfo, type_url_of
from .common import BRON, IDENTIFICATIE_KIND, KANAAL, Render, _audit, _error, _kenmerken, _notify, check_allowed

VERSION_FIELDS = (
    "identificatie",
    "bronorganisatie",
    "creatiedatum",
    "titel",
    "vertrouwelijkheidaanduiding",
    "auteur",
    "status",
    "formaat",
    "taal",
    "bestandsnaam",
    "inhoud",
    "bestandsomvang",
    "link",
    "beschrijving",
    "ontvangstdatum",
    "verzenddatum",
    "indicatie_gebruiksrecht",
    "verschijningsvorm",
    "ondertekening_soort",
    "ondertekening_datum",
    "integriteit_algoritme",
    "integriteit_waarde",
    "integriteit_datum",
    "informatieobjecttype",
    "informatieobjecttype_url",
    "trefwoorden",
    "inhoud_is_vervallen",
    "tonen_aan_initiator",
    "is_gereed_voor_publicatie",
)


def validate_drc_001_informatieobjecttype(info: TypeInfo) -> None:
    """drc-001: the informatieobjecttype exists (validated by the field) and is published."""
    if info.concept:
        raise _error("informatieobjecttype", "Het informatieobjecttype is nog niet gepubliceerd.", "not-published")


def validate_drc_005_status(values: dict) -> None:
    """drc-005: a received document (ontvangstdatum set) cannot be in_bewerking or ter_vaststelling."""
    if values.get("ontvangstdatum") and values.get("status") in ("in_bewerking", "ter_vaststelling"):
        raise _error(
            "status",
            "De statussen `in_bewerking` en `ter_vaststelling` zijn niet mogelijk voor ontvangen documenten.",
            "invalid_for_received",
        )


def validate_drc_006_indicatie_gebruiksrecht(document: EnkelvoudigInformatieObject | None, value) -> None:
    """drc-006: ``true`` only through gebruiksrechten; ``false``/``null`` not while gebruiksrechten exist."""
    exists = document is not None and document.gebruiksrechten.exists()
    if value is True and not exists:
        raise _error(
            "indicatieGebruiksrecht",
            "De indicatie moet `true` worden via het aanmaken van gebruiksrechten.",
            "missing-gebruiksrechten",
        )
    if value is not True and exists:
        raise _error(
            "indicatieGebruiksrecht",
            "De indicatie kan niet gewijzigd worden zolang er gebruiksrechten zijn.",
            "existing-gebruiksrechten",
        )


def validate_drc_009_lock(
    document: EnkelvoudigInformatieObject, data, *, partial: bool = False, lock_field_failed: bool = False
) -> None:
    """drc-009/drc-010: an update needs the document's current lock.

    A locked document updated without ``lock``: a PUT fails on the required field itself (``lock`` ``required``,
    VNG's drc-009d), unless the field check already said so (``lock_field_failed``); a PATCH, where no field is
    required, fails on the rule (``nonFieldErrors`` ``missing-lock-id``, VNG's drc-009e)."""
    if not document.lock:
        raise _error("nonFieldErrors", "Een niet-gelockt document kan niet gewijzigd worden.", "unlocked")
    lock = data.get("lock") if isinstance(data, dict) else None
    if not lock:
        if partial:
            raise _error("nonFieldErrors", "Het lock-id is vereist om een gelockt document te wijzigen.",
                         "missing-lock-id")  # fmt: skip
        if lock_field_failed:
            return
        raise _error("lock", "Dit veld is vereist.", "required")
    if lock != document.lock:
        raise _error("nonFieldErrors", "Het lock-id is niet correct.", "incorrect-lock-id")


def generate_identificatie(bronorganisatie: str, year: int) -> str:
    """``DOCUMENT-<year>-<10 digits>`` per bronorganisatie from the shared race-free counter; the counter row stays
    locked until the transaction ends."""
    return next_identificatie(
        IDENTIFICATIE_KIND,
        bronorganisatie,
        year,
        format=lambda number: f"DOCUMENT-{year}-{number:010d}",
        is_taken=lambda value: EnkelvoudigInformatieObject.objects.filter(
            bronorganisatie=bronorganisatie, identificatie=value
        ).exists(),
    )


def _check_identificatie_unique(bronorganisatie: str, identificatie: str, document=None) -> None:
    qs = EnkelvoudigInformatieObject.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    if document is not None:
        qs = qs.exclude(pk=document.pk)
    if qs.exists():
        raise _error(
            "identificatie",
            "Deze identificatie bestaat al voor deze bronorganisatie.",
            "identificatie-niet-uniek",
        )


def _flatten_groups(data: dict) -> dict:
    """Map the ``ondertekening``/``integriteit`` groups of validated data onto the version columns."""
    values = dict(data)
    if "ondertekening" in values:
        group = values.pop("ondertekening") or {}
        values["ondertekening_soort"] = group.get("soort", "")
        values["ondertekening_datum"] = group.get("datum")
    if "integriteit" in values:
        group = values.pop("integriteit") or {}
        values["integriteit_algoritme"] = group.get("algoritme", "")
        values["integriteit_waarde"] = group.get("waarde", "")
        values["integriteit_datum"] = group.get("datum")
    values.pop("lock", None)
    return values


def _sync_identity(document: EnkelvoudigInformatieObject, version: EnkelvoudigInformatieObjectVersie) -> None:
    document.latest_version = version
    document.bronorganisatie = version.bronorganisatie
    document.identificatie = version.identificatie
    document.informatieobjecttype = version.informatieobjecttype
    document.informatieobjecttype_url = version.informatieobjecttype_url
    document.vertrouwelijkheidaanduiding = version.vertrouwelijkheidaanduiding
    document.status = version.status
    document.is_gereed_voor_publicatie = version.is_gereed_voor_publicatie


def _apply_content(document, values: dict, previous: EnkelvoudigInformatieObjectVersie | None) -> bool:
    """Store base64 content or prepare a bestandsdelen upload; returns whether parts must be created."""
    has_inhoud_key = "inhoud" in values
    raw = values.pop("inhoud", None)
    if raw is not None:
        decoded = content.Base64Content(raw)  # checked in place; decoded block by block into the storage
        size = values.get("bestandsomvang")
        if size is not None and size != decoded.size:
            raise _error(
                "bestandsomvang", "De bestandsomvang komt niet overeen met de grootte van de inhoud.", "file-size"
            )
        values["bestandsomvang"] = decoded.size
        values["inhoud"] = content.save_base64(content.content_name(document.uuid), decoded) if decoded.size else ""
        return False
    size = values.get("bestandsomvang")
    if has_inhoud_key or previous is None:
        values["inhoud"] = ""
        values["bestandsomvang"] = size  # no content and no announced size: the old size no longer applies
        return bool(size)
    # inhoud not given on update: keep the content unless a new size announces a new upload
    if size is not None and size != previous.bestandsomvang:
        values["inhoud"] = ""
        return bool(size)
    return False


def _create_parts(document: EnkelvoudigInformatieObject, total: int, new: bool = False) -> None:
    """The empty bestandsdelen of an announced upload (replacing earlier ones unless the document is ``new``)."""
    if not new:
        _drop_parts(document)
    BestandsDeel.objects.bulk_create(
        BestandsDeel(informatieobject=document, volgnummer=index, omvang=size)
        for index, size in enumerate(content.split_sizes(total), start=1)
    )
    if not document.lock:
        document.lock = uuid.uuid4().hex


def _drop_parts(document: EnkelvoudigInformatieObject) -> None:
    parts = list(BestandsDeel.objects.filter(informatieobject=document))
    content.delete_after_commit(part.inhoud.name for part in parts)
    BestandsDeel.objects.filter(pk__in=[p.pk for p in parts]).delete()


def _set_type(values: dict, info: TypeInfo | None) -> None:
    if info is None:
        return
    values["informatieobjecttype"] = info.obj
    values["informatieobjecttype_url"] = "" if info.is_local else info.url


def _save_identity(document: EnkelvoudigInformatieObject, **kwargs) -> None:
    """Insert/update the identity; a concurrent duplicate identificatie is a 400, not a database error."""
    try:
        with transaction.atomic():
            document.save(**kwargs)
    except IntegrityError:
        raise _error(
            "identificatie",
            "Deze identificatie bestaat al voor deze bronorganisatie.",
            "identificatie-niet-uniek",
        )


def create_document(
    data: dict, *, info: TypeInfo, request=None, scope: ScopeExpr | None = None, render: Render | None = None
) -> EnkelvoudigInformatieObject:
    values = _flatten_groups(data)
    values.pop("informatieobjecttype", None)
    # drc-007
    values["vertrouwelijkheidaanduiding"] = (
        values.get("vertrouwelijkheidaanduiding") or info.vertrouwelijkheidaanduiding
    )
    with collect_errors() as errors:  # every rule on the request in one 400 (DECISIONS.md)
        with errors.check():
            validate_drc_001_informatieobjecttype(info)
        if not errors.failed("informatieobjecttype"):  # a concept type is refused with 400 anyway
            check_allowed(request, scope, info.url, values["vertrouwelijkheidaanduiding"])
        with errors.check():
            validate_drc_005_status(values)
        if values.get("indicatie_gebruiksrecht") is True:
            with errors.check():
                validate_drc_006_indicatie_gebruiksrecht(None, True)
        if values.get("identificatie"):
            with errors.check():
                _check_identificatie_unique(values["bronorganisatie"], values["identificatie"])
    _set_type(values, info)

    document = EnkelvoudigInformatieObject(uuid=uuid.uuid4())
    needs_parts = _apply_content(document, values, None)
    if not values.get("identificatie"):
        # last step before the insert: the counter row stays locked until the request's transaction commits
        values["identificatie"] = generate_identificatie(values["bronorganisatie"], values["creatiedatum"].year)
    version = EnkelvoudigInformatieObjectVersie(versie=1, begin_registratie=timezone.now(), **values)
    _sync_identity(document, version)
    document.latest_version = None
    # no savepoint: the request's transaction ends with the error anyway, and a concurrent duplicate identificatie
    # (the unique constraint) is answered as the 400 of _save_identity by the rule registered in apps.py
    document.save()
    version.document = document
    version.save()
    document.latest_version = version
    if needs_parts:
        _create_parts(document, values["bestandsomvang"], new=True)
    else:  # a new document without an upload has no bestandsdelen: rendering it needs no query for them
        document._prefetched_objects_cache = {"bestandsdelen": BestandsDeel.objects.none()}
    document.save(update_fields=["latest_version", "lock"])

    url = object_url(request, document)
    document.rendered = render(document) if render else None  # the response reuses it
    _audit(
        request,
        document,
        actie="create",
        resultaat=201,
        resource="enkelvoudiginformatieobject",
        resource_url=url,
        weergave=version.titel,
        nieuw=document.rendered,
    )
    _notify(request, document, "enkelvoudiginformatieobject", url, "create")
    return document


def update_document(
    document: EnkelvoudigInformatieObject,
    data: dict,
    *,
    partial: bool,
    info: TypeInfo | None = None,
    request=None,
    scope: ScopeExpr | None = None,
    render: Render | None = None,
) -> EnkelvoudigInformatieObject:
    """PUT/PATCH: always a new version (drc-010), copying the previous version's values."""
    document = EnkelvoudigInformatieObject.objects.select_for_update().get(pk=document.pk)
    validate_drc_009_lock(document, data, partial=partial)
    previous = document.latest_version
    oud = render(document) if render else None
    values = _flatten_groups(data)
    values.pop("informatieobjecttype", None)
    merged = {name: getattr(previous, name) for name in VERSION_FIELDS}
    with collect_errors() as errors:  # every rule on the request in one 400 (DECISIONS.md)
        if info is not None:
            with errors.check():
                validate_drc_001_informatieobjecttype(info)
            _set_type(values, info)
            if not values.get("vertrouwelijkheidaanduiding"):
                values.pop("vertrouwelijkheidaanduiding", None)
        elif "vertrouwelijkheidaanduiding" in values and not values["vertrouwelijkheidaanduiding"]:
            values.pop("vertrouwelijkheidaanduiding")
        indicatie = values.get("indicatie_gebruiksrecht")
        if "indicatie_gebruiksrecht" in values and indicatie != previous.indicatie_gebruiksrecht:
            with errors.check():
                validate_drc_006_indicatie_gebruiksrecht(document, indicatie)
        with errors.check():
            validate_drc_005_status({**merged, **values})
        identiteit = {**merged, **values}
        if (
            identiteit["identificatie"] != previous.identificatie
            or identiteit["bronorganisatie"] != previous.bronorganisatie
        ) and identiteit["identificatie"]:
            with errors.check():
                _check_identificatie_unique(identiteit["bronorganisatie"], identiteit["identificatie"], document)
    needs_parts = _apply_content(document, values, previous)
    merged.update(values)
    if merged["identificatie"] != previous.identificatie or merged["bronorganisatie"] != previous.bronorganisatie:
        if not merged["identificatie"]:
            merged["identificatie"] = generate_identificatie(merged["bronorganisatie"], merged["creatiedatum"].year)
            _check_identificatie_unique(merged["bronorganisatie"], merged["identificatie"], document)
    # the client must also be allowed on the resulting type and level (a raised level or a new type)
    check_allowed(
        request,
        scope,
        info.url if info is not None else type_url_of(document, request),
        merged["vertrouwelijkheidaanduiding"],
    )

    version = EnkelvoudigInformatieObjectVersie.objects.create(
        document=document, versie=previous.versie + 1, begin_registratie=timezone.now(), **merged
    )
    _sync_identity(document, version)
    if needs_parts:
        _create_parts(document, merged["bestandsomvang"])
    elif "inhoud" in values:
        _drop_parts(document)
    _save_identity(document)

    url = object_url(request, document)
    actie = "partial_update" if partial else "update"
    _audit(
        request,
        document,
        actie=actie,
        resultaat=200,
        resource="enkelvoudiginformatieobject",
        resource_url=url,
        weergave=version.titel,
        oud=oud,
        nieuw=render(document) if render else None,
    )
    _notify(request, document, "enkelvoudiginformatieobject", url, actie)
    return document


def destroy_document(document: EnkelvoudigInformatieObject, *, request=None) -> None:
    """drc-008: only without objectinformatieobjecten; removes versions, content, parts, rights and audit trail."""
    document = EnkelvoudigInformatieObject.objects.select_for_update().get(pk=document.pk)
    if document.lock:
        raise _error("nonFieldErrors", "Een gelockt document kan niet verwijderd worden.", "destroy-locked")
    if document.objectinformatieobjecten.exists():
        raise _error(
            "nonFieldErrors",
            "Alle relaties met objecten moeten verwijderd zijn voordat het document verwijderd kan worden.",
            "pending-relations",
        )
    url = object_url(request, document)
    kenmerken = _kenmerken(document, request)
    names = list(document.versies.values_list("inhoud", flat=True))
    names += list(document.bestandsdelen.values_list("inhoud", flat=True))
    audit.delete_for(BRON, document.uuid)
    EnkelvoudigInformatieObject.objects.filter(pk=document.pk).update(latest_version=None)
    document.delete()
    content.delete_after_commit(names)
    outbox.publish(
        kanaal=KANAAL,
        hoofd_object=url,
        resource="enkelvoudiginformatieobject",
        resource_url=url,
        actie="destroy",
        kenmerken=kenmerken,
    )
