"""Reads of the Zaken API: prefetching querysets and the autorisatie filter in SQL (zrc-006).

On PostgreSQL the URL lists of a zaak (deelzaken, eigenschappen, rollen, zaakinformatieobjecten, zaakobjecten) and
its current status come from correlated ``ARRAY_AGG`` subqueries, so a page of zaken costs two queries (count + page)
whatever its size. Other databases fall back to prefetches (a constant 8).

Lists go further (:func:`zaak_rows`): the page's ids come from the lean filtered query (count and ids answered from
the ``zaken_autorisatie`` index), then one precompiled SQL statement fetches those rows with their URL lists as plain
tuples. The subqueries thus run for the 100 rows of the page only, never for the rows an OFFSET skips, and no ORM
query is compiled per request.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from zgw.catalogi.models import ZaakType
from zgw.common.permissions import authorised_filter

from .models import Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject

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


# What each sub-resource's serializer reads besides its own row: joined (select) or fetched per page (prefetch).
RENDER_JOINS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Status: (("statustype", "gezetdoor"), ("zaakinformatieobjecten",)),
    Resultaat: (("resultaattype",), ()),
    Rol: (("roltype",), ("statussen",)),
    ZaakObject: (("zaakobjecttype",), ()),
    ZaakInformatieObject: (("informatieobject", "status"), ()),
    ZaakEigenschap: (("eigenschap",), ()),
}


def sub_resources(model, *, render_only: bool = False) -> QuerySet:
    """A sub-resource of zaken (status, rol, ...) with its zaak, zaaktype and what its serializer reads joined.

    ``render_only``: of the joined rows only what rendering and the autorisatie check read (their uuids, the zaak's
    level and zaaktype URL) — the zaak and zaaktype rows are wide, and ``expand`` loads one such queryset per
    collection. Not for writes: services read more of the zaak.
    """
    select, prefetch = RENDER_JOINS.get(model, ((), ()))
    qs = model.objects.select_related("zaak", "zaak__zaaktype", *select).prefetch_related(*prefetch)
    if render_only:
        own = [field.name for field in model._meta.concrete_fields if not field.is_relation]
        joined = ["zaak__uuid", "zaak__vertrouwelijkheidaanduiding", "zaak__zaaktype_url", "zaak__zaaktype__uuid"]
        qs = qs.only(*own, *joined, *(f"{name}__uuid" for name in select))
    if model is Status:
        qs = qs.annotate(laatst_gezet_pk=latest_status_pk())
    return qs


def authorised(qs: QuerySet, request, scope, prefix: str = "") -> QuerySet:
    condition = authorised_filter(
        getattr(request, "auth", None),
        "zrc",
        scope,
        local_type_field=f"{prefix}zaaktype",
        remote_type_field=f"{prefix}zaaktype_url",
        vertrouwelijkheid_field=f"{prefix}vertrouwelijkheidaanduiding",
        request=request,
        type_model=ZaakType,
    )
    return qs if condition is None else qs.filter(condition)


def latest_status_pk() -> Subquery:
    """Subquery: the pk of the most recently set status of the row's zaak (Status.indicatieLaatstGezetteStatus)."""
    latest = Status.objects.filter(zaak=OuterRef("zaak")).order_by("-datum_status_gezet", "-pk").values("pk")[:1]
    return Subquery(latest)


# Row layout of zaak_rows(): these Zaak columns (dates and the uuid as ISO text), then the derived values below. The
# renderer (api/rows.py) unpacks a row in exactly this order; instances are brought into it by ``rows.instance_values``.
ROW_COLUMNS = (
    "id",
    "uuid",
    "identificatie",
    "bronorganisatie",
    "omschrijving",
    "toelichting",
    "zaaktype_url",
    "registratiedatum",
    "verantwoordelijke_organisatie",
    "startdatum",
    "einddatum",
    "einddatum_gepland",
    "uiterlijke_einddatum_afdoening",
    "publicatiedatum",
    "communicatiekanaal",
    "producten_of_diensten",
    "vertrouwelijkheidaanduiding",
    "betalingsindicatie",
    "laatste_betaaldatum",
    "zaakgeometrie",
    "verlenging",
    "opschorting",
    "selectielijstklasse",
    "relevante_andere_zaken",
    "kenmerken",
    "archiefnominatie",
    "archiefstatus",
    "archiefactiedatum",
    "opdrachtgevende_organisatie",
    "processobjectaard",
    "startdatum_bewaartermijn",
    "processobject",
)
ROW_EXTRAS = (
    "zaaktype_uuid",
    "hoofdzaak_uuid",
    "resultaat_uuid",
    "status_uuid",
    "deelzaken_uuids",
    "eigenschappen_uuids",
    "rollen_uuids",
    "zio_uuids",
    "zaakobjecten_uuids",
)


def row_columns() -> list[str]:
    """The attribute names of the Zaak columns in a zaak_rows() tuple, in order."""
    return list(ROW_COLUMNS)


@cache
def _rows_sql() -> str:
    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def column(model, name: str) -> str:
        return connection.ops.quote_name(model._meta.get_field(name).column)

    def uuids(model, fk: str) -> str:
        return f"ARRAY(SELECT x.uuid::text FROM {table(model)} x WHERE x.{column(model, fk)} = z.id ORDER BY x.id)"

    def select(name: str) -> str:
        field = Zaak._meta.get_field(name)
        expression = f"z.{connection.ops.quote_name(field.column)}"
        if field.get_internal_type() == "DateField":  # ISO text whatever the session's DateStyle
            return f"to_char({expression}, 'YYYY-MM-DD')"
        return f"{expression}::text" if field.get_internal_type() == "UUIDField" else expression

    columns = ", ".join(select(name) for name in ROW_COLUMNS)
    latest_status = (
        f"(SELECT s.uuid::text FROM {table(Status)} s WHERE s.{column(Status, 'zaak')} = z.id "
        f"ORDER BY s.{column(Status, 'datum_status_gezet')} DESC, s.id DESC LIMIT 1)"
    )
    return (
        f"SELECT {columns}, zt.uuid::text, hz.uuid::text, r.uuid::text, {latest_status}, "
        f"{uuids(Zaak, 'hoofdzaak')}, {uuids(ZaakEigenschap, 'zaak')}, {uuids(Rol, 'zaak')}, "
        f"{uuids(ZaakInformatieObject, 'zaak')}, {uuids(ZaakObject, 'zaak')} "
        f"FROM {table(Zaak)} z "
        f"LEFT JOIN {table(ZaakType)} zt ON zt.id = z.{column(Zaak, 'zaaktype')} "
        f"LEFT JOIN {table(Zaak)} hz ON hz.id = z.{column(Zaak, 'hoofdzaak')} "
        f"LEFT JOIN {table(Resultaat)} r ON r.{column(Resultaat, 'zaak')} = z.id "
        f"WHERE z.id = ANY(%s::bigint[])"
    )


def _prepared_cursor():
    """A cursor of Django's connection that binds on the server, so psycopg prepares a statement it runs often.

    Django's cursors bind on the client (the ORM's SQL is not preparable), and PostgreSQL then plans the page
    statement on every list (~0.6 ms). This one goes through Django's wrappers (query logging, execute wrappers,
    error translation); with ``DATABASE_PGBOUNCER`` the connection's ``prepare_threshold`` is None: never prepared.
    """
    from django.db.backends.postgresql.base import ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.postgres import types
    from psycopg.pq import Format

    connection.ensure_connection()
    raw = ServerBindingCursor(connection.connection)
    tzloader = raw.adapters.get_loader(types["timestamptz"].oid, Format.TEXT)
    if connection.timezone != getattr(tzloader, "timezone", None):  # as Django's create_cursor does
        register_tzloader(connection.timezone, raw)
    return connection._prepare_cursor(raw)


def zaak_rows(ids: list[int]) -> list[tuple]:
    """The zaken with these primary keys as tuples (``ROW_COLUMNS`` + ``ROW_EXTRAS``), in the order of ``ids``.

    PostgreSQL only: one precompiled statement, prepared per connection, no model instances (module docstring).
    """
    if not ids:
        return []
    with _prepared_cursor() as cursor:
        cursor.execute(_rows_sql(), [list(ids)])
        rows = cursor.fetchall()
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(rows, key=lambda row: position[row[0]])
