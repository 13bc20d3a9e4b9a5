"""The brc business rules (besluiten.md §4), one function per rule id; raised as 400 Problem-JSON by DRF."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from zgw.common.permissions import Scope, ScopeExpr, is_allowed_for
from zgw.common.references import RemoteFetchError, normalise_ref, object_url
from zgw.common.serializers import Reference

from . import related
from .constants import COMPONENT
from .models import Besluit, BesluitInformatieObject

SCOPE_ZAKEN_GEFORCEERD_BIJWERKEN = Scope("zaken.geforceerd-bijwerken")


def error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


# ---- autorisatie -------------------------------------------------------------------------------------------------


def check_allowed(request, scope: ScopeExpr | None, besluittype_url: str) -> None:
    """403 unless the client has ``scope`` for this besluittype (common.md §4.3; brc has no vertrouwelijkheid)."""
    if request is None:
        return
    if not is_allowed_for(getattr(request, "auth", None), COMPONENT, scope, besluittype_url, "", request):
        raise PermissionDenied()


def check_zaak_open(request, zaak: Reference | None) -> None:
    """[OZ] The besluiten of a closed zaak are zaak data (zrc-007): changing them needs
    ``zaken.geforceerd-bijwerken`` for the zaak's zaaktype, else 403."""
    client = getattr(request, "auth", None)
    if request is None or zaak is None or (client is not None and client.heeft_alle_autorisaties):
        return
    try:
        if not related.zaak_is_closed(zaak):
            return
        _, zaaktype_url = related.zaaktype_of_zaak(zaak, request)
        level = related.zaak_vertrouwelijkheid(zaak)
    except RemoteFetchError as exc:
        raise error("zaak", exc.message, exc.code)
    if not is_allowed_for(client, "zrc", SCOPE_ZAKEN_GEFORCEERD_BIJWERKEN, zaaktype_url, level, request):
        raise PermissionDenied("De zaak is afgesloten; hiervoor is de scope zaken.geforceerd-bijwerken nodig.")


# ---- besluit -----------------------------------------------------------------------------------------------------


def validate_brc_001_besluittype_published(besluittype: Reference) -> None:
    """brc-001: the besluittype must be published (``concept: false``)."""
    if related.is_concept(besluittype):
        raise error("besluittype", "Het besluittype is nog niet gepubliceerd.", "not-published")


def validate_brc_001_besluittype_unchanged(besluit: Besluit, besluittype: Reference, request=None) -> None:
    """brc-001: the besluittype of an existing besluit cannot change."""
    current = besluittype_url(besluit, request)
    if normalise_ref(related.url_of(besluittype, request), request) != normalise_ref(current, request):
        raise error("besluittype", "Het besluittype mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")


def validate_brc_002_identificatie_unique(organisatie: str, identificatie: str, exclude: Besluit | None = None) -> None:
    """brc-002: (verantwoordelijkeOrganisatie, identificatie) is unique."""
    if not identificatie:
        return
    qs = Besluit.objects.filter(verantwoordelijke_organisatie=organisatie, identificatie=identificatie)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise identificatie_niet_uniek()


def identificatie_niet_uniek() -> ValidationError:
    return error(
        "identificatie",
        "Deze identificatie bestaat al voor deze verantwoordelijke organisatie.",
        "identificatie-niet-uniek",
    )


def validate_brc_002_unchanged(besluit: Besluit, values: dict) -> None:
    """brc-002: identificatie and verantwoordelijkeOrganisatie of an existing besluit cannot change."""
    errors: dict[str, list[ErrorDetail]] = {}
    identificatie = values.get("identificatie")
    if identificatie and identificatie != besluit.identificatie:
        errors["identificatie"] = [
            ErrorDetail("De identificatie mag niet gewijzigd worden.", code="wijzigen-niet-toegelaten")
        ]
    organisatie = values.get("verantwoordelijke_organisatie")
    if organisatie is not None and organisatie != besluit.verantwoordelijke_organisatie:
        errors["verantwoordelijkeOrganisatie"] = [
            ErrorDetail("De verantwoordelijke organisatie mag niet gewijzigd worden.", code="wijzigen-niet-toegelaten")
        ]
    if errors:
        raise ValidationError(errors)


def validate_brc_007_besluittype_in_zaaktype(besluittype: Reference, zaak: Reference, request=None) -> None:
    """brc-007: the besluittype must be one of the besluittypen of the zaak's zaaktype (``zaaktype-mismatch``).

    A local besluittype never belongs to a remote zaaktype and vice versa (another catalogus)."""
    local_zaaktype_id = getattr(zaak.obj, "zaaktype_id", None) if zaak.obj is not None else None
    if besluittype.obj is not None and local_zaaktype_id is not None:  # both local: one EXISTS, no URLs
        if _listed_in_zaaktype(besluittype.obj, local_zaaktype_id):
            return
        raise error(
            "nonFieldErrors",
            "Het besluittype van het besluit hoort niet bij het zaaktype van de zaak.",
            "zaaktype-mismatch",
        )
    try:
        zaaktype, zaaktype_url = related.zaaktype_of_zaak(zaak, request)
        if (zaaktype is None) != (besluittype.obj is None):
            allowed: set[str] = set()
        else:
            allowed = related.zaaktype_besluittype_refs(zaaktype, zaaktype_url, request)
    except RemoteFetchError as exc:
        raise error("zaak", exc.message, exc.code)
    if normalise_ref(related.url_of(besluittype, request), request) in allowed:
        return
    if besluittype.obj is not None and zaaktype is not None and _same_besluittype_version(besluittype.obj, zaaktype):
        return
    raise error(
        "nonFieldErrors",
        "Het besluittype van het besluit hoort niet bij het zaaktype van de zaak.",
        "zaaktype-mismatch",
    )


def _listed_in_zaaktype(besluittype, zaaktype_id: int) -> bool:
    """The besluittype, or another version of it (same catalogus and omschrijving), is one of the zaaktype's."""
    same = Q(pk=besluittype.pk)
    if getattr(besluittype, "omschrijving", None):
        same |= Q(omschrijving=besluittype.omschrijving, catalogus_id=besluittype.catalogus_id)
    return type(besluittype)._default_manager.filter(same, zaaktypen__id=zaaktype_id).exists()


def _same_besluittype_version(besluittype, zaaktype) -> bool:
    """Catalogi relations are version-independent (by omschrijving): another version of a listed besluittype
    in the same catalogus counts as listed."""
    omschrijving = getattr(besluittype, "omschrijving", None)
    if not omschrijving:
        return False
    return any(
        getattr(other, "omschrijving", None) == omschrijving
        and getattr(other, "catalogus_id", None) == getattr(besluittype, "catalogus_id", None)
        for other in related._related(zaaktype, "besluittypen")
    )


def validate_datum_not_in_future(datum: datetime.date | None) -> None:
    """``datum`` lies in the past or today (OAS description of besluit_create/update)."""
    if datum is not None and datum > timezone.localdate():
        raise error("datum", "De datum mag niet in de toekomst liggen.", "future_not_allowed")


def validate_date_order(values: dict) -> None:
    """Dates that cannot precede the decision or its start ([INF], documented in docs/besluiten.md):
    ``vervaldatum`` ≥ ``ingangsdatum``; ``publicatiedatum``, ``verzenddatum`` and ``uiterlijkeReactiedatum`` ≥
    ``datum``; ``uiterlijkeReactiedatum`` ≥ ``verzenddatum``."""
    checks = (
        ("vervaldatum", "ingangsdatum", "vervaldatum", "De vervaldatum ligt voor de ingangsdatum."),
        ("publicatiedatum", "datum", "publicatiedatum", "De publicatiedatum ligt voor de besluitdatum."),
        ("verzenddatum", "datum", "verzenddatum", "De verzenddatum ligt voor de besluitdatum."),
        (
            "uiterlijke_reactiedatum",
            "datum",
            "uiterlijkeReactiedatum",
            "De uiterlijke reactiedatum ligt voor de besluitdatum.",
        ),
        (
            "uiterlijke_reactiedatum",
            "verzenddatum",
            "uiterlijkeReactiedatum",
            "De uiterlijke reactiedatum ligt voor de verzenddatum.",
        ),
    )
    errors: dict[str, list[ErrorDetail]] = {}
    for later, earlier, name, message in checks:
        late, early = values.get(later), values.get(earlier)
        if late is not None and early is not None and late < early and name not in errors:
            code = f"{name}-voor-{'ingangsdatum' if earlier == 'ingangsdatum' else earlier}"
            errors[name] = [ErrorDetail(message, code=code)]
    if errors:
        raise ValidationError(errors)


# ---- besluitinformatieobject -------------------------------------------------------------------------------------


def validate_brc_008_informatieobjecttype(besluit: Besluit, informatieobject: Reference, request=None) -> None:
    """brc-008: the informatieobjecttype of the document must be one of the besluittype's informatieobjecttypen."""
    iot_id = getattr(informatieobject.obj, "informatieobjecttype_id", None) if informatieobject.obj else None
    if besluit.besluittype_id is not None and iot_id is not None:  # both local: one EXISTS, no URLs
        links = related.get_model("catalogi", "BesluitType").informatieobjecttypen.through._default_manager
        if links.filter(besluittype_id=besluit.besluittype_id, informatieobjecttype_id=iot_id).exists():
            return
        raise _brc_008_error()
    try:
        iot_url = related.informatieobjecttype_of(informatieobject, request)
        allowed = related.besluittype_informatieobjecttype_refs(
            besluit.besluittype, besluittype_url(besluit, request), request
        )
    except RemoteFetchError as exc:
        raise error("informatieobject", exc.message, exc.code)
    if iot_url and normalise_ref(iot_url, request) in allowed:
        return
    raise _brc_008_error()


def _brc_008_error() -> ValidationError:
    return error(
        "nonFieldErrors",
        "Het informatieobjecttype van het informatieobject hoort niet bij het besluittype van het besluit.",
        "missing-besluittype-informatieobjecttype-relation",
    )


def validate_bio_unique(besluit: Besluit, informatieobject: Reference) -> None:
    """(besluit, informatieobject) is unique → ``unique``."""
    qs = BesluitInformatieObject.objects.filter(besluit=besluit)
    if informatieobject.obj is not None:
        qs = qs.filter(informatieobject=informatieobject.obj)
    else:
        qs = qs.filter(informatieobject_url=informatieobject.url)
    if qs.exists():
        raise error("nonFieldErrors", "De velden besluit, informatieobject moeten een unieke set zijn.", "unique")


# ---- helpers -----------------------------------------------------------------------------------------------------


def besluittype_url(besluit: Besluit, request=None) -> str:
    if besluit.besluittype_id is not None:
        return object_url(request, besluit.besluittype)
    return besluit.besluittype_url
