"""Shared checks, relation resolution (URL or name, DECISIONS.md) and write helpers of the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, models
from django.db.models import ProtectedError, Q
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common import outbox
from zgw.common.errors import NON_FIELD, collect_errors
from zgw.common.exceptions import unique_violation
from zgw.common.references import match_local, object_url

from ..models import (
    BesluitType,
    Catalogus,
    InformatieObjectType,
    ZaakType,
)
from ..selectors import geldig_op_q


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


# --- Relations by URL or by name (DECISIONS.md) -----------------------------------------------------------------

RELATION_KINDS: dict[str, tuple[type[models.Model], str, str]] = {
    # kind: (model, collection, name field)
    "besluittypen": (BesluitType, "besluittypen", "omschrijving"),
    "informatieobjecttypen": (InformatieObjectType, "informatieobjecttypen", "omschrijving"),
    "zaaktypen": (ZaakType, "zaaktypen", "identificatie"),
}


def resolve_relation(
    kind: str,
    value: str,
    *,
    catalogus: Catalogus,
    field: str,
    request=None,
    datum: datetime.date | None = None,
) -> models.Model:
    """One item of a relation list: a URL of a local type, or its omschrijving/identificatie.

    A name resolves, in ``catalogus``, to the version valid on ``datum`` (default today), else the most recent
    version. A URL may name a type of another catalogus: ztc-013 was dropped in Catalogi 1.3.2.
    """
    model, collection, name_field = RELATION_KINDS[kind]
    match = match_local(value, request) if "://" in value else None
    if "://" in value:
        if match is None or (match.api, match.collection) != ("catalogi", collection) or not match.uuid:
            raise _error(
                field,
                f"De URL {value} verwijst niet naar een {model._meta.verbose_name} van deze catalogus.",
                "bad-url",
            )
        obj = model.objects.filter(uuid=match.uuid).first()
        if obj is None:
            raise _error(field, f"Het object {value} bestaat niet.", "does_not_exist")
    else:
        candidates = model.objects.filter(catalogus=catalogus, **{name_field: value})
        obj = (
            candidates.filter(geldig_op_q(datum or datetime.date.today()))
            .order_by("-datum_begin_geldigheid", "-id")
            .first()
            or candidates.order_by("-datum_begin_geldigheid", "-id").first()
        )
        if obj is None:
            raise _error(
                field,
                f"Er bestaat geen {model._meta.verbose_name} met {name_field} '{value}' in de catalogus.",
                "does_not_exist",
            )
    return obj


def resolve_relations(kind: str, values: list[str], **kwargs) -> list[models.Model]:
    """Every item of a relation list; the errors of all failing items are reported together."""
    result: list[models.Model] = []
    with collect_errors() as errors:
        for value in values:
            obj = errors.run(resolve_relation, kind, value, **kwargs)
            if obj is not None and obj not in result:
                result.append(obj)
    return result


# --- Shared validations -----------------------------------------------------------------------------------------


def validate_geldigheid(begin: datetime.date | None, einde: datetime.date | None) -> None:
    """eindeGeldigheid must not precede beginGeldigheid (date-mismatch)."""
    if begin and einde and einde < begin:
        raise _error("eindeGeldigheid", "'Einde geldigheid' moet na 'Begin geldigheid' liggen.", "date-mismatch")


def validate_no_overlap(
    qs: models.QuerySet, instance: models.Model, begin: datetime.date | None, einde: datetime.date | None, field: str
) -> None:
    """Versions of one type (same identificatie/omschrijving in a catalogus) must not overlap in geldigheid.

    ``qs`` holds the other published versions; bounds are inclusive and an empty einde is open-ended.
    """
    others = qs.exclude(pk=instance.pk) if instance.pk else qs
    if begin is None:
        return
    condition = Q(datum_einde_geldigheid__isnull=True) | Q(datum_einde_geldigheid__gte=begin)
    if einde is not None:
        condition &= Q(datum_begin_geldigheid__lte=einde)
    if others.filter(condition).exists():
        raise _error(
            field,
            "Dit type komt al voor binnen de catalogus en opgegeven geldigheidsperiode.",
            "overlap",
        )


def _published_versions(instance: models.Model) -> models.QuerySet:
    if isinstance(instance, ZaakType):
        return ZaakType.objects.filter(
            catalogus_id=instance.catalogus_id, identificatie=instance.identificatie, concept=False
        )
    model = type(instance)
    return model.objects.filter(catalogus_id=instance.catalogus_id, omschrijving=instance.omschrijving, concept=False)


def validate_ztc_009_concept(instance: models.Model, *, geforceerd: bool, changes: dict | None, action: str) -> None:
    """ztc-009: a published main type may not be changed or deleted — except a correctie (geforceerd scope) and a
    PATCH of only ``eindeGeldigheid``."""
    if instance.concept or geforceerd:
        return
    if action == "delete":
        raise _error(NON_FIELD, "Alleen concepten kunnen worden verwijderd.", "non-concept-object")
    if changes is not None and set(changes) <= {"datum_einde_geldigheid"}:
        return
    raise _error(NON_FIELD, "Het is niet toegestaan om een non-concept object bij te werken.", "non-concept-object")


def validate_ztc_010_zaaktype_concept(zaaktype: ZaakType, *, geforceerd: bool, action: str) -> None:
    """ztc-010 (as rewritten in Catalogi 1.3.2): roltypen, statustypen, eigenschappen, zaaktype-informatieobjecttypen,
    resultaattypen and zaakobjecttypen of a published zaaktype may not be created, replaced or patched — except as a
    correctie (scope ``catalogi.geforceerd-schrijven``) — nor deleted (except with
    ``catalogi.geforceerd-verwijderen``, the correctie scope of a delete). Only the zaaktype's state counts."""
    if zaaktype.concept or geforceerd:
        return
    messages = {
        "create": "Creating a relation to non-concept zaaktype is forbidden",
        "update": "Updating an object that has a relation to a non-concept zaaktype is forbidden",
        "delete": "Objecten gerelateerd aan non-concept zaaktypen kunnen niet verwijderd worden.",
    }
    raise _error(NON_FIELD, messages[action], "non-concept-zaaktype")


def _check_unique(qs: models.QuerySet, instance: models.Model | None, field: str, message: str) -> None:
    if instance is not None and instance.pk:
        qs = qs.exclude(pk=instance.pk)
    if qs.exists():
        raise _error(field, message, "unique")


def _apply(instance: models.Model, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(instance, key, value)


def _save(instance: models.Model, update_fields: list[str] | None = None) -> None:
    """Save; a concurrent write that won a unique (or version overlap) race is answered as the sequential check
    would have answered it (the constraint names are registered in ``apps.py``)."""
    try:
        instance.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise unique_violation(exc) or _error(NON_FIELD, "Het object is niet uniek.", "unique") from exc


RESOURCE_BY_KANAAL = {
    "zaaktypen": "zaaktype",
    "besluittypen": "besluittype",
    "informatieobjecttypen": "informatieobjecttype",
}


def _notify(kanaal: str, instance: models.Model, actie: str, request, url: str | None = None) -> None:
    outbox.publish(
        kanaal=kanaal,
        hoofd_object=url or object_url(request, instance),
        resource=RESOURCE_BY_KANAAL[kanaal],
        resource_url=url or object_url(request, instance),
        actie=actie,
        kenmerken={"catalogus": object_url(request, instance.catalogus)},
    )


def _delete(instance: models.Model) -> None:
    try:
        instance.delete()
    except ProtectedError as exc:
        raise _error(
            NON_FIELD, "Het object wordt nog gebruikt en kan niet verwijderd worden.", "pending-relations"
        ) from exc


def _merged(instance: models.Model | None, data: dict, key: str, default: Any = None) -> Any:
    if key in data:
        return data[key]
    return getattr(instance, key, default) if instance is not None else default


def _ref_obj(value):
    """The local row of a validated URLReferenceField value (``Reference``) or the value itself."""
    return getattr(value, "obj", value)


def _resolve_local_urls(values: list[str], model, collection: str, field: str, request) -> list:
    result = []
    for value in values:
        match = match_local(value, request)
        if match is None or (match.api, match.collection) != ("catalogi", collection) or not match.uuid:
            raise _error(field, f"De URL {value} verwijst niet naar een {model._meta.verbose_name}.", "bad-url")
        obj = model.objects.filter(uuid=match.uuid).first()
        if obj is None:
            raise _error(field, f"Het object {value} bestaat niet.", "does_not_exist")
        if obj not in result:
            result.append(obj)
    return result
