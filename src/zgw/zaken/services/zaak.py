"""Writes of a zaak itself and the zrc rules on them (zrc-001, -002, -013, -014, -015, -022, -023)."""

from __future__ import annotations

from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from zgw.common import audit, outbox
from zgw.common.errors import NON_FIELD, ErrorCollector, collect_errors
from zgw.common.identificatie import next_identificatie
from zgw.common.permissions import is_allowed_for

from .. import typeinfo, zaaknummers
from ..models import Zaak
from .common import (
    BRON,
    IDENTIFICATIE_KIND,
    KANAAL,
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD,
    SCOPE_VERWIJDEREN,
    Render,
    _document_field,
    _log,
    check_zaak_allowed,
    check_zrc_007_closed,
    error,
    kenmerken,
    zaak_url,
)
from .relations import _unmirror_zio


def generate_identificatie(bronorganisatie: str, year: int) -> str:
    """zrc-002: ``ZAAK-<year>-<10 digits>`` per bronorganisatie from the shared race-free counter (DECISIONS.md)."""
    return next_identificatie(
        IDENTIFICATIE_KIND,
        bronorganisatie,
        year,
        format=lambda number: f"ZAAK-{year}-{number:010d}",
        is_taken=lambda value: zaaknummers.is_taken(bronorganisatie, value),  # reserved numbers are skipped too
    )


def validate_zrc_001_zaaktype(ref) -> None:
    if ref is None:
        return
    if typeinfo.zaaktype_concept(ref.obj, ref.data):
        raise error("zaaktype", "Het zaaktype is nog niet gepubliceerd.", "not-published")


def validate_zrc_002_identificatie(bronorganisatie: str, identificatie: str, zaak: Zaak | None) -> None:
    qs = Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    if zaak is not None:
        qs = qs.exclude(pk=zaak.pk)
    if qs.exists():
        raise error(
            "identificatie", "Deze identificatie bestaat al voor deze bronorganisatie.", "identificatie-niet-uniek"
        )


def validate_zrc_013_hoofdzaak(hoofdzaak: Zaak | None, zaak: Zaak | None) -> None:
    """zrc-013: a hoofdzaak may not itself be a deelzaak, nor the zaak itself."""
    if hoofdzaak is None:
        return
    if zaak is not None and hoofdzaak.pk == zaak.pk:
        raise error("hoofdzaak", "Een zaak kan niet zijn eigen hoofdzaak zijn.", "self-forbidden")
    if hoofdzaak.hoofdzaak_id is not None:
        raise error("hoofdzaak", "Een deelzaak kan geen hoofdzaak zijn.", "deelzaak-als-hoofdzaak")
    if zaak is not None and zaak.deelzaken.exists():
        raise error("hoofdzaak", "Een hoofdzaak kan geen deelzaak worden.", "deelzaak-als-hoofdzaak")


def validate_zrc_015_producten(zaaktype, zaaktype_url: str, producten: list[str]) -> None:
    allowed = set(typeinfo.zaaktype_producten(zaaktype, zaaktype_url))
    if any(p not in allowed for p in producten):
        raise error(
            "productenOfDiensten",
            "Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype.",
            "invalid-products-services",
        )


def validate_zrc_014_betaling(values: dict) -> None:
    if values.get("betalingsindicatie") == "nvt" and values.get("laatste_betaaldatum"):
        raise error(
            "laatsteBetaaldatum",
            "De laatste betaaldatum kan niet gezet worden als de betalingsindicatie 'nvt' is.",
            "betaling-nvt",
        )
    betaald = values.get("laatste_betaaldatum")
    if betaald and betaald > timezone.now():
        raise error("laatsteBetaaldatum", "De datum mag niet in de toekomst liggen.", "future_not_allowed")


def _apply_zaaktype(zaak: Zaak, ref) -> None:
    zaak.zaaktype = ref.obj
    zaak.zaaktype_url = "" if ref.obj is not None else ref.url


def set_geometry(zaak: Zaak, geometry: dict | None) -> None:
    """Store the GeoJSON and its bounding box (the indexed SQL prefilter of zaakgeometrie.within)."""
    zaak.zaakgeometrie = geometry
    if not geometry:
        zaak.geo_min_x = zaak.geo_min_y = zaak.geo_max_x = zaak.geo_max_y = None
        return
    from shapely.geometry import shape

    minx, miny, maxx, maxy = shape(geometry).bounds
    zaak.geo_min_x, zaak.geo_min_y, zaak.geo_max_x, zaak.geo_max_y = minx, miny, maxx, maxy


ZAAK_FIELDS = (
    "identificatie bronorganisatie omschrijving toelichting registratiedatum verantwoordelijke_organisatie startdatum "
    "einddatum_gepland uiterlijke_einddatum_afdoening publicatiedatum communicatiekanaal producten_of_diensten "
    "vertrouwelijkheidaanduiding betalingsindicatie laatste_betaaldatum verlenging opschorting selectielijstklasse "
    "relevante_andere_zaken kenmerken archiefnominatie archiefstatus archiefactiedatum opdrachtgevende_organisatie "
    "processobjectaard startdatum_bewaartermijn processobject"
).split()


def _assign(zaak: Zaak, values: dict) -> None:
    for name in ZAAK_FIELDS:
        if name in values:
            setattr(zaak, name, values[name])
    if "zaakgeometrie" in values:
        set_geometry(zaak, values["zaakgeometrie"])
    if "hoofdzaak" in values:
        ref = values["hoofdzaak"]
        zaak.hoofdzaak = ref.obj if ref is not None else None
    if zaak.betalingsindicatie == "nvt":
        zaak.laatste_betaaldatum = None


def validate_zrc_022_archiefstatus(zaak: Zaak, values: dict) -> None:
    """zrc-022: archiefstatus other than nog_te_archiveren needs all documents archived and the archive fields."""
    status = values.get("archiefstatus")
    if not status or status == "nog_te_archiveren":
        return
    nominatie = values.get("archiefnominatie", zaak.archiefnominatie)
    datum = values.get("archiefactiedatum", zaak.archiefactiedatum)
    with collect_errors() as errors:  # both missing fields reported together (DECISIONS.md)
        if not nominatie:
            with errors.check():
                raise error("archiefnominatie", "Moet van een waarde voorzien zijn.", "archiefnominatie-not-set")
        if not datum:
            with errors.check():
                raise error("archiefactiedatum", "Moet van een waarde voorzien zijn.", "archiefactiedatum-not-set")
    if zaak.pk is None:
        return
    for zio in zaak.zaakinformatieobjecten.select_related("informatieobject__latest_version"):
        status_doc = _document_field(zio, "status")
        if status_doc != "gearchiveerd":
            raise error(
                "archiefstatus",
                "Er zijn gerelateerde informatieobjecten waarvan de status nog niet gelijk is aan 'gearchiveerd'.",
                "documents-not-archived",
            )


def create_zaak(values: dict, *, request, render: Render) -> Zaak:
    ref = values.pop("zaaktype")
    client = getattr(request, "auth", None)
    zaak = Zaak()
    _apply_zaaktype(zaak, ref)
    if not values.get("vertrouwelijkheidaanduiding"):
        values["vertrouwelijkheidaanduiding"] = typeinfo.zaaktype_vertrouwelijkheid(ref.obj, ref.url)  # zrc-009
    with collect_errors() as errors:
        with errors.check():
            validate_zrc_001_zaaktype(ref)
        # a concept zaaktype is refused with 400 anyway (as before); the autorisatie is checked for a usable one
        if not errors.failed("zaaktype") and not is_allowed_for(
            client, BRON, SCOPE_AANMAKEN, ref.url, values.get("vertrouwelijkheidaanduiding", ""), request
        ):
            raise PermissionDenied("U heeft geen rechten om zaken van dit zaaktype aan te maken.")
        _check_new_zaak_rules(zaak, ref, values, errors)
    if not values.get("identificatie"):
        values["identificatie"] = generate_identificatie(values["bronorganisatie"], values["startdatum"].year)
    else:  # a reserved number of this bronorganisatie is used up by the zaak that takes it
        zaaknummers.consume(values["bronorganisatie"], values["identificatie"])
    _assign(zaak, values)
    zaak.save()
    _without_relations(zaak)
    zaak.rendered = render(zaak)
    url = zaak_url(request, zaak)
    _log(request, zaak, "zaak", url, "create", None, zaak.rendered, 201, zaak.identificatie)
    return zaak


def _check_new_zaak_rules(zaak: Zaak, ref, values: dict, errors: ErrorCollector) -> None:
    """zrc-013/015/014/022/002 of a new zaak; ``values`` may be partial (a rule whose field is missing skips)."""
    with errors.check():
        validate_zrc_013_hoofdzaak(values.get("hoofdzaak") and values["hoofdzaak"].obj, None)
    if ref is not None:
        with errors.check():
            validate_zrc_015_producten(ref.obj, ref.url, values.get("producten_of_diensten") or [])
    with errors.check():
        validate_zrc_014_betaling(values)
    with errors.check():
        validate_zrc_022_archiefstatus(zaak, values)
    if values.get("identificatie") and values.get("bronorganisatie"):
        with errors.check():
            validate_zrc_002_identificatie(values["bronorganisatie"], values["identificatie"], None)


def check_create_zaak_rules(values: dict, errors: ErrorCollector, *, request) -> None:
    """The create rules on the fields that passed when others failed (one 400, DECISIONS.md); checks only.

    Rules that read stored zaken (zrc-013, zrc-002) run only once the client may create zaken of this zaaktype, so a
    400 tells nothing more than the 403 would; without a usable zaaktype only the self-contained rules run."""
    ref = values.get("zaaktype")
    zaak = Zaak()
    if ref is None:
        with errors.check():
            validate_zrc_014_betaling(values)
        with errors.check():
            validate_zrc_022_archiefstatus(zaak, values)
        return
    _apply_zaaktype(zaak, ref)
    with errors.check():
        validate_zrc_001_zaaktype(ref)
    level = values.get("vertrouwelijkheidaanduiding") or typeinfo.zaaktype_vertrouwelijkheid(ref.obj, ref.url)
    if not errors.failed("zaaktype") and not is_allowed_for(
        getattr(request, "auth", None), BRON, SCOPE_AANMAKEN, ref.url, level, request
    ):
        raise PermissionDenied("U heeft geen rechten om zaken van dit zaaktype aan te maken.")
    _check_new_zaak_rules(zaak, ref, values, errors)


def _without_relations(zaak: Zaak) -> None:
    """A zaak just inserted has no deelzaken, rollen, statussen, ... yet: give it what ``selectors.zaken()`` would
    annotate (empty URL lists, no status, no resultaat), so rendering it needs no query."""
    from ..selectors import AGGREGATED

    for name in AGGREGATED:
        setattr(zaak, name, [])
    zaak._status_uuid = None
    zaak._state.fields_cache["resultaat"] = None


def update_zaak(zaak: Zaak, values: dict, *, request, render: Render, partial: bool) -> Zaak:
    check_zrc_007_closed(zaak, request)
    oud = render(zaak)
    with collect_errors() as errors:
        if "identificatie" in values and values["identificatie"] != zaak.identificatie:
            errors.add("identificatie", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
        if "zaaktype" in values:
            ref = values.pop("zaaktype")
            if typeinfo.type_url(ref.obj, ref.url, request) != typeinfo.zaaktype_url(zaak, request):
                with errors.check():
                    validate_zrc_001_zaaktype(ref)
                if not is_allowed_for(request.auth, BRON, SCOPE_BIJWERKEN | SCOPE_GEFORCEERD, ref.url, "", request):
                    raise PermissionDenied("U heeft geen rechten voor het nieuwe zaaktype.")
                if not errors.failed("zaaktype"):
                    _apply_zaaktype(zaak, ref)
        if "hoofdzaak" in values:
            with errors.check():
                validate_zrc_013_hoofdzaak(values["hoofdzaak"] and values["hoofdzaak"].obj, zaak)
        if "producten_of_diensten" in values and not errors.failed("zaaktype"):
            with errors.check():
                validate_zrc_015_producten(zaak.zaaktype, zaak.zaaktype_url, values["producten_of_diensten"] or [])
        merged = {"betalingsindicatie": zaak.betalingsindicatie, **values}
        if "laatste_betaaldatum" in values:
            with errors.check():
                validate_zrc_014_betaling(merged)
        with errors.check():
            validate_zrc_022_archiefstatus(zaak, values)
    if not partial and not values.get("vertrouwelijkheidaanduiding"):
        values["vertrouwelijkheidaanduiding"] = typeinfo.zaaktype_vertrouwelijkheid(zaak.zaaktype, zaak.zaaktype_url)
    _assign(zaak, values)
    zaak.save()
    actie = "partial_update" if partial else "update"
    _log(request, zaak, "zaak", zaak_url(request, zaak), actie, oud, render(zaak), 200, zaak.identificatie)
    return zaak


def _with_deelzaken(zaak: Zaak) -> list[Zaak]:
    """The zaak and its deelzaken at every depth, deepest first (the order in which they can be deleted)."""
    levels = [[zaak]]
    while True:
        below = list(Zaak.objects.filter(hoofdzaak__in=levels[-1]).order_by("pk"))
        if not below:
            break
        levels.append(below)
    return [z for level in reversed(levels) for z in level]


def validate_zrc_023_no_besluiten(zaken: list[Zaak]) -> None:
    """zrc-023 [OZ]: a zaak (or one of its deelzaken) that besluiten still point at cannot be deleted."""
    from django.apps import apps

    besluit_model = apps.get_model("besluiten", "Besluit")
    if not any(f.name == "zaak" for f in besluit_model._meta.get_fields()):
        return
    if besluit_model.objects.filter(zaak__in=zaken).exists():
        raise error(NON_FIELD, "Er zijn nog besluiten aan deze zaak of een deelzaak gekoppeld.", "related-besluiten")


def destroy_zaak(zaak: Zaak, *, request) -> None:
    """zrc-023: delete the zaak with everything that belongs to it, its deelzaken recursively included.

    Each deleted deelzaak is treated as a directly deleted zaak: the client needs the scope for it (zrc-006/007),
    its document mirrors go, a ``destroy`` notification is sent and its audit trail is removed.
    """
    zaken = _with_deelzaken(zaak)
    for item in zaken:
        check_zrc_007_closed(item, request)
        if item.pk != zaak.pk:
            check_zaak_allowed(item, request, SCOPE_VERWIJDEREN)
    validate_zrc_023_no_besluiten(zaken)
    for item in zaken:
        url = zaak_url(request, item)
        for zio in list(item.zaakinformatieobjecten.all()):
            _unmirror_zio(zio, request)
        outbox.publish(
            kanaal=KANAAL,
            hoofd_object=url,
            resource="zaak",
            resource_url=url,
            actie="destroy",
            kenmerken=kenmerken(item, request),
        )
        uuid = item.uuid
        item.delete()
        audit.delete_for(BRON, uuid)
