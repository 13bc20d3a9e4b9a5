"""Reads of the catalogue, for the Catalogi API and for the other components (Zaken, Documenten, Besluiten)."""

from __future__ import annotations

import datetime

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)


def geldig_op_q(datum: datetime.date, prefix: str = "") -> Q:
    """Versions valid on ``datum``: begin ≤ datum and (no einde or einde ≥ datum)."""
    return (
        Q(**{f"{prefix}datum_begin_geldigheid__lte": datum}) | Q(**{f"{prefix}datum_begin_geldigheid__isnull": True})
    ) & (Q(**{f"{prefix}datum_einde_geldigheid__gte": datum}) | Q(**{f"{prefix}datum_einde_geldigheid__isnull": True}))


def statustypen_met_eindstatus(qs: QuerySet[StatusType] | None = None) -> QuerySet[StatusType]:
    """Statustypen annotated with ``max_volgnummer`` so ``is_eindstatus`` costs no query."""
    qs = StatusType.objects.all() if qs is None else qs
    highest = (
        StatusType.objects.filter(zaaktype_id=OuterRef("zaaktype_id"))
        .values("zaaktype_id")
        .annotate(m=Max("volgnummer"))
        .values("m")
    )
    return qs.annotate(max_volgnummer=Subquery(highest))


def eindstatus(zaaktype: ZaakType) -> StatusType | None:
    """The statustype with the highest volgnummer of ``zaaktype`` (the one that closes a zaak), or None."""
    return zaaktype.statustypen.order_by("-volgnummer").first()


def is_eindstatus(statustype: StatusType) -> bool:
    return statustype.is_eindstatus


def zaaktype_versie(
    catalogus: Catalogus, identificatie: str, datum: datetime.date | None = None, *, published_only: bool = False
) -> ZaakType | None:
    """The version of zaaktype ``identificatie`` in ``catalogus`` valid on ``datum`` (default today)."""
    datum = datum or datetime.date.today()
    qs = ZaakType.objects.filter(geldig_op_q(datum), catalogus=catalogus, identificatie=identificatie)
    if published_only:
        qs = qs.filter(concept=False)
    return qs.order_by("-datum_begin_geldigheid", "-id").first()


def informatieobjecttype_versie(
    catalogus: Catalogus, omschrijving: str, datum: datetime.date | None = None, *, published_only: bool = False
) -> InformatieObjectType | None:
    datum = datum or datetime.date.today()
    qs = InformatieObjectType.objects.filter(geldig_op_q(datum), catalogus=catalogus, omschrijving=omschrijving)
    if published_only:
        qs = qs.filter(concept=False)
    return qs.order_by("-datum_begin_geldigheid", "-id").first()


def besluittype_versie(
    catalogus: Catalogus, omschrijving: str, datum: datetime.date | None = None, *, published_only: bool = False
) -> BesluitType | None:
    datum = datum or datetime.date.today()
    qs = BesluitType.objects.filter(geldig_op_q(datum), catalogus=catalogus, omschrijving=omschrijving)
    if published_only:
        qs = qs.filter(concept=False)
    return qs.order_by("-datum_begin_geldigheid", "-id").first()


def zaaktype_allows_informatieobjecttype(zaaktype: ZaakType, informatieobjecttype: InformatieObjectType) -> bool:
    """Whether a ZIOT links ``zaaktype`` and ``informatieobjecttype`` (e.g. zrc/drc relation checks)."""
    return ZaakTypeInformatieObjectType.objects.filter(
        zaaktype=zaaktype, informatieobjecttype=informatieobjecttype
    ).exists()


def zaaktype_allows_besluittype(zaaktype: ZaakType, besluittype: BesluitType) -> bool:
    return zaaktype.besluittypen.filter(pk=besluittype.pk).exists()


# --- API querysets (constant query counts per page) ----------------------------------------------------------


def catalogus_queryset() -> QuerySet[Catalogus]:
    return Catalogus.objects.prefetch_related(
        Prefetch("zaaktypen", queryset=ZaakType.objects.only("id", "uuid", "catalogus_id")),
        Prefetch("besluittypen", queryset=BesluitType.objects.only("id", "uuid", "catalogus_id", "omschrijving")),
        Prefetch(
            "informatieobjecttypen",
            queryset=InformatieObjectType.objects.only("id", "uuid", "catalogus_id", "omschrijving"),
        ),
    )


def zaaktype_queryset() -> QuerySet[ZaakType]:
    return ZaakType.objects.select_related("catalogus").prefetch_related(
        Prefetch("statustypen", queryset=StatusType.objects.only("id", "uuid", "zaaktype_id", "volgnummer")),
        Prefetch("resultaattypen", queryset=ResultaatType.objects.only("id", "uuid", "zaaktype_id")),
        Prefetch("eigenschappen", queryset=Eigenschap.objects.only("id", "uuid", "zaaktype_id")),
        Prefetch("roltypen", queryset=RolType.objects.only("id", "uuid", "zaaktype_id")),
        Prefetch("zaakobjecttypen", queryset=ZaakObjectType.objects.only("id", "uuid", "zaaktype_id")),
        Prefetch("besluittypen", queryset=BesluitType.objects.only("id", "uuid", "catalogus_id", "omschrijving")),
        Prefetch("deelzaaktypen", queryset=ZaakType.objects.only("id", "uuid", "catalogus_id", "identificatie")),
        Prefetch(
            "ziots",
            queryset=ZaakTypeInformatieObjectType.objects.select_related("informatieobjecttype").only(
                "id",
                "zaaktype_id",
                "volgnummer",
                "informatieobjecttype__id",
                "informatieobjecttype__uuid",
                "informatieobjecttype__catalogus_id",
                "informatieobjecttype__omschrijving",
            ),
        ),
        "gerelateerde_zaaktypen",
    )


def statustype_queryset() -> QuerySet[StatusType]:
    return statustypen_met_eindstatus(
        StatusType.objects.select_related("zaaktype", "zaaktype__catalogus").prefetch_related(
            Prefetch("eigenschappen", queryset=Eigenschap.objects.only("id", "uuid"))
        )
    )


def roltype_queryset() -> QuerySet[RolType]:
    return RolType.objects.select_related("zaaktype", "zaaktype__catalogus")


def resultaattype_queryset() -> QuerySet[ResultaatType]:
    return ResultaatType.objects.select_related("zaaktype", "zaaktype__catalogus").prefetch_related(
        Prefetch("besluittypen", queryset=BesluitType.objects.only("id", "uuid", "omschrijving")),
        Prefetch("informatieobjecttypen", queryset=InformatieObjectType.objects.only("id", "uuid", "omschrijving")),
    )


def eigenschap_queryset() -> QuerySet[Eigenschap]:
    return Eigenschap.objects.select_related("zaaktype", "zaaktype__catalogus", "statustype")


def zaakobjecttype_queryset() -> QuerySet[ZaakObjectType]:
    return ZaakObjectType.objects.select_related("zaaktype", "catalogus").prefetch_related(
        Prefetch("statustypen", queryset=StatusType.objects.only("id", "uuid", "zaakobjecttype_id")),
        Prefetch(
            "resultaattypen", queryset=ResultaatType.objects.only("id", "uuid", "zaakobjecttype_id", "omschrijving")
        ),
    )


def ziot_queryset() -> QuerySet[ZaakTypeInformatieObjectType]:
    return ZaakTypeInformatieObjectType.objects.select_related(
        "zaaktype", "zaaktype__catalogus", "informatieobjecttype", "statustype"
    )


def informatieobjecttype_queryset() -> QuerySet[InformatieObjectType]:
    return InformatieObjectType.objects.select_related("catalogus").prefetch_related(
        Prefetch("zaaktypen", queryset=ZaakType.objects.only("id", "uuid", "catalogus_id", "identificatie").distinct()),
        Prefetch("besluittypen", queryset=BesluitType.objects.only("id", "uuid", "catalogus_id", "omschrijving")),
    )


def besluittype_queryset() -> QuerySet[BesluitType]:
    return BesluitType.objects.select_related("catalogus").prefetch_related(
        Prefetch("zaaktypen", queryset=ZaakType.objects.only("id", "uuid", "catalogus_id", "identificatie")),
        Prefetch(
            "informatieobjecttypen",
            queryset=InformatieObjectType.objects.only("id", "uuid", "catalogus_id", "omschrijving"),
        ),
        Prefetch("resultaattypen", queryset=ResultaatType.objects.only("id", "uuid", "omschrijving")),
    )
