"""Reads of the Zaken API: prefetching querysets and the autorisatie filter in SQL (zrc-006).

On PostgreSQL the URL lists of a zaak (deelzaken, eigenschappen, rollen, zaakinformatieobjecten, zaakobjecten) and
its current status come from correlated ``ARRAY_AGG`` subqueries, so a page of zaken costs two queries (count + page)
whatever its size. Other databases fall back to prefetches (a constant 8).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from zgw.common.permissions import authorised_filter

from .models import Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject

AGGREGATED = {
    "_deelzaken_uuids": (Zaak, "hoofdzaak"),
    "_eigenschappen_uuids": (ZaakEigenschap, "zaak"),
    "_rollen_uuids": (Rol, "zaak"),
    "_zio_uuids": (ZaakInformatieObject, "zaak"),
    "_zaakobjecten_uuids": (ZaakObject, "zaak"),
}


def _uuid_array(model, fk: str) -> Subquery:
    from django.contrib.postgres.aggregates import ArrayAgg

    inner = (
        model.objects.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(uuids=ArrayAgg("uuid", order_by="pk"))
        .values("uuids")
    )
    return Subquery(inner)


def zaken() -> QuerySet[Zaak]:
    qs = Zaak.objects.select_related("zaaktype", "hoofdzaak", "resultaat")
    if connection.vendor == "postgresql":
        latest = Status.objects.filter(zaak=OuterRef("pk")).order_by("-datum_status_gezet").values("uuid")[:1]
        annotations = {name: _uuid_array(model, fk) for name, (model, fk) in AGGREGATED.items()}
        return qs.annotate(_status_uuid=Subquery(latest), **annotations)
    return qs.prefetch_related(
        Prefetch("deelzaken", queryset=Zaak.objects.only("uuid", "hoofdzaak_id")),
        "eigenschappen",
        "rollen",
        Prefetch("statussen", queryset=Status.objects.only("uuid", "zaak_id", "datum_status_gezet")),
        "zaakinformatieobjecten",
        "zaakobjecten",
    )


def authorised(qs: QuerySet, request, scope, prefix: str = "") -> QuerySet:
    condition = authorised_filter(
        getattr(request, "auth", None),
        "zrc",
        scope,
        local_type_field=f"{prefix}zaaktype",
        remote_type_field=f"{prefix}zaaktype_url",
        vertrouwelijkheid_field=f"{prefix}vertrouwelijkheidaanduiding",
        request=request,
    )
    return qs if condition is None else qs.filter(condition)


def latest_status_pk() -> Subquery:
    """Subquery: the pk of the most recently set status of the row's zaak (Status.indicatieLaatstGezetteStatus)."""
    latest = Status.objects.filter(zaak=OuterRef("zaak")).order_by("-datum_status_gezet", "-pk").values("pk")[:1]
    return Subquery(latest)
