"""Serializers of the Documenten API 1.7.0 (shape only; the drc rules live in services)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.common.constants import VertrouwelijkheidsAanduiding
from zgw.common.references import resource_url
from zgw.common.serializers import ModelSerializer, SelfURLField, Serializer, URLField, URLReferenceField

from ..models import (
    AardRelatie,
    BestandsDeel,
    ChecksumAlgoritme,
    EnkelvoudigInformatieObject,
    ObjectTypes,
    OndertekeningSoort,
    PostadresType,
    Status,
)
from .expand import CATALOGI_INFORMATIEOBJECTTYPE, ExpandField
from .fields import InformatieObjectTypeField, InhoudField
from .render import render_version

API = "documenten"
EIO_COLLECTION = (API, "enkelvoudiginformatieobjecten")


def validate_rsin(value: str) -> str:
    """An RSIN: 9 digits passing the eleven test."""
    if len(value) != 9 or not value.isdigit():
        raise serializers.ValidationError("Een RSIN bestaat uit 9 cijfers.", code="invalid-length")
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True))
    if (total - int(value[8])) % 11:
        raise serializers.ValidationError("Onjuist RSIN (elfproef).", code="invalid")
    return value


class DocumentReferenceField(URLReferenceField):
    """``informatieobject`` of a sub-resource: an enkelvoudiginformatieobject of this API."""

    def __init__(self, **kwargs):
        super().__init__(model=EnkelvoudigInformatieObject, collection=EIO_COLLECTION, allow_remote=False, **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data).obj


class DocumentURLField(serializers.Field):
    """The stable document URL of a version (``url`` of an EnkelvoudigInformatieObject)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, version) -> str:
        return resource_url(self.context.get("request"), API, "enkelvoudiginformatieobjecten", version.document.uuid)


extend_schema_field({"type": "string", "format": "uri", "readOnly": True, "minLength": 1, "maxLength": 1000})(
    DocumentURLField
)


class OndertekeningSerializer(Serializer):
    soort = serializers.ChoiceField(choices=OndertekeningSoort.choices)
    datum = serializers.DateField()


class IntegriteitSerializer(Serializer):
    algoritme = serializers.ChoiceField(choices=ChecksumAlgoritme.choices)
    waarde = serializers.CharField(max_length=128)
    datum = serializers.DateField()


class BestandsDeelSerializer(ModelSerializer):
    url = SelfURLField(API, "bestandsdelen")
    volgnummer = serializers.IntegerField(read_only=True)
    omvang = serializers.IntegerField(read_only=True)
    voltooid = serializers.BooleanField(read_only=True)
    lock = serializers.SerializerMethodField()

    class Meta:
        model = BestandsDeel
        fields = ("url", "volgnummer", "omvang", "voltooid", "lock")

    def get_lock(self, part) -> str:
        return part.informatieobject.lock


class EnkelvoudigInformatieObjectSerializer(Serializer):
    """Renders a *version* (``EnkelvoudigInformatieObjectVersie``) under its document's stable URL."""

    url = DocumentURLField()
    identificatie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    bronorganisatie = serializers.CharField(max_length=9, validators=[validate_rsin])
    creatiedatum = serializers.DateField()
    titel = serializers.CharField(max_length=200)
    vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=VertrouwelijkheidsAanduiding.choices, required=False, allow_blank=True
    )
    auteur = serializers.CharField(max_length=200)
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True)
    formaat = serializers.CharField(max_length=255, required=False, allow_blank=True)
    taal = serializers.CharField(min_length=3, max_length=3)
    versie = serializers.IntegerField(read_only=True)
    beginRegistratie = serializers.DateTimeField(source="begin_registratie", read_only=True)
    bestandsnaam = serializers.CharField(max_length=255, required=False, allow_blank=True)
    inhoud = InhoudField()
    bestandsomvang = serializers.IntegerField(
        min_value=0, max_value=9223372036854775807, allow_null=True, required=False
    )
    link = URLField(max_length=200, required=False, allow_blank=True)
    beschrijving = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    ontvangstdatum = serializers.DateField(allow_null=True, required=False)
    verzenddatum = serializers.DateField(allow_null=True, required=False)
    indicatieGebruiksrecht = serializers.BooleanField(source="indicatie_gebruiksrecht", allow_null=True, required=False)
    verschijningsvorm = serializers.CharField(required=False, allow_blank=True)
    ondertekening = OndertekeningSerializer(allow_null=True, required=False)
    integriteit = IntegriteitSerializer(allow_null=True, required=False)
    informatieobjecttype = InformatieObjectTypeField()
    locked = serializers.BooleanField(read_only=True)
    bestandsdelen = BestandsDeelSerializer(many=True, read_only=True)
    trefwoorden = serializers.ListField(child=serializers.CharField(), required=False)
    inhoudIsVervallen = serializers.BooleanField(
        source="inhoud_is_vervallen",
        allow_null=True,
        required=False,
        help_text="Geeft aan of de inhoud van het INFORMATIEOBJECT al dan niet vervallen, dus niet langer geldig is.",
    )
    tonenAanInitiator = serializers.BooleanField(
        source="tonen_aan_initiator",
        required=False,  # no serializer default: a PUT without it (a 1.4-era body) keeps the current value
        help_text="Geeft aan of het INFORMATIEOBJECT getoond mag worden aan de initiator van de zaak waarin het "
        "INFORMATIEOBJECT is opgenomen.",
    )
    isGereedVoorPublicatie = serializers.BooleanField(
        source="is_gereed_voor_publicatie",
        allow_null=True,
        required=False,
        help_text="Geeft aan of het INFORMATIEOBJECT gereed is voor publicatie. Dit veld mag `null` zijn om aan te "
        "geven dat de gereedheid voor publicatie nog niet bekend is.",
    )

    def to_representation(self, instance) -> dict:
        """The one rendering of a document version (api/render.py)."""
        return render_version(instance, self.context.get("request"))


# ``_expand`` in the answer only when the request asks for it (``context["expand"]``). No docstring: the schema
# describes a serializer by the first docstring of its classes.
class ExpandOnRequestMixin:
    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("expand"):
            data.pop("_expand", None)
        elif "_expand" not in data:  # rendered outside DRF's fields (api/render.py): the field adds it
            data["_expand"] = self.fields["_expand"].to_representation(instance)
        return data


class EnkelvoudigInformatieObjectExpandedSerializer(ExpandOnRequestMixin, EnkelvoudigInformatieObjectSerializer):
    _expand = ExpandField({"informatieobjecttype": CATALOGI_INFORMATIEOBJECTTYPE}, source="*", read_only=True)


class EnkelvoudigInformatieObjectCreateLockSerializer(EnkelvoudigInformatieObjectSerializer):
    lock = serializers.SerializerMethodField()

    def get_lock(self, version) -> str:
        return version.document.lock

    def to_representation(self, instance) -> dict:
        return render_version(instance, self.context.get("request"), lock=True)


class EnkelvoudigInformatieObjectWithLockSerializer(EnkelvoudigInformatieObjectSerializer):
    lock = serializers.CharField(write_only=True)


class LockEnkelvoudigInformatieObjectSerializer(Serializer):
    lock = serializers.CharField(read_only=True)


class UnlockEnkelvoudigInformatieObjectSerializer(Serializer):
    lock = serializers.CharField(max_length=100, required=False, allow_blank=True)


class EIOZoekSerializer(Serializer):
    uuid__in = serializers.ListField(child=serializers.UUIDField())
    identificatie = serializers.CharField(required=False)
    bronorganisatie = serializers.CharField(required=False)
    expand = serializers.CharField(required=False)


class BestandsDeelUploadSerializer(Serializer):
    inhoud = serializers.FileField(write_only=True, required=False, use_url=False)
    lock = serializers.CharField(write_only=True, min_length=1)


class BestandsDeelResponseSerializer(ModelSerializer):
    url = SelfURLField(API, "bestandsdelen")
    lock = serializers.SerializerMethodField()
    omvang = serializers.IntegerField()
    inhoud = serializers.SerializerMethodField()
    voltooid = serializers.BooleanField()
    volgnummer = serializers.IntegerField()

    class Meta:
        model = BestandsDeel
        fields = ("url", "lock", "omvang", "inhoud", "voltooid", "volgnummer")

    def get_lock(self, part) -> str:
        return part.informatieobject.lock

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_inhoud(self, part) -> str:
        return ""


# ---- gebruiksrechten ---------------------------------------------------------------------------------------------


class GebruiksrechtenSerializer(Serializer):
    url = SelfURLField(API, "gebruiksrechten")
    informatieobject = DocumentReferenceField()
    startdatum = serializers.DateTimeField()
    einddatum = serializers.DateTimeField(allow_null=True, required=False)
    omschrijvingVoorwaarden = serializers.CharField(source="omschrijving_voorwaarden")


class GebruiksrechtenExpandedSerializer(ExpandOnRequestMixin, GebruiksrechtenSerializer):
    _expand = ExpandField(
        {"informatieobject": EnkelvoudigInformatieObjectSerializer},
        source="*",
        read_only=True,
    )


# ---- objectinformatieobjecten ------------------------------------------------------------------------------------


class ObjectInformatieObjectSerializer(Serializer):
    url = SelfURLField(API, "objectinformatieobjecten")
    informatieobject = DocumentReferenceField()
    object = URLField(max_length=1000)
    objectType = serializers.ChoiceField(source="object_type", choices=ObjectTypes.choices)


class ObjectInformatieObjectExpandedSerializer(ExpandOnRequestMixin, ObjectInformatieObjectSerializer):
    """Documenten 1.6.0: ``expand=informatieobject`` (and deeper into its type)."""

    _expand = ExpandField(
        {"informatieobject": EnkelvoudigInformatieObjectExpandedSerializer},
        source="*",
        read_only=True,
    )


# ---- verzendingen ------------------------------------------------------------------------------------------------


class BinnenlandsCorrespondentieadresVerzendingSerializer(Serializer):
    huisletter = serializers.CharField(max_length=1, required=False, allow_blank=True)
    huisnummer = serializers.IntegerField(min_value=1, max_value=99999)
    huisnummerToevoeging = serializers.CharField(
        source="huisnummer_toevoeging", max_length=4, required=False, allow_blank=True
    )
    naamOpenbareRuimte = serializers.CharField(source="naam_openbare_ruimte", max_length=80)
    postcode = serializers.CharField(max_length=6, required=False, allow_blank=True)
    woonplaatsnaam = serializers.CharField(max_length=80)


class BuitenlandsCorrespondentieadresVerzendingSerializer(Serializer):
    adresBuitenland1 = serializers.CharField(source="adres_buitenland_1", max_length=35)
    adresBuitenland2 = serializers.CharField(
        source="adres_buitenland_2", max_length=35, required=False, allow_blank=True
    )
    adresBuitenland3 = serializers.CharField(
        source="adres_buitenland_3", max_length=35, required=False, allow_blank=True
    )
    landPostadres = URLField(source="land_postadres", max_length=200)


class BuitenlandsCorrespondentiepostadresVerzendingSerializer(Serializer):
    postBusOfAntwoordnummer = serializers.IntegerField(source="post_bus_of_antwoordnummer", min_value=1, max_value=9999)
    postadresPostcode = serializers.CharField(source="postadres_postcode", max_length=6)
    postadresType = serializers.ChoiceField(source="postadres_type", choices=PostadresType.choices)
    woonplaatsnaam = serializers.CharField(max_length=80)


class VerzendingSerializer(Serializer):
    url = SelfURLField(API, "verzendingen")
    betrokkene = URLField(max_length=200)
    informatieobject = DocumentReferenceField()
    aardRelatie = serializers.ChoiceField(source="aard_relatie", choices=AardRelatie.choices)
    toelichting = serializers.CharField(max_length=200, required=False, allow_blank=True)
    ontvangstdatum = serializers.DateField(allow_null=True, required=False)
    verzenddatum = serializers.DateField(allow_null=True, required=False)
    contactPersoon = URLField(source="contact_persoon", max_length=1000)
    contactpersoonnaam = serializers.CharField(max_length=40, required=False, allow_blank=True)
    binnenlandsCorrespondentieadres = BinnenlandsCorrespondentieadresVerzendingSerializer(
        source="binnenlands_correspondentieadres", allow_null=True, required=False
    )
    buitenlandsCorrespondentieadres = BuitenlandsCorrespondentieadresVerzendingSerializer(
        source="buitenlands_correspondentieadres", allow_null=True, required=False
    )
    correspondentiePostadres = BuitenlandsCorrespondentiepostadresVerzendingSerializer(
        source="correspondentie_postadres", allow_null=True, required=False
    )
    faxnummer = serializers.CharField(max_length=15, allow_null=True, allow_blank=True, required=False)
    emailadres = serializers.CharField(max_length=100, allow_null=True, allow_blank=True, required=False)
    mijnOverheid = serializers.BooleanField(source="mijn_overheid", required=False)
    telefoonnummer = serializers.CharField(max_length=15, allow_null=True, allow_blank=True, required=False)


class VerzendingExpandedSerializer(ExpandOnRequestMixin, VerzendingSerializer):
    _expand = ExpandField(
        {"informatieobject": EnkelvoudigInformatieObjectExpandedSerializer},  # Documenten 1.6.0
        source="*",
        read_only=True,
    )
