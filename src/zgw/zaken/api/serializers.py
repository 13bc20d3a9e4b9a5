"""Serializers of the Zaken API 1.5.1: shape only (names, types, lengths); the zrc rules live in services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField

from zgw.catalogi.models import Eigenschap, ResultaatType, RolType, StatusType, ZaakObjectType, ZaakType
from zgw.common.constants import VertrouwelijkheidsAanduiding
from zgw.common.references import is_valid_url, resource_url
from zgw.common.serializers import SelfURLField, URLField, URLReferenceField
from zgw.documenten.models import EnkelvoudigInformatieObject

from .. import services
from ..models import (
    OBJECT_TYPE_CHOICES,
    Archiefnominatie,
    Archiefstatus,
    Betalingsindicatie,
    BetrokkeneType,
    IndicatieMachtiging,
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
from .geojson import GEOJSON_SCHEMA

ZAAK_COLLECTION = ("zaken", "zaken")


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000})
class RefField(URLReferenceField):
    """URLReferenceField documented with the spec's maxLength."""


@extend_schema_field({"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000})
class ZaakRefField(URLReferenceField):
    """A reference to a zaak of this API (minLength 1 as the spec)."""


@extend_schema_field({"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000})
class HoofdzaakField(ZaakRefField):
    """zrc-013: the hoofdzaak is a zaak of this server; a URL that matches no zaak route here (another host, another
    resource) is ``no_match``, as DRF's hyperlinked fields answer and VNG's suite checks (DECISIONS.md)."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            codes = exc.get_codes()
            if codes == ["bad-url"] and isinstance(data, str) and is_valid_url(data):
                raise serializers.ValidationError(
                    "Ongeldige hyperlink - De URL verwijst niet naar een zaak van deze API.", code="no_match"
                ) from exc
            raise


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class OmitWhenAbsentMixin:
    """An optional reference the official document does not mark ``nullable`` (and types ``format: uri``, so ``""``
    is no value either): absent, the key is left out of the answer (docs/decisions.md); ``""`` in a request means
    absent (DECISIONS.md: empty optional URL fields)."""

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        if value is None or value == "":
            raise SkipField
        return value

    def to_internal_value(self, data):
        if data == "":
            return None
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class GezetdoorField(OmitWhenAbsentMixin, URLReferenceField):
    """The rol that set the status (the spec limits it to 200 characters)."""


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000})
class ZaakObjectTypeField(OmitWhenAbsentMixin, RefField):
    """``zaakobject.zaakobjecttype``: optional, not nullable in the document."""


def zaak_field(**kwargs) -> URLReferenceField:
    return ZaakRefField(
        model=Zaak, collection=ZAAK_COLLECTION, allow_remote=False, help_text="URL-referentie naar de ZAAK.", **kwargs
    )


def type_field(model, collection: str, source: str, **kwargs) -> URLReferenceField:
    return RefField(
        model=model,
        collection=("catalogi", collection),
        url_field=f"{source}_url",
        **kwargs,
    )


class StrictDictField(serializers.DictField):
    """A JSON object (a list or scalar gives 400 ``invalid``)."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError("Verwacht een object.", code="invalid")
        return dict(data)


@extend_schema_field({"type": "string", "format": "duration"})
class DurationStringField(serializers.CharField):
    """An ISO-8601 duration kept as text."""


class GroupSerializer(serializers.Serializer):
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


class ProcessobjectSerializer(serializers.Serializer):
    datumkenmerk = serializers.CharField(max_length=250)
    identificatie = serializers.CharField(max_length=250)
    objecttype = serializers.CharField(max_length=250)
    registratie = serializers.CharField(max_length=250)


class RelevanteZaakSerializer(serializers.Serializer):
    url = URLField(max_length=1000)
    aardRelatie = serializers.ChoiceField(
        source="aard_relatie", choices=[("vervolg", "Vervolg"), ("onderwerp", "Onderwerp"), ("bijdrage", "Bijdrage")]
    )

    def to_representation(self, instance):
        return {"url": instance.get("url"), "aardRelatie": instance.get("aard_relatie", instance.get("aardRelatie"))}


class ZaakKenmerkSerializer(serializers.Serializer):
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


URI_LIST = {"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True, "uniqueItems": True}
URI_LIST_1000 = {
    "type": "array",
    "items": {"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000},
    "readOnly": True,
    "uniqueItems": True,
}
URI_NULLABLE = {"type": "string", "format": "uri", "readOnly": True, "nullable": True}


def _urls(request, api: str, collection: str, items) -> list[str]:
    return [resource_url(request, api, collection, item.uuid) for item in items]


class ZaakSerializer(serializers.Serializer):
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
    betalingsindicatieWeergave = serializers.SerializerMethodField()
    laatsteBetaaldatum = serializers.DateTimeField(source="laatste_betaaldatum", required=False, allow_null=True)
    zaakgeometrie = GeometryField(required=False, allow_null=True)
    verlenging = VerlengingSerializer(required=False, allow_null=True)
    opschorting = OpschortingSerializer(required=False, allow_null=True)
    selectielijstklasse = URLField(max_length=1000, required=False, allow_blank=True)
    hoofdzaak = HoofdzaakField(
        model=Zaak, collection=ZAAK_COLLECTION, allow_remote=False, required=False, allow_null=True
    )
    deelzaken = serializers.SerializerMethodField()
    relevanteAndereZaken = RelevanteZaakSerializer(source="relevante_andere_zaken", many=True, required=False)
    eigenschappen = serializers.SerializerMethodField()
    rollen = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    zaakinformatieobjecten = serializers.SerializerMethodField()
    zaakobjecten = serializers.SerializerMethodField()
    kenmerken = ZaakKenmerkSerializer(many=True, required=False)
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices, required=False, allow_blank=True, allow_null=True
    )
    archiefstatus = serializers.ChoiceField(choices=Archiefstatus.choices, required=False)
    archiefactiedatum = serializers.DateField(required=False, allow_null=True)
    resultaat = serializers.SerializerMethodField()
    opdrachtgevendeOrganisatie = serializers.CharField(
        source="opdrachtgevende_organisatie", max_length=9, required=False, allow_blank=True
    )
    processobjectaard = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    startdatumBewaartermijn = serializers.DateField(source="startdatum_bewaartermijn", required=False, allow_null=True)
    processobject = ProcessobjectSerializer(required=False, allow_null=True)

    def _request(self):
        return self.context.get("request")

    def get_betalingsindicatieWeergave(self, obj: Zaak) -> str:
        return Betalingsindicatie(obj.betalingsindicatie).label if obj.betalingsindicatie else ""

    @extend_schema_field(URI_LIST)
    def _agg(self, obj: Zaak, name: str, related: str, collection: str) -> list[str]:
        """URLs from the ARRAY_AGG annotation (PostgreSQL) or the prefetched relation."""
        request = self._request()
        if hasattr(obj, name):
            return [resource_url(request, "zaken", collection, u) for u in getattr(obj, name) or []]
        return _urls(request, "zaken", collection, getattr(obj, related).all())

    @extend_schema_field(URI_LIST)
    def get_deelzaken(self, obj: Zaak) -> list[str]:
        return self._agg(obj, "_deelzaken_uuids", "deelzaken", "zaken")

    @extend_schema_field(URI_LIST)
    def get_eigenschappen(self, obj: Zaak) -> list[str]:
        base = services.zaak_url(self._request(), obj)
        if hasattr(obj, "_eigenschappen_uuids"):
            uuids = obj._eigenschappen_uuids or []
        else:
            uuids = [e.uuid for e in obj.eigenschappen.all()]
        return [f"{base}/zaakeigenschappen/{u}" for u in uuids]

    @extend_schema_field(URI_LIST)
    def get_rollen(self, obj: Zaak) -> list[str]:
        return self._agg(obj, "_rollen_uuids", "rollen", "rollen")

    @extend_schema_field(URI_LIST)
    def get_zaakinformatieobjecten(self, obj: Zaak) -> list[str]:
        return self._agg(obj, "_zio_uuids", "zaakinformatieobjecten", "zaakinformatieobjecten")

    @extend_schema_field(URI_LIST)
    def get_zaakobjecten(self, obj: Zaak) -> list[str]:
        return self._agg(obj, "_zaakobjecten_uuids", "zaakobjecten", "zaakobjecten")

    @extend_schema_field(URI_NULLABLE)
    def get_status(self, obj: Zaak) -> str | None:
        if hasattr(obj, "_status_uuid"):
            uuid = obj._status_uuid
        else:
            statussen = sorted(obj.statussen.all(), key=lambda s: s.datum_status_gezet, reverse=True)
            uuid = statussen[0].uuid if statussen else None
        return resource_url(self._request(), "zaken", "statussen", uuid) if uuid else None

    @extend_schema_field(URI_NULLABLE)
    def get_resultaat(self, obj: Zaak) -> str | None:
        try:
            resultaat = obj.resultaat
        except Resultaat.DoesNotExist:
            return None
        return resource_url(self._request(), "zaken", "resultaten", resultaat.uuid)

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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["relevanteAndereZaken"] = [
            {"url": item.get("url"), "aardRelatie": item.get("aardRelatie")}
            for item in instance.relevante_andere_zaken or []
        ]
        if data.get("opschorting") is None:
            data["opschorting"] = {"indicatie": False, "reden": ""}
        return data


def validate_resource_url(url: str, required: tuple[str, ...], request, local: tuple[str, str] | None = None) -> str:
    """The URL must resolve (local row or remote 200 with the expected properties): ``bad-url``/``invalid-resource``."""
    from zgw.common.references import RemoteFetchError, fetch_json, match_local, validate_remote_shape

    match = match_local(url, request)
    if match is not None:
        if local is not None and (match.api, match.collection) != local:
            raise serializers.ValidationError("De URL wijst niet naar het verwachte type resource.", code="bad-url")
        if match.model is not None and not match.model._default_manager.filter(uuid=match.uuid).exists():
            raise serializers.ValidationError("De resource bestaat niet.", code="bad-url")
        return url
    try:
        validate_remote_shape(fetch_json(url), required)
    except RemoteFetchError as exc:
        raise serializers.ValidationError(exc.message, code=exc.code)
    return url


def validate_rsin(value: str) -> str:
    """RSIN: 9 digits that pass the 11-proef."""
    if len(value) != 9 or not value.isdigit():
        raise serializers.ValidationError("Een RSIN moet 9 cijfers lang zijn.", code="invalid-length")
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True)) - int(value[8])
    if total % 11 != 0:
        raise serializers.ValidationError("Onjuist RSIN.", code="invalid")
    return value


class StatusSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "statussen")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    statustype = type_field(StatusType, "statustypen", "statustype", remote_required=("url", "zaaktype"))
    datumStatusGezet = serializers.DateTimeField(source="datum_status_gezet")
    statustoelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    indicatieLaatstGezetteStatus = serializers.SerializerMethodField()
    gezetdoor = GezetdoorField(
        model=Rol, collection=("zaken", "rollen"), allow_remote=False, required=False, max_length=200
    )
    zaakinformatieobjecten = serializers.SerializerMethodField()

    def get_indicatieLaatstGezetteStatus(self, obj: Status) -> bool:
        latest = getattr(obj, "laatst_gezet_pk", None)  # annotated by the list/detail queryset
        if latest is None:
            latest = obj.zaak.statussen.order_by("-datum_status_gezet", "-pk").values_list("pk", flat=True).first()
        return latest == obj.pk

    @extend_schema_field(URI_LIST_1000)
    def get_zaakinformatieobjecten(self, obj: Status) -> list[str]:
        return _urls(self.context.get("request"), "zaken", "zaakinformatieobjecten", obj.zaakinformatieobjecten.all())


class ResultaatSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "resultaten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    resultaattype = type_field(ResultaatType, "resultaattypen", "resultaattype", remote_required=("url", "zaaktype"))
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ContactPersoonRolSerializer(serializers.Serializer):
    emailadres = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    functie = serializers.CharField(max_length=50, required=False, allow_blank=True)
    telefoonnummer = serializers.CharField(max_length=20, required=False, allow_blank=True)
    naam = serializers.CharField(max_length=40)


class RolSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "rollen")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    betrokkene = URLField(max_length=1000, required=False, allow_blank=True)
    betrokkeneType = serializers.ChoiceField(source="betrokkene_type", choices=BetrokkeneType.choices)
    afwijkendeNaamBetrokkene = serializers.CharField(
        source="afwijkende_naam_betrokkene", max_length=625, required=False, allow_blank=True
    )
    roltype = type_field(RolType, "roltypen", "roltype", remote_required=("url", "zaaktype"))
    omschrijving = serializers.CharField(read_only=True)
    omschrijvingGeneriek = serializers.CharField(source="omschrijving_generiek", read_only=True)
    roltoelichting = serializers.CharField(max_length=1000, allow_blank=True)
    registratiedatum = serializers.DateTimeField(read_only=True)
    indicatieMachtiging = serializers.ChoiceField(
        source="indicatie_machtiging", choices=IndicatieMachtiging.choices, required=False, allow_blank=True
    )
    contactpersoonRol = ContactPersoonRolSerializer(source="contactpersoon_rol", required=False, allow_null=True)
    statussen = serializers.SerializerMethodField()
    betrokkeneIdentificatie = StrictDictField(source="betrokkene_identificatie", required=False, allow_null=True)

    @extend_schema_field(URI_LIST_1000)
    def get_statussen(self, obj: Rol) -> list[str]:
        return _urls(self.context.get("request"), "zaken", "statussen", obj.statussen.all())

    def input_fields(self, data: dict) -> dict:
        """For common.parsers: the fields of betrokkeneIdentificatie follow betrokkeneType."""
        from .polymorphic import ROL_SHAPES

        kind = data.get("betrokkeneType")
        shape = ROL_SHAPES.get(kind) if isinstance(kind, str) else None  # [] or {}: the choice error, no TypeError
        return {**self.fields, "betrokkeneIdentificatie": shape()} if shape else self.fields

    def to_internal_value(self, data):
        from .polymorphic import ROL_SHAPES, validate_shape

        values = super().to_internal_value(data)
        if values.get("contactpersoon_rol") is not None:
            values["contactpersoon_rol"] = dict(values["contactpersoon_rol"])
        if values.get("betrokkene_identificatie") is not None:
            shape = ROL_SHAPES.get(values.get("betrokkene_type"))
            validate_shape(shape, values["betrokkene_identificatie"], "betrokkeneIdentificatie")
        return values

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["betrokkeneIdentificatie"] = instance.betrokkene_identificatie
        return data


class ObjectTypeOverigeDefinitieSerializer(serializers.Serializer):
    url = URLField(max_length=1000)
    schema = serializers.CharField(max_length=100)
    objectData = serializers.CharField(max_length=100)

    def to_internal_value(self, data):
        return dict(super().to_internal_value(data))


class ZaakObjectSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "zaakobjecten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    object = URLField(max_length=1000, required=False, allow_blank=True)
    zaakobjecttype = ZaakObjectTypeField(
        model=ZaakObjectType,
        collection=("catalogi", "zaakobjecttypen"),
        url_field="zaakobjecttype_url",
        required=False,
    )
    objectType = serializers.ChoiceField(source="object_type", choices=OBJECT_TYPE_CHOICES)
    objectTypeOverige = serializers.RegexField(
        r"[a-z\_]+", source="object_type_overige", max_length=100, required=False, allow_blank=True
    )
    objectTypeOverigeDefinitie = ObjectTypeOverigeDefinitieSerializer(
        source="object_type_overige_definitie", required=False, allow_null=True
    )
    relatieomschrijving = serializers.CharField(max_length=80, required=False, allow_blank=True)
    objectIdentificatie = StrictDictField(source="object_identificatie", required=False, allow_null=True)

    def input_fields(self, data: dict) -> dict:
        """For common.parsers: the fields of objectIdentificatie follow objectType."""
        from .polymorphic import OBJECT_SHAPES

        kind = data.get("objectType")
        shape = OBJECT_SHAPES.get(kind) if isinstance(kind, str) else None
        return {**self.fields, "objectIdentificatie": shape()} if shape else self.fields

    def validate(self, attrs):
        from .polymorphic import OBJECT_SHAPES, validate_shape

        object_type = attrs.get("object_type", getattr(self.instance, "object_type", ""))
        if attrs.get("object_identificatie") is not None:
            validate_shape(OBJECT_SHAPES.get(object_type), attrs["object_identificatie"], "objectIdentificatie")
        overige = attrs.get("object_type_overige", getattr(self.instance, "object_type_overige", ""))
        definitie = attrs.get("object_type_overige_definitie")
        if object_type == "overige" and not overige and not definitie:
            raise _nfe("objectTypeOverige of objectTypeOverigeDefinitie is vereist.", "missing-object-type-overige")
        if object_type != "overige" and overige:
            raise _nfe("objectTypeOverige mag enkel bij objectType overige.", "invalid-object-type-overige-usage")
        if self.instance is None and not attrs.get("object") and not attrs.get("object_identificatie"):
            raise _nfe("object of objectIdentificatie moet opgegeven worden.", "invalid-zaakobject")
        if object_type == "overige" and definitie:
            from ..overige import validate_object_type_overige_definitie

            object_url = attrs.get("object", getattr(self.instance, "object", ""))
            validate_object_type_overige_definitie(definitie, object_url)
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["objectIdentificatie"] = instance.object_identificatie
        return data


def _nfe(message: str, code: str) -> serializers.ValidationError:
    return serializers.ValidationError({"nonFieldErrors": [serializers.ErrorDetail(message, code=code)]})


class ZaakInformatieObjectSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "zaakinformatieobjecten")
    uuid = serializers.UUIDField(read_only=True)
    informatieobject = RefField(
        model=EnkelvoudigInformatieObject,
        collection=("documenten", "enkelvoudiginformatieobjecten"),
        url_field="informatieobject_url",
        remote_required=("url", "informatieobjecttype"),
    )
    zaak = zaak_field()
    aardRelatieWeergave = serializers.SerializerMethodField()
    titel = serializers.CharField(max_length=200, required=False, allow_blank=True)
    beschrijving = serializers.CharField(required=False, allow_blank=True)
    registratiedatum = serializers.DateTimeField(read_only=True)
    vernietigingsdatum = serializers.DateTimeField(required=False, allow_null=True)
    status = ZaakRefField(
        model=Status, collection=("zaken", "statussen"), allow_remote=False, required=False, allow_null=True
    )

    @extend_schema_field(
        {
            "type": "string",
            "enum": ["Hoort bij, omgekeerd: kent", "Legt vast, omgekeerd: kan vastgelegd zijn als"],
            "readOnly": True,
        }
    )
    def get_aardRelatieWeergave(self, obj) -> str:
        return "Hoort bij, omgekeerd: kent"


class ZaakEigenschapSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    eigenschap = type_field(Eigenschap, "eigenschappen", "eigenschap", remote_required=("url", "zaaktype", "naam"))
    naam = serializers.CharField(read_only=True)
    waarde = serializers.CharField(allow_blank=True)

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_url(self, obj) -> str:
        return services.sub_url(self.context.get("request"), obj)


class ZaakBesluitSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    besluit = URLField(max_length=1000, source="besluit_url")

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_url(self, obj) -> str:
        return services.sub_url(self.context.get("request"), obj)


class KlantContactSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "klantcontacten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    identificatie = serializers.CharField(max_length=14, required=False, allow_blank=True)
    datumtijd = serializers.DateTimeField()
    kanaal = serializers.CharField(max_length=20, required=False, allow_blank=True)
    onderwerp = serializers.CharField(max_length=200, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ZaakContactMomentSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "zaakcontactmomenten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    contactmoment = URLField(max_length=1000)


class ZaakVerzoekSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "zaakverzoeken")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    verzoek = URLField(max_length=1000)


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


class GeoWithinSerializer(serializers.Serializer):
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
    (serializers.Serializer,),
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
