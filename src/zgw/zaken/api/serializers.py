"""Serializers of the zaak itself (Zaken API 1.7): input validation and the schema. Rendering is ``api/rows.py``.

The resources under a zaak are in ``subserializers.py``, the shared reference fields and validators in
``reffields.py``; both are re-exported here, so ``serializers.X`` names every Zaken serializer.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.catalogi.models import ZaakType
from zgw.common.constants import VertrouwelijkheidsAanduiding
from zgw.common.serializers import SelfURLField, Serializer, URLField

from ..models import (
    Archiefnominatie,
    Archiefstatus,
    Betalingsindicatie,
    BetrokkeneType,
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakVerzoek,
)
from . import rows
from .geojson import GEOJSON_SCHEMA
from .reffields import (
    URI_LIST,
    URI_NULLABLE,
    ZAAK_COLLECTION,
    DurationStringField,
    HoofdzaakField,
    type_field,
    validate_resource_url,
    validate_rsin,
)
from .subserializers import (
    KlantContactSerializer,
    ResultaatSerializer,
    RolSerializer,
    StatusSerializer,
    ZaakBesluitSerializer,
    ZaakContactMomentSerializer,
    ZaakEigenschapSerializer,
    ZaakInformatieObjectSerializer,
    ZaakObjectSerializer,
    ZaakVerzoekSerializer,
)

__all__ = [
    "ZAAK_COLLECTION",
    "KlantContactSerializer",
    "ResultaatSerializer",
    "RolSerializer",
    "StatusSerializer",
    "ZaakBesluitSerializer",
    "ZaakContactMomentSerializer",
    "ZaakEigenschapSerializer",
    "ZaakExpandedSerializer",
    "ZaakInformatieObjectSerializer",
    "ZaakObjectSerializer",
    "ZaakSerializer",
    "ZaakVerzoekSerializer",
    "ZaakZoekSerializer",
    "validate_rsin",
]


class GroupSerializer(Serializer):
    """zrc-012: a group attribute that is sent is validated as a whole, also inside a PATCH.

    DRF hands ``partial`` down to nested serializers, which would let ``{"duur": "P5D"}`` through without ``reden``.
    """

    def validate(self, attrs):
        missing = [name for name, field in self.fields.items() if field.required and name not in attrs]
        if missing:
            raise serializers.ValidationError(
                {name: [serializers.ErrorDetail("Dit veld is vereist.", code="required")] for name in missing}
            )
        return attrs


class VerlengingSerializer(GroupSerializer):
    reden = serializers.CharField(max_length=200)
    duur = DurationStringField()

    def validate_duur(self, value: str) -> str:
        from ..archiving import parse_duration

        if parse_duration(value) is None:
            raise serializers.ValidationError("Geen geldige ISO-8601 duur.", code="invalid")
        return value


class OpschortingSerializer(GroupSerializer):
    indicatie = serializers.BooleanField()
    reden = serializers.CharField(max_length=200, allow_blank=True)


class ProcessobjectSerializer(Serializer):
    datumkenmerk = serializers.CharField(max_length=250)
    identificatie = serializers.CharField(max_length=250)
    objecttype = serializers.CharField(max_length=250)
    registratie = serializers.CharField(max_length=250)


class RelevanteZaakSerializer(Serializer):
    url = URLField(max_length=1000)
    aardRelatie = serializers.ChoiceField(
        source="aard_relatie", choices=[("vervolg", "Vervolg"), ("onderwerp", "Onderwerp"), ("bijdrage", "Bijdrage")]
    )


class ZaakKenmerkSerializer(Serializer):
    kenmerk = serializers.CharField(max_length=40)
    bron = serializers.CharField(max_length=40)


@extend_schema_field(GEOJSON_SCHEMA)
class GeometryField(serializers.Field):
    def to_representation(self, value):
        return value

    def to_internal_value(self, data):
        if data is None:
            return None
        if not isinstance(data, dict) or "type" not in data:
            raise serializers.ValidationError("Ongeldige GeoJSON geometrie.", code="invalid")
        try:
            from shapely.geometry import shape

            geom = shape(data)
        except Exception:
            raise serializers.ValidationError("Ongeldige GeoJSON geometrie.", code="invalid")
        if geom.is_empty:
            raise serializers.ValidationError("Lege geometrie.", code="invalid")
        return data


@extend_schema_field(URI_LIST)
class URIListField(serializers.Field):
    """A read-only list of URLs; documented here, rendered by api/rows.py."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


@extend_schema_field(URI_NULLABLE)
class NullableURIField(serializers.Field):
    """A read-only URL or ``null``; documented here, rendered by api/rows.py."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class ZaakSerializer(Serializer):
    url = SelfURLField("zaken", "zaken")
    uuid = serializers.UUIDField(read_only=True)
    identificatie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    bronorganisatie = serializers.CharField(max_length=9)
    omschrijving = serializers.CharField(max_length=80, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    zaaktype = type_field(ZaakType, "zaaktypen", "zaaktype", remote_required=("url",))
    registratiedatum = serializers.DateField(required=False)
    verantwoordelijkeOrganisatie = serializers.CharField(source="verantwoordelijke_organisatie", max_length=9)
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(read_only=True, allow_null=True)
    einddatumGepland = serializers.DateField(source="einddatum_gepland", required=False, allow_null=True)
    uiterlijkeEinddatumAfdoening = serializers.DateField(
        source="uiterlijke_einddatum_afdoening", required=False, allow_null=True
    )
    publicatiedatum = serializers.DateField(required=False, allow_null=True)
    communicatiekanaal = URLField(max_length=1000, required=False, allow_blank=True)
    productenOfDiensten = serializers.ListField(
        source="producten_of_diensten", child=URLField(max_length=1000), required=False
    )
    vertrouwelijkheidaanduiding = serializers.ChoiceField(choices=VertrouwelijkheidsAanduiding.choices, required=False)
    betalingsindicatie = serializers.ChoiceField(choices=Betalingsindicatie.choices, required=False, allow_blank=True)
    betalingsindicatieWeergave = serializers.CharField(read_only=True)
    laatsteBetaaldatum = serializers.DateTimeField(source="laatste_betaaldatum", required=False, allow_null=True)
    zaakgeometrie = GeometryField(required=False, allow_null=True)
    verlenging = VerlengingSerializer(required=False, allow_null=True)
    opschorting = OpschortingSerializer(required=False, allow_null=True)
    selectielijstklasse = URLField(max_length=1000, required=False, allow_blank=True)
    hoofdzaak = HoofdzaakField(
        model=Zaak, collection=ZAAK_COLLECTION, allow_remote=False, required=False, allow_null=True
    )
    deelzaken = URIListField()
    relevanteAndereZaken = RelevanteZaakSerializer(source="relevante_andere_zaken", many=True, required=False)
    eigenschappen = URIListField()
    rollen = URIListField()
    status = NullableURIField()
    zaakinformatieobjecten = URIListField()
    zaakobjecten = URIListField()
    kenmerken = ZaakKenmerkSerializer(many=True, required=False)
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices, required=False, allow_blank=True, allow_null=True
    )
    archiefstatus = serializers.ChoiceField(choices=Archiefstatus.choices, required=False)
    archiefactiedatum = serializers.DateField(required=False, allow_null=True)
    resultaat = NullableURIField()
    opdrachtgevendeOrganisatie = serializers.CharField(
        source="opdrachtgevende_organisatie", max_length=9, required=False, allow_blank=True
    )
    processobjectaard = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    startdatumBewaartermijn = serializers.DateField(source="startdatum_bewaartermijn", required=False, allow_null=True)
    processobject = ProcessobjectSerializer(required=False, allow_null=True)

    def _request(self):
        return self.context.get("request")

    def validate_communicatiekanaal(self, value: str) -> str:
        """zrc-010: a Referentielijsten communicatiekanaal {url, naam, omschrijving}."""
        return validate_resource_url(value, ("url", "naam", "omschrijving"), self._request()) if value else value

    def validate_selectielijstklasse(self, value: str) -> str:
        return validate_resource_url(value, ("url",), self._request()) if value else value

    def validate_relevanteAndereZaken(self, value: list) -> list:
        """zrc-011: every related zaak URL must resolve to a zaak; errors name the item (``relevanteAndereZaken.0.url``)
        and every failing item is reported."""
        errors: list[dict] = []
        for item in value:
            try:
                validate_resource_url(item["url"], ("url",), self._request(), local=("zaken", "zaken"))
            except serializers.ValidationError as exc:
                errors.append({"url": exc.detail})
            else:
                errors.append({})
        if any(errors):
            raise serializers.ValidationError(errors)
        return value

    def validate_bronorganisatie(self, value: str) -> str:
        return validate_rsin(value)

    def validate_verantwoordelijkeOrganisatie(self, value: str) -> str:
        return validate_rsin(value)

    def validate_opdrachtgevendeOrganisatie(self, value: str) -> str:
        return validate_rsin(value) if value else value

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "relevante_andere_zaken" in values:
            values["relevante_andere_zaken"] = [
                {"url": item["url"], "aardRelatie": item["aard_relatie"]} for item in values["relevante_andere_zaken"]
            ]
        for name in ("verlenging", "opschorting", "processobject"):
            if name in values and values[name] is not None:
                values[name] = dict(values[name])
        if "kenmerken" in values:
            values["kenmerken"] = [dict(k) for k in values["kenmerken"]]
        return values

    def to_representation(self, instance: Zaak) -> dict:
        """The one rendering of a zaak (api/rows.py): whoever renders through this serializer gets it too."""
        return rows.render_zaak(instance, self._request())


SERIALIZERS = {
    Zaak: ZaakSerializer,
    Status: StatusSerializer,
    Resultaat: ResultaatSerializer,
    Rol: RolSerializer,
    ZaakObject: ZaakObjectSerializer,
    ZaakInformatieObject: ZaakInformatieObjectSerializer,
    ZaakEigenschap: ZaakEigenschapSerializer,
    ZaakBesluit: ZaakBesluitSerializer,
    KlantContact: KlantContactSerializer,
    ZaakContactMoment: ZaakContactMomentSerializer,
    ZaakVerzoek: ZaakVerzoekSerializer,
}


class GeoWithinSerializer(Serializer):
    within = GeometryField(required=False)


@extend_schema_field({"type": "string", "format": "string"})
class PlainStringField(serializers.CharField):
    """Documented with ``format: string`` as the spec's ZaakZoek.bronorganisatie__in items."""


def _zoek_fields() -> dict:
    """The documented _zoek body: the list filters of GET /zaken with JSON types, plus uuid__in/zaaktype__in."""
    from .filters import ZaakFilter

    enums = {
        "archiefnominatie": Archiefnominatie.choices,
        "archiefstatus": Archiefstatus.choices,
        "rol__betrokkeneType": BetrokkeneType.choices,
        "maximaleVertrouwelijkheidaanduiding": VertrouwelijkheidsAanduiding.choices,
    }
    fields: dict = {
        "zaakgeometrie": GeoWithinSerializer(required=False),
        "uuid__in": serializers.ListField(child=serializers.UUIDField(), required=False),
    }
    for name, filt in ZaakFilter.base_filters.items():
        if name == "ordering":
            choices = [
                (o, o)
                for f in (
                    "startdatum",
                    "einddatum",
                    "publicatiedatum",
                    "archiefactiedatum",
                    "registratiedatum",
                    "identificatie",
                )
                for o in (f, f"-{f}")
            ]
            fields[name] = serializers.ChoiceField(choices=choices, required=False)
        elif name.endswith("__isnull"):
            fields[name] = serializers.BooleanField(required=False)
        elif name == "bronorganisatie__in":
            fields[name] = serializers.ListField(child=PlainStringField(), required=False)
        elif name.endswith("__in"):
            fields[name] = serializers.ListField(child=serializers.CharField(), required=False)
        elif name in enums:
            fields[name] = serializers.ChoiceField(choices=enums[name], required=False)
        elif name == "rol__omschrijvingGeneriek":
            fields[name] = serializers.ChoiceField(choices=filt.extra["choices"], required=False)
        else:
            fields[name] = serializers.CharField(required=False)
        if name == "bronorganisatie":
            fields["zaaktype__in"] = serializers.ListField(child=URLField(), required=False)
    fields["expand"] = serializers.CharField(required=False)
    return fields


ZaakZoekSerializer = type(
    "ZaakZoekSerializer",
    (Serializer,),
    {"__doc__": "The body of ``POST /zaken/_zoek`` (parsing happens in api/search.py).", **_zoek_fields()},
)


@extend_schema_field({"type": "object", "readOnly": True})  # the served shape: api/expand_schema.py (ZaakEmbedded)
class ExpandField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*", required=False)
        super().__init__(**kwargs)

    def to_representation(self, value):  # filled in by api/expand.py, never by the serializer
        return {}


class ZaakExpandedSerializer(ZaakSerializer):
    """Documentation of the zaak with ``_expand`` (GET /zaken, GET /zaken/{uuid}, POST /zaken/_zoek)."""

    def get_fields(self):
        fields = super().get_fields()
        fields["_expand"] = ExpandField()
        return fields
