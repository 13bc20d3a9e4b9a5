"""Every write of the Zaken API and the zrc rules it enforces (one transaction per request, see viewsets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from zgw.common import audit, outbox
from zgw.common.errors import NON_FIELD, ErrorCollector, collect_errors
from zgw.common.identificatie import next_identificatie
from zgw.common.permissions import Scope, is_allowed_for
from zgw.common.references import (
    RemoteFetchError,
    json_of,
    match_local,
    object_url,
    remote_call,
    resource_url,
    results_of,
)

from . import archiving, typeinfo, zaaknummers
from .models import (
    Resultaat,
    Rol,
    Status,
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


# ---- helpers ------------------------------------------------------------------------------------------------


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


# ---- zaak ---------------------------------------------------------------------------------------------------


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


def _document_field(zio: ZaakInformatieObject, name: str):
    doc = zio.informatieobject
    if doc is not None:
        version = getattr(doc, "latest_version", None)
        return getattr(version, name, None) if version is not None else getattr(doc, name, None)
    from zgw.common.references import RemoteFetchError, fetch_json

    camel = {"indicatie_gebruiksrecht": "indicatieGebruiksrecht"}.get(name, name)
    try:
        return (fetch_json(zio.informatieobject_url, use_cache=False) or {}).get(camel)
    except RemoteFetchError:
        return None


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
    from .selectors import AGGREGATED

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


# ---- generic sub-resources ----------------------------------------------------------------------------------


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


# ---- status (zrc-007, zrc-008) ------------------------------------------------------------------------------


def status_before_startdatum(zaak: Zaak, gezet: dt.datetime) -> bool:
    """Zaken 1.6+ (no rule id): ``datumStatusGezet`` may not lie before the zaak's ``startdatum`` (the calendar day
    in the server's time zone; docs/decisions.md)."""
    return zaak.startdatum is not None and timezone.localtime(gezet).date() < zaak.startdatum


def create_status(values: dict, *, request, render: Render) -> Status:
    zaak: Zaak = values["zaak"].obj
    ref = values["statustype"]
    client = request.auth
    zt_url = typeinfo.zaaktype_url(zaak, request)
    level = zaak.vertrouwelijkheidaanduiding
    eind = typeinfo.is_eindstatus(ref.obj, ref.url)
    if not client.heeft_alle_autorisaties:
        if zaak.einddatum is not None:
            if not is_allowed_for(client, BRON, SCOPE_HEROPENEN | SCOPE_GEFORCEERD, zt_url, level, request):
                raise PermissionDenied("Het heropenen van een gesloten zaak vereist de scope zaken.heropenen.")
        elif not is_allowed_for(
            client, BRON, SCOPE_STATUSSEN | SCOPE_HEROPENEN | SCOPE_GEFORCEERD, zt_url, level, request
        ):
            if not is_allowed_for(client, BRON, SCOPE_AANMAKEN, zt_url, level, request) or zaak.statussen.exists():
                raise PermissionDenied("Met alleen zaken.aanmaken mag enkel de eerste status gezet worden.")
    # the scopes first (403), then every rule on the request together (400)
    with collect_errors() as errors:
        with errors.check():
            validate_type_in_zaaktype(ref, zaak, "statustype", "zaaktype-mismatch", request)
        gezet = values["datum_status_gezet"]
        if gezet > timezone.now() + dt.timedelta(seconds=5):
            errors.add("datumStatusGezet", "De datum mag niet in de toekomst liggen.", "date-in-future")
        if status_before_startdatum(zaak, gezet):
            errors.add(
                "datumStatusGezet", "De datum mag niet voor de startdatum van de zaak liggen.", "before-startdatum"
            )
        if Status.objects.filter(zaak=zaak, datum_status_gezet=gezet).exists():
            errors.add(NON_FIELD, "De velden zaak, datumStatusGezet moeten een unieke set zijn.", "unique")
        gezetdoor = values.get("gezetdoor")
        if gezetdoor is not None and gezetdoor.obj.zaak_id != zaak.pk:
            errors.add("gezetdoor", "De rol hoort niet bij deze zaak.", "zaak-mismatch")
    status = Status(
        zaak=zaak,
        statustype=ref.obj,
        statustype_url="" if ref.obj is not None else ref.url,
        datum_status_gezet=gezet,
        statustoelichting=values.get("statustoelichting", ""),
        gezetdoor=gezetdoor.obj if gezetdoor is not None else None,
    )
    if eind:
        close_zaak(zaak, gezet)
    elif zaak.einddatum is not None:
        # zrc-008: re-open
        zaak.einddatum = None
        zaak.archiefnominatie = None
        zaak.archiefactiedatum = None
        zaak.startdatum_bewaartermijn = None
        zaak.save()
    status.save()
    status.rendered = render(status)
    _log(request, zaak, "status", sub_url(request, status), "create", None, status.rendered, 201)
    return status


def close_zaak(zaak: Zaak, gezet: dt.datetime) -> None:
    """zrc-007: the eindstatus needs a resultaat and unlocked documents with indicatieGebruiksrecht.

    Derives the archiving fields (zrc-021) and sets the einddatum.
    """
    resultaat = Resultaat.objects.filter(zaak=zaak).select_related("resultaattype").first()
    if resultaat is None:
        raise error("nonFieldErrors", "De zaak heeft geen resultaat.", "resultaat-does-not-exist")
    for zio in zaak.zaakinformatieobjecten.select_related("informatieobject__latest_version"):
        if _document_field(zio, "indicatie_gebruiksrecht") is None:
            raise error(
                "nonFieldErrors",
                "Van alle informatieobjecten moet de indicatie gebruiksrecht gezet zijn.",
                "indicatiegebruiksrecht-unset",
            )
        doc = zio.informatieobject
        locked = doc.locked if doc is not None else bool(_document_field(zio, "locked"))
        if locked:
            raise error(
                "nonFieldErrors",
                "Er zijn gerelateerde informatieobjecten die gelocked zijn.",
                "informatieobject-locked",
            )
    einddatum = gezet.date()
    archiving.derive_on_close(zaak, resultaat, einddatum)
    zaak.einddatum = einddatum
    zaak.save()


# ---- zaakinformatieobject (zrc-003..005) ---------------------------------------------------------------------


def _remote_api_root(url: str) -> str:
    marker = "/enkelvoudiginformatieobjecten/"
    return url.split(marker)[0] if marker in url else url.rsplit("/", 2)[0]


def _mirror_zio(zio: ZaakInformatieObject, request) -> None:
    url = zaak_url(request, zio.zaak)
    if zio.informatieobject is not None:
        from zgw.documenten.relations import link_object

        link_object(informatieobject=zio.informatieobject, object_type="zaak", object_url=url, zaak=zio.zaak)
        return
    root = _remote_api_root(zio.informatieobject_url)
    body = {"informatieobject": zio.informatieobject_url, "object": url, "objectType": "zaak"}
    try:
        remote_call("POST", f"{root}/objectinformatieobjecten", json=body, ok=(200, 201))
    except RemoteFetchError:
        raise error(
            "informatieobject", "De relatie kon niet gespiegeld worden in de Documenten API.", "pending-relations"
        )


def _unmirror_zio(zio: ZaakInformatieObject, request) -> None:
    url = zaak_url(request, zio.zaak)
    if zio.informatieobject is not None:
        from zgw.documenten.relations import unlink_object

        unlink_object(informatieobject=zio.informatieobject, object_type="zaak", object_url=url)
        return
    root = _remote_api_root(zio.informatieobject_url)
    query = {"informatieobject": zio.informatieobject_url, "object": url}
    try:
        found = remote_call("GET", f"{root}/objectinformatieobjecten", params=query)
        for item in results_of(json_of(found), strict=True):
            remote_call("DELETE", item["url"], ok=(200, 204, 404))
    except (RemoteFetchError, KeyError, TypeError):
        raise error(
            "informatieobject", "De relatie kon niet verwijderd worden in de Documenten API.", "pending-relations"
        )


def _informatieobjecttype_of(ref, request):
    """(local InformatieObjectType or None, URL) of the document behind a ZIO reference."""
    if ref.obj is not None:
        return ref.obj.informatieobjecttype, ref.obj.informatieobjecttype_url
    url = (ref.data or {}).get("informatieobjecttype") or ""
    match = match_local(url, request) if isinstance(url, str) and url else None
    if match is not None and match.model is not None and match.uuid:
        return match.model._default_manager.filter(uuid=match.uuid).first(), url
    return None, url if isinstance(url, str) else ""


def validate_zrc_017_informatieobjecttype(zaak: Zaak, ref, request) -> None:
    """zrc-017: the document's informatieobjecttype must be one of the zaaktype's informatieobjecttypen.

    Local types are compared per version (same catalogus + omschrijving, as the zaaktype lists them); a local type
    and a remote one can never belong to the same catalogus.
    """
    iot, iot_url = _informatieobjecttype_of(ref, request)
    if zaak.zaaktype is not None:
        allowed = iot is not None and (
            zaak.zaaktype.ziots.filter(
                informatieobjecttype__catalogus_id=getattr(iot, "catalogus_id", None),
                informatieobjecttype__omschrijving=getattr(iot, "omschrijving", None),
            ).exists()
        )
    else:
        listed = typeinfo.remote(zaak.zaaktype_url).get("informatieobjecttypen") or []
        allowed = iot is None and bool(iot_url) and iot_url in listed
    if not allowed:
        raise error(
            "nonFieldErrors",
            "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.",
            "missing-zaaktype-informatieobjecttype-relation",
        )


def create_zio(values: dict, *, request, render: Render) -> ZaakInformatieObject:
    zaak: Zaak = values["zaak"].obj
    ref = values["informatieobject"]
    if zaak.archiefstatus != "nog_te_archiveren":
        raise error(
            "nonFieldErrors",
            "De archiefstatus van de zaak moet 'nog_te_archiveren' zijn.",
            "zaak-archiefstatus-invalid",
        )
    with collect_errors() as errors:
        exists = ZaakInformatieObject.objects.filter(zaak=zaak)
        exists = (
            exists.filter(informatieobject=ref.obj)
            if ref.obj is not None
            else exists.filter(informatieobject_url=ref.url)
        )
        if exists.exists():
            errors.add(NON_FIELD, "De velden zaak, informatieobject moeten een unieke set zijn.", "unique")
        with errors.check():
            validate_zrc_017_informatieobjecttype(zaak, ref, request)
    zio = ZaakInformatieObject(
        zaak=zaak,
        informatieobject=ref.obj,
        informatieobject_url="" if ref.obj is not None else ref.url,
        titel=values.get("titel", ""),
        beschrijving=values.get("beschrijving", ""),
        vernietigingsdatum=values.get("vernietigingsdatum"),
        status=_status_of(values.get("status"), zaak),
    )
    save_sub(zio, zaak=zaak, resource="zaakinformatieobject", request=request, render=render, actie="create")
    _mirror_zio(zio, request)
    return zio


def _status_of(ref, zaak: Zaak):
    if ref is None:
        return None
    if ref.obj.zaak_id != zaak.pk:
        raise error("status", "De status hoort niet bij deze zaak.", "zaak-mismatch")
    return ref.obj


def update_zio(zio: ZaakInformatieObject, values: dict, *, request, render: Render, partial: bool) -> None:
    oud = render(zio)
    if "zaak" in values and values["zaak"].obj.pk != zio.zaak_id:
        raise error("zaak", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    if "informatieobject" in values:
        ref = values["informatieobject"]
        same = (ref.obj is not None and ref.obj.pk == zio.informatieobject_id) or (
            ref.obj is None and ref.url == zio.informatieobject_url
        )
        if not same:
            raise error("informatieobject", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    for name in ("titel", "beschrijving", "vernietigingsdatum"):
        if name in values:
            setattr(zio, name, values[name])
    if "status" in values:
        zio.status = _status_of(values["status"], zio.zaak)
    actie = "partial_update" if partial else "update"
    save_sub(zio, zaak=zio.zaak, resource="zaakinformatieobject", request=request, render=render, actie=actie, oud=oud)


def destroy_zio(zio: ZaakInformatieObject, *, request, render: Render) -> None:
    _unmirror_zio(zio, request)
    destroy_sub(zio, zaak=zio.zaak, resource="zaakinformatieobject", request=request, render=render)


def zaak_has_informatieobject(object_url: str, informatieobject_url: str, request) -> bool:
    """drc-004 checker registered with common.relations: does this zaak link this document?"""
    zaak_match = match_local(object_url, request)
    if zaak_match is None or not zaak_match.uuid:
        return False
    qs = ZaakInformatieObject.objects.filter(zaak__uuid=zaak_match.uuid)
    io_match = match_local(informatieobject_url, request)
    if io_match is not None:
        return qs.filter(informatieobject__uuid=io_match.uuid).exists()
    return qs.filter(informatieobject_url=informatieobject_url).exists()


# ---- zaakbesluit (mirror for the Besluiten API) ----------------------------------------------------------------


def _zaakbesluit_body(request, obj: ZaakBesluit) -> dict:
    return {"url": sub_url(request, obj), "uuid": str(obj.uuid), "besluit": obj.besluit_url}


def link_besluit(*, zaak: Zaak, besluit_url: str, besluit=None, request=None, new: bool = False) -> ZaakBesluit:
    """The ZaakBesluit mirror of ``besluit.zaak`` (brc-006), written by the Besluiten API.

    With ``request`` the new relation is also written to the zaak's audit trail (a change to a related object);
    ``new``: the besluit was created in this transaction, so there is no mirror to look for.
    """
    existing = None if new else ZaakBesluit.objects.filter(zaak=zaak, besluit_url=besluit_url).first()
    if existing is not None:
        return existing
    obj = ZaakBesluit.objects.create(zaak=zaak, besluit=besluit, besluit_url=besluit_url)
    if request is not None:
        _log(request, zaak, "zaakbesluit", sub_url(request, obj), "create", None, _zaakbesluit_body(request, obj), 201)
    return obj


def create_zaakbesluit_direct(zaak: Zaak, besluit_url: str, request, render: Render | None = None) -> ZaakBesluit:
    """A consumer POST on /zaken/{uuid}/besluiten: a local besluit must already point at this zaak.

    A newly stored relation is written to the zaak's audit trail (common.md: every create is logged).
    """
    match = match_local(besluit_url, request)
    besluit = None
    if match is not None:
        besluit = match.model._default_manager.filter(uuid=match.uuid).first() if match.model and match.uuid else None
        if besluit is None or getattr(besluit, "zaak_id", None) != zaak.pk:
            raise error("besluit", "Het besluit verwijst niet naar deze zaak.", "inconsistent-relation")
    existed = ZaakBesluit.objects.filter(zaak=zaak, besluit_url=besluit_url).exists()
    obj = link_besluit(zaak=zaak, besluit_url=besluit_url, besluit=besluit)
    if render is not None and not existed:
        _log(request, zaak, "zaakbesluit", sub_url(request, obj), "create", None, render(obj), 201)
    return obj


def destroy_zaakbesluit_direct(zaakbesluit: ZaakBesluit, request=None, render: Render | None = None) -> None:
    besluit = zaakbesluit.besluit
    if besluit is not None and getattr(besluit, "zaak_id", None) == zaakbesluit.zaak_id:
        raise error("nonFieldErrors", "Het besluit verwijst nog naar deze zaak.", "inconsistent-relation")
    url = sub_url(request, zaakbesluit)
    oud = render(zaakbesluit) if render is not None else None
    zaakbesluit.delete()
    if render is not None:
        _log(request, zaakbesluit.zaak, "zaakbesluit", url, "destroy", oud, None, 204)


def unlink_besluit(*, zaak: Zaak, besluit_url: str, request=None) -> None:
    for obj in ZaakBesluit.objects.filter(zaak=zaak, besluit_url=besluit_url):
        if request is not None:
            body = _zaakbesluit_body(request, obj)
            _log(request, zaak, "zaakbesluit", body["url"], "destroy", body, None, 204)
        obj.delete()


# ---- rol ----------------------------------------------------------------------------------------------------

IDENT_KEYS = {
    "natuurlijk_persoon": ("inpBsn", "anpIdentificatie", "inpA_nummer"),
    "niet_natuurlijk_persoon": ("innNnpId", "annIdentificatie"),
    "vestiging": ("vestigingsNummer",),
    "organisatorische_eenheid": ("identificatie",),
    "medewerker": ("identificatie",),
}


def ident_key(betrokkene_type: str, ident: dict | None) -> str:
    """A compact, indexed copy of the main identification value, for the betrokkeneIdentificatie filters."""
    if not ident:
        return ""
    for key in IDENT_KEYS.get(betrokkene_type, ()):
        if ident.get(key):
            return f"{key}:{ident[key]}"[:300]
    return ""


def validate_rol_max_occurences(zaak: Zaak, omschrijving_generiek: str) -> None:
    """[OZ] at most one initiator and one zaakcoordinator per zaak."""
    if (
        omschrijving_generiek in ("initiator", "zaakcoordinator")
        and zaak.rollen.filter(omschrijving_generiek=omschrijving_generiek).exists()
    ):
        raise error("roltype", f"Een zaak kan maar één {omschrijving_generiek} hebben.", "max-occurences")


def create_rol(values: dict, *, request, render: Render) -> Rol:
    zaak: Zaak = values["zaak"].obj
    ref = values["roltype"]
    ident = values.get("betrokkene_identificatie")
    if ref.obj is not None:
        omschrijving, generiek = ref.obj.omschrijving, ref.obj.omschrijving_generiek
    else:
        omschrijving = (ref.data or {}).get("omschrijving", "")
        generiek = (ref.data or {}).get("omschrijvingGeneriek", "")
    with collect_errors() as errors:
        with errors.check():
            validate_type_in_zaaktype(ref, zaak, "roltype", "zaaktype-mismatch", request)
        if not values.get("betrokkene") and not ident:
            errors.add(NON_FIELD, "betrokkene of betrokkeneIdentificatie moet opgegeven worden.", "invalid-betrokkene")
        if not errors.failed(NON_FIELD):  # the roltype must be one of the zaak's before its count matters
            with errors.check():
                validate_rol_max_occurences(zaak, generiek)
    rol = Rol(
        zaak=zaak,
        betrokkene=values.get("betrokkene", ""),
        betrokkene_type=values["betrokkene_type"],
        afwijkende_naam_betrokkene=values.get("afwijkende_naam_betrokkene", ""),
        roltype=ref.obj,
        roltype_url="" if ref.obj is not None else ref.url,
        omschrijving=omschrijving,
        omschrijving_generiek=generiek,
        roltoelichting=values.get("roltoelichting", ""),
        indicatie_machtiging=values.get("indicatie_machtiging", ""),
        contactpersoon_rol=values.get("contactpersoon_rol"),
        betrokkene_identificatie=ident,
        ident_key=ident_key(values["betrokkene_type"], ident),
    )
    save_sub(rol, zaak=zaak, resource="rol", request=request, render=render, actie="create")
    return rol
