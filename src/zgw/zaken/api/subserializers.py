"""Serializers of the resources that hang under a zaak (status, resultaat, rol, zaakobject, ...): shape only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.catalogi.models import Eigenschap, ResultaatType, RolType, StatusType, ZaakObjectType
from zgw.common.serializers import SelfURLField, Serializer, URLField
from zgw.documenten.models import EnkelvoudigInformatieObject

from .. import services
from ..models import OBJECT_TYPE_CHOICES, BetrokkeneType, IndicatieMachtiging, Rol, Status
from .reffields import (
    URI_LIST_1000,
    GezetdoorField,
    RefField,
    StrictDictField,
    ZaakObjectTypeField,
    ZaakRefField,
    _nfe,
    _urls,
    type_field,
    zaak_field,
)


class StatusSerializer(Serializer):
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


class ResultaatSerializer(Serializer):
    url = SelfURLField("zaken", "resultaten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    resultaattype = type_field(ResultaatType, "resultaattypen", "resultaattype", remote_required=("url", "zaaktype"))
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ContactPersoonRolSerializer(Serializer):
    emailadres = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    functie = serializers.CharField(max_length=50, required=False, allow_blank=True)
    telefoonnummer = serializers.CharField(max_length=20, required=False, allow_blank=True)
    naam = serializers.CharField(max_length=40)


class RolSerializer(Serializer):
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


class ObjectTypeOverigeDefinitieSerializer(Serializer):
    url = URLField(max_length=1000)
    schema = serializers.CharField(max_length=100)
    objectData = serializers.CharField(max_length=100)

    def to_internal_value(self, data):
        return dict(super().to_internal_value(data))


class ZaakObjectSerializer(Serializer):
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


class ZaakInformatieObjectSerializer(Serializer):
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


class ZaakEigenschapSerializer(Serializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    eigenschap = type_field(Eigenschap, "eigenschappen", "eigenschap", remote_required=("url", "zaaktype", "naam"))
    naam = serializers.CharField(read_only=True)
    waarde = serializers.CharField(allow_blank=True)

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_url(self, obj) -> str:
        return services.sub_url(self.context.get("request"), obj)


class ZaakBesluitSerializer(Serializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    besluit = URLField(max_length=1000, source="besluit_url")

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_url(self, obj) -> str:
        return services.sub_url(self.context.get("request"), obj)


class KlantContactSerializer(Serializer):
    url = SelfURLField("zaken", "klantcontacten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    identificatie = serializers.CharField(max_length=14, required=False, allow_blank=True)
    datumtijd = serializers.DateTimeField()
    kanaal = serializers.CharField(max_length=20, required=False, allow_blank=True)
    onderwerp = serializers.CharField(max_length=200, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ZaakContactMomentSerializer(Serializer):
    url = SelfURLField("zaken", "zaakcontactmomenten")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    contactmoment = URLField(max_length=1000)


class ZaakVerzoekSerializer(Serializer):
    url = SelfURLField("zaken", "zaakverzoeken")
    uuid = serializers.UUIDField(read_only=True)
    zaak = zaak_field()
    verzoek = URLField(max_length=1000)
