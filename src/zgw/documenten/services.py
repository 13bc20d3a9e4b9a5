"""Writes of the Documenten API and the drc rules they enforce.

Every function runs inside the request's transaction (``ZGWGenericViewSet.dispatch``) or its own atomic block,
writes the audit trail (bron ``drc``) and the outbox notification (kanaal ``documenten``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from zgw.common import audit, outbox
from zgw.common.errors import collect_errors
from zgw.common.identificatie import next_identificatie
from zgw.common.permissions import ScopeExpr, is_allowed_for
from zgw.common.references import object_url

from . import content
from .models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
    Verzending,
)
from .typeinfo import TypeInfo, type_url_of

BRON = "drc"
KANAAL = "documenten"
COMPONENT = "drc"
IDENTIFICATIE_KIND = "document"

Render = Callable[[Any], dict]

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


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


# ---- autorisatie ----------------------------------------------------------------------------------------------


def check_allowed(request, scope: ScopeExpr | None, type_url: str, vertrouwelijkheid: str) -> None:
    """403 unless the client may do ``scope`` on a document of this type and level (common.md §4.3)."""
    if request is None:
        return
    if not is_allowed_for(getattr(request, "auth", None), COMPONENT, scope, type_url, vertrouwelijkheid, request):
        raise PermissionDenied()


def document_subject(document: EnkelvoudigInformatieObject, request=None) -> tuple[str, str]:
    return type_url_of(document, request), document.vertrouwelijkheidaanduiding


# ---- rules ---------------------------------------------------------------------------------------------------


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


# ---- identificatie ---------------------------------------------------------------------------------------------


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


# ---- audit / notifications -------------------------------------------------------------------------------------


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


# ---- documents -------------------------------------------------------------------------------------------------


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
    _save_identity(document)
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


# ---- locking and bestandsdelen -----------------------------------------------------------------------------------


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


# ---- gebruiksrechten ---------------------------------------------------------------------------------------------


def _set_indicatie(document: EnkelvoudigInformatieObject, value) -> None:
    """drc-006: the flag follows the gebruiksrechten; changed in place (no new version, as Open Zaak)."""
    EnkelvoudigInformatieObjectVersie.objects.filter(pk=document.latest_version_id).update(
        indicatie_gebruiksrecht=value
    )


def create_gebruiksrechten(data: dict, *, request=None, render: Render | None = None) -> Gebruiksrechten:
    document = data["informatieobject"]
    recht = Gebruiksrechten.objects.create(**data)
    _set_indicatie(document, True)
    url = object_url(request, recht)
    _audit(
        request,
        document,
        actie="create",
        resultaat=201,
        resource="gebruiksrechten",
        resource_url=url,
        weergave=str(recht),
        nieuw=render(recht) if render else None,
    )
    _notify(request, document, "gebruiksrechten", url, "create")
    return recht


def update_gebruiksrechten(
    recht: Gebruiksrechten, data: dict, *, partial: bool, request=None, render: Render | None = None
) -> Gebruiksrechten:
    new_document = data.pop("informatieobject", None)
    if new_document is not None and new_document.pk != recht.informatieobject_id:
        raise _error("informatieobject", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    oud = render(recht) if render else None
    for name, value in data.items():
        setattr(recht, name, value)
    recht.save()
    url = object_url(request, recht)
    actie = "partial_update" if partial else "update"
    _audit(
        request,
        recht.informatieobject,
        actie=actie,
        resultaat=200,
        resource="gebruiksrechten",
        resource_url=url,
        weergave=str(recht),
        oud=oud,
        nieuw=render(recht) if render else None,
    )
    _notify(request, recht.informatieobject, "gebruiksrechten", url, actie)
    return recht


def destroy_gebruiksrechten(recht: Gebruiksrechten, *, request=None, render: Render | None = None) -> None:
    document = recht.informatieobject
    url = object_url(request, recht)
    oud = render(recht) if render else None
    recht.delete()
    if not document.gebruiksrechten.exists():
        _set_indicatie(document, None)
    _audit(
        request,
        document,
        actie="destroy",
        resultaat=204,
        resource="gebruiksrechten",
        resource_url=url,
        weergave=str(recht),
        oud=oud,
    )
    _notify(request, document, "gebruiksrechten", url, "destroy")


# ---- verzendingen ------------------------------------------------------------------------------------------------


def _addresses_filled(verzending: Verzending) -> list[str]:
    filled = []
    if verzending.binnenlands_huisnummer is not None or verzending.binnenlands_naam_openbare_ruimte:
        filled.append("binnenlandsCorrespondentieadres")
    if verzending.buitenlands_adres_1 or verzending.buitenlands_land_postadres:
        filled.append("buitenlandsCorrespondentieadres")
    if verzending.post_bus_of_antwoordnummer is not None or verzending.postadres_type:
        filled.append("correspondentiePostadres")
    for name, label in (
        ("faxnummer", "faxnummer"),
        ("emailadres", "emailadres"),
        ("telefoonnummer", "telefoonnummer"),
    ):
        if getattr(verzending, name):
            filled.append(label)
    if verzending.mijn_overheid:
        filled.append("mijnOverheid")
    return filled


def validate_verzending_address(verzending: Verzending) -> None:
    """A Verzending goes to/from exactly one address (documenten.md §6)."""
    if len(_addresses_filled(verzending)) != 1:
        raise _error(
            "nonFieldErrors",
            "Een verzending moet precies één adres hebben (correspondentieadres, postadres, fax, e-mail, "
            "MijnOverheid of telefoon).",
            "invalid-address",
        )


def save_verzending(
    verzending: Verzending, values: dict, *, actie: str, request=None, render: Render | None = None
) -> Verzending:
    """Create/update a Verzending; audited under its document (common.md §10: writes on related objects)."""
    oud = render(verzending) if render and verzending.pk else None
    for name, value in values.items():
        setattr(verzending, name, value)
    validate_verzending_address(verzending)
    verzending.save()
    url = object_url(request, verzending)
    _audit(
        request,
        verzending.informatieobject,
        actie=actie,
        resultaat=201 if actie == "create" else 200,
        resource="verzending",
        resource_url=url,
        weergave=str(verzending),
        oud=oud,
        nieuw=render(verzending) if render else None,
    )
    _notify(request, verzending.informatieobject, "verzending", url, actie)
    return verzending


def destroy_verzending(verzending: Verzending, *, request=None, render: Render | None = None) -> None:
    url = object_url(request, verzending)
    document = verzending.informatieobject
    oud = render(verzending) if render else None
    verzending.delete()
    _audit(
        request,
        document,
        actie="destroy",
        resultaat=204,
        resource="verzending",
        resource_url=url,
        weergave=str(verzending),
        oud=oud,
    )
    _notify(request, document, "verzending", url, "destroy")


# ---- objectinformatieobjecten (the mirror) -------------------------------------------------------------------------

from .relations import (  # noqa: E402 - re-exported contract for Zaken/Besluiten
    create_objectinformatieobject,
    destroy_objectinformatieobject,
    link_object,
    unlink_object,
)

__all__ = [
    "create_document",
    "update_document",
    "destroy_document",
    "lock_document",
    "unlock_document",
    "upload_part",
    "create_gebruiksrechten",
    "update_gebruiksrechten",
    "destroy_gebruiksrechten",
    "save_verzending",
    "destroy_verzending",
    "link_object",
    "unlink_object",
    "create_objectinformatieobject",
    "destroy_objectinformatieobject",
]
