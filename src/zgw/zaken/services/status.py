"""Setting a status: the scopes of zrc-007/zrc-008, closing (zrc-007, zrc-021) and re-opening a zaak."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from zgw.common.errors import NON_FIELD, collect_errors
from zgw.common.permissions import is_allowed_for

from .. import archiving, typeinfo
from ..models import (
    Resultaat,
    Status,
    Zaak,
    ZaakInformatieObject,
)
from .common import (
    BRON,
    SCOPE_AANMAKEN,
    SCOPE_GEFORCEERD,
    SCOPE_HEROPENEN,
    SCOPE_STATUSSEN,
    Render,
    _document_field,
    _log,
    error,
    sub_url,
    validate_type_in_zaaktype,
)


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
        # one query for the unique rule and indicatieLaatstGezetteStatus: the earliest status at or after ``gezet``
        next_gezet = (
            Status.objects.filter(zaak=zaak, datum_status_gezet__gte=gezet)
            .order_by("datum_status_gezet")
            .values_list("datum_status_gezet", flat=True)
            .first()
        )
        if next_gezet == gezet:
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
    # what the rendering reads, known without a query: no status is later (or it is not the latest) and no
    # zaakinformatieobject can name a status that did not exist before this request
    status.laatst_gezet_pk = status.pk if next_gezet is None else 0
    status._prefetched_objects_cache = {"zaakinformatieobjecten": ZaakInformatieObject.objects.none()}
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
