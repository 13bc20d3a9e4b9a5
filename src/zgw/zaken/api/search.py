"""``POST /zaken/_zoek``: the list filters from a JSON body plus ``uuid__in`` and ``zaakgeometrie.within``."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Case, F, JSONField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from rest_framework import exceptions

from zgw.common.filters import ZGWFilterBackend

from .filters import ZaakFilter


def _invalid(name: str, message: str, code: str = "invalid") -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [exceptions.ErrorDetail(message, code=code)]})


# The zaak's bounding box as a PostgreSQL box; migration 0004 indexes exactly this expression (GiST).
BOX = (
    'box(point("zaken_zaak"."geo_min_x", "zaken_zaak"."geo_min_y"), '
    'point("zaken_zaak"."geo_max_x", "zaken_zaak"."geo_max_y"))'
)


def _in_box(qs: QuerySet, minx: float, miny: float, maxx: float, maxy: float) -> QuerySet:
    """The zaken whose bounding box lies inside the given one (on PostgreSQL through the GiST index)."""
    if connection.vendor == "postgresql":
        inside = RawSQL(f"{BOX} <@ box(point(%s, %s), point(%s, %s))", (minx, miny, maxx, maxy), BooleanField())
        return qs.filter(inside)
    return qs.filter(geo_min_x__gte=minx, geo_max_x__lte=maxx, geo_min_y__gte=miny, geo_max_y__lte=maxy)


def _within(qs: QuerySet, geometry) -> QuerySet:
    """Bounding-box prefilter in SQL, then the exact check with shapely on the candidates.

    A zaak whose bounding box is a single point has that point as its geometry: those are checked all at once
    (shapely's vectorised ``covers`` on the box corners) without reading or parsing their GeoJSON; only the other
    candidates bring their geometry along (same query).
    """
    import shapely
    from shapely.geometry import shape

    try:
        area = shape(geometry)
    except Exception:
        raise _invalid("zaakgeometrie.within", "Ongeldige GeoJSON geometrie.")
    point = Q(geo_min_x=F("geo_max_x"), geo_min_y=F("geo_max_y"))
    other_geometry = Case(When(point, then=Value(None)), default=F("zaakgeometrie"), output_field=JSONField())
    candidates = list(
        _in_box(qs, *area.bounds)
        .annotate(_geometry=other_geometry)
        .values_list("pk", "geo_min_x", "geo_min_y", "_geometry")
    )
    points = [(pk, x, y) for pk, x, y, geom in candidates if geom is None and x is not None]
    inside = [pk for pk, _x, _y, geom in candidates if geom and area.covers(shape(geom))]
    if points:
        covered = shapely.covers(area, shapely.points([(x, y) for _pk, x, y in points]))
        inside += [pk for (pk, _x, _y), hit in zip(points, covered, strict=True) if hit]
    return qs.filter(pk__in=sorted(inside))


def search(qs: QuerySet, request) -> QuerySet:
    body = request.data
    if not isinstance(body, dict):
        raise _invalid("nonFieldErrors", "Verwacht een JSON object.")
    if not body:
        raise _invalid("nonFieldErrors", "Zoek-body mag niet leeg zijn.", "empty_search_body")
    params: dict[str, str] = {}
    geometry = None
    uuids = None
    zaaktypen = None
    for key, value in body.items():
        if key == "zaakgeometrie":
            if not isinstance(value, dict) or not isinstance(value.get("within"), dict):
                raise _invalid("zaakgeometrie", "Verwacht een object met 'within'.")
            geometry = value["within"]
        elif key == "uuid__in":
            if not isinstance(value, list):
                raise _invalid("uuid__in", "Verwacht een lijst van UUIDs.")
            uuids = value
        elif key in ("expand", "fields"):  # answered by api/expand.py and api/fields.py
            continue
        elif key == "zaaktype__in":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _invalid("zaaktype__in", "Verwacht een lijst van URLs.")
            zaaktypen = value
        elif isinstance(value, list):
            params[key] = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            params[key] = "true" if value else "false"
        elif isinstance(value, str | int | float):
            params[key] = str(value)
        else:
            raise _invalid(key, "Ongeldige waarde.")
    unknown = sorted(set(params) - set(ZaakFilter.base_filters))
    if unknown:
        raise _invalid("nonFieldErrors", f"Onbekende parameters: {', '.join(unknown)}", "unknown-parameters")
    filterset = ZaakFilter(data=params, queryset=qs, request=request)
    if not filterset.is_valid():
        errors = {
            name: [exceptions.ErrorDetail(m["message"], code=m["code"] or "invalid") for m in messages]
            for name, messages in filterset.errors.get_json_data().items()
        }
        raise exceptions.ValidationError(errors)
    qs = filterset.qs
    if uuids is not None:
        import uuid as _uuid

        try:
            qs = qs.filter(uuid__in=[_uuid.UUID(str(u)) for u in uuids])
        except ValueError:
            raise _invalid("uuid__in", "Ongeldige UUID.")
    if zaaktypen is not None:
        from zgw.common.filters import URLReferenceInFilter

        in_filter = URLReferenceInFilter(field_name="zaaktype", remote_field="zaaktype_url")
        in_filter.parent = filterset
        qs = in_filter.filter(qs, zaaktypen) if zaaktypen else qs.none()
    if geometry is not None:
        qs = _within(qs, geometry)
    return qs


__all__ = ["search", "ZGWFilterBackend"]
