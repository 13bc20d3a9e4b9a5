"""The documented shape of ``zaakgeometrie`` (GeoJSON geometry, EPSG:4326); validation is done with shapely."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

GEOMETRY_TYPES = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "Feature",
    "FeatureCollection",
    "GeometryCollection",
]


def _point2d():
    return serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


def _nested(depth: int, min_length: int | None = None):
    field = _point2d()
    for level in range(depth):
        last = level == depth - 1
        field = serializers.ListField(child=field, min_length=min_length if last else None)
    return field


class Geometry(serializers.Serializer):
    type = serializers.ChoiceField(choices=GEOMETRY_TYPES, help_text="The geometry type")


def _variant(name: str, **fields) -> type[serializers.Serializer]:
    return type(name, (Geometry,), fields)


Point = _variant("Point", coordinates=_point2d())
MultiPoint = _variant("MultiPoint", coordinates=_nested(1))
LineString = _variant("LineString", coordinates=_nested(1, min_length=2))
MultiLineString = _variant("MultiLineString", coordinates=_nested(2))
Polygon = _variant("Polygon", coordinates=_nested(2))
MultiPolygon = _variant("MultiPolygon", coordinates=_nested(3))
GeometryCollection = _variant("GeometryCollection", geometries=Geometry(many=True))

GEOJSON_SCHEMA = PolymorphicProxySerializer(
    component_name="GeoJSONGeometry",
    serializers={
        "Point": Point,
        "MultiPoint": MultiPoint,
        "LineString": LineString,
        "MultiLineString": MultiLineString,
        "Polygon": Polygon,
        "MultiPolygon": MultiPolygon,
        "GeometryCollection": GeometryCollection,
    },
    resource_type_field_name="type",
)
