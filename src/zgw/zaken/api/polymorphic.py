"""Per-type shapes of Rol.betrokkeneIdentificatie and ZaakObject.objectIdentificatie: validation and schema."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from . import shapes

ROL_SHAPES: dict[str, type[serializers.Serializer]] = {
    "natuurlijk_persoon": shapes.RolNatuurlijkPersoon,
    "niet_natuurlijk_persoon": shapes.RolNietNatuurlijkPersoon,
    "vestiging": shapes.RolVestiging,
    "organisatorische_eenheid": shapes.RolOrganisatorischeEenheid,
    "medewerker": shapes.RolMedewerker,
}
_OBJECT_SHAPE_NAMES = {
    "adres": "ObjectAdres",
    "buurt": "ObjectBuurt",
    "gemeente": "ObjectGemeente",
    "gemeentelijke_openbare_ruimte": "ObjectGemeentelijkeOpenbareRuimte",
    "huishouden": "ObjectHuishouden",
    "inrichtingselement": "ObjectInrichtingselement",
    "kadastrale_onroerende_zaak": "ObjectKadastraleOnroerendeZaak",
    "kunstwerkdeel": "ObjectKunstwerkdeel",
    "maatschappelijke_activiteit": "ObjectMaatschappelijkeActiviteit",
    "medewerker": "RolMedewerker",
    "natuurlijk_persoon": "RolNatuurlijkPersoon",
    "niet_natuurlijk_persoon": "RolNietNatuurlijkPersoon",
    "openbare_ruimte": "ObjectOpenbareRuimte",
    "organisatorische_eenheid": "RolOrganisatorischeEenheid",
    "pand": "ObjectPand",
    "spoorbaandeel": "ObjectSpoorbaandeel",
    "terreindeel": "ObjectTerreindeel",
    "terrein_gebouwd_object": "ObjectTerreinGebouwdObject",
    "vestiging": "RolVestiging",
    "waterdeel": "ObjectWaterdeel",
    "wegdeel": "ObjectWegdeel",
    "wijk": "ObjectWijk",
    "woonplaats": "ObjectWoonplaats",
    "woz_deelobject": "ObjectWozDeelobject",
    "woz_object": "ObjectWozObject",
    "woz_waarde": "ObjectWozWaarde",
    "zakelijk_recht": "ObjectZakelijkRecht",
    "overige": "ObjectOverige",
}
OBJECT_SHAPES: dict[str, type[serializers.Serializer] | None] = {
    name: getattr(shapes, shape) for name, shape in _OBJECT_SHAPE_NAMES.items()
}
OBJECT_SHAPES.update({"besluit": None, "enkelvoudig_document": None, "status": None})


def validate_shape(shape: type[serializers.Serializer] | None, data, field_name: str) -> dict | None:
    """Validate an inline identification against its type's shape; errors are named ``<field>.<attr>``."""
    if data is None or shape is None:
        return data
    serializer = shape(data=data)
    if not serializer.is_valid():
        raise serializers.ValidationError({field_name: serializer.errors})
    return dict(data)


def polymorphic(
    base: type[serializers.Serializer],
    field: str,
    discriminator: str,
    table: dict,
    suffix: str,
    partial: bool = False,
    many: bool = False,
) -> PolymorphicProxySerializer:
    variants = {}
    for value, shape in table.items():
        attrs = {}
        if shape is not None:
            attrs[field] = shape(required=False)
        name = f"{value}_{'Patched' if partial else ''}{suffix}"
        variant = type(name, (base,), {**attrs, "Meta": type("Meta", (), {})})
        variants[value] = variant(partial=partial) if partial else variant()
    return PolymorphicProxySerializer(
        component_name=("Patched" if partial else "") + suffix,
        serializers=variants,
        resource_type_field_name=discriminator,
        many=many,
    )
