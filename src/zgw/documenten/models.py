"""Documenten API tables.

A document has a stable identity (:class:`EnkelvoudigInformatieObject`, the row behind the resource URL) and one
row per version (:class:`EnkelvoudigInformatieObjectVersie`). The identity carries the lock and a copy of the
current version's authorisation/search fields (type, vertrouwelijkheidaanduiding, status, bronorganisatie,
identificatie) so lists and autorisatie filters run on one table. Content lives in Django's storage, never in
the database.
"""

from __future__ import annotations

import uuid as _uuid

from django.db import models

from zgw.common.constants import VertrouwelijkheidsAanduiding


class Status(models.TextChoices):
    in_bewerking = "in_bewerking", "In bewerking"
    ter_vaststelling = "ter_vaststelling", "Ter vaststelling"
    definitief = "definitief", "Definitief"
    gearchiveerd = "gearchiveerd", "Gearchiveerd"


class OndertekeningSoort(models.TextChoices):
    analoog = "analoog", "Analoog"
    digitaal = "digitaal", "Digitaal"
    pki = "pki", "PKI"


class ChecksumAlgoritme(models.TextChoices):
    crc_16 = "crc_16", "CRC-16"
    crc_32 = "crc_32", "CRC-32"
    crc_64 = "crc_64", "CRC-64"
    fletcher_4 = "fletcher_4", "Fletcher-4"
    fletcher_8 = "fletcher_8", "Fletcher-8"
    fletcher_16 = "fletcher_16", "Fletcher-16"
    fletcher_32 = "fletcher_32", "Fletcher-32"
    hmac = "hmac", "HMAC"
    md5 = "md5", "MD5"
    sha_1 = "sha_1", "SHA-1"
    sha_256 = "sha_256", "SHA-256"
    sha_512 = "sha_512", "SHA-512"
    sha_3 = "sha_3", "SHA-3"


class ObjectTypes(models.TextChoices):
    besluit = "besluit", "Besluit"
    zaak = "zaak", "Zaak"
    verzoek = "verzoek", "Verzoek"


class AardRelatie(models.TextChoices):
    afzender = "afzender", "Afzender"
    geadresseerde = "geadresseerde", "Geadresseerde"


class PostadresType(models.TextChoices):
    antwoordnummer = "antwoordnummer", "Antwoordnummer"
    postbusnummer = "postbusnummer", "Postbusnummer"


def content_upload_to(instance, filename: str) -> str:
    return f"documenten/{instance.document.uuid}/{_uuid.uuid4().hex}"


def part_upload_to(instance, filename: str) -> str:
    return f"documenten/parts/{instance.informatieobject.uuid}/{instance.uuid}"


class EnkelvoudigInformatieObject(models.Model):
    """The identity of a document: its stable uuid, lock and a denormalised copy of the current version."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    lock = models.CharField(max_length=100, blank=True, verbose_name="vergrendeling")
    latest_version = models.ForeignKey(
        "EnkelvoudigInformatieObjectVersie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="huidige versie",
    )
    # copies of the current version, kept in step by services.py
    bronorganisatie = models.CharField(max_length=9)
    identificatie = models.CharField(max_length=40)
    informatieobjecttype = models.ForeignKey(
        "catalogi.InformatieObjectType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    informatieobjecttype_url = models.URLField(max_length=1000, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VertrouwelijkheidsAanduiding.choices, blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    # Autorisaties 1.1.0 alleenIsGereedVoorPublicatie filters on it (Documenten 1.7.0)
    is_gereed_voor_publicatie = models.BooleanField(null=True, blank=True, verbose_name="is gereed voor publicatie")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op")

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(
                fields=["bronorganisatie", "identificatie"], name="documenten_eio_unique_identificatie"
            )
        ]
        indexes = [
            models.Index(fields=["identificatie"]),
            models.Index(fields=["informatieobjecttype_url", "vertrouwelijkheidaanduiding"]),
            # the autorisatie filter (type, level) and the -id order: counts and pages from the index alone
            models.Index(
                fields=["informatieobjecttype", "vertrouwelijkheidaanduiding", "id"], name="documenten_autorisatie"
            ),
            # the same for an application limited to documents ready for publication (alleenIsGereedVoorPublicatie):
            # only ready documents are in these partial indexes, so its pages never skip unready rows
            models.Index(
                fields=["informatieobjecttype", "vertrouwelijkheidaanduiding", "id"],
                condition=models.Q(is_gereed_voor_publicatie=True),
                name="documenten_publicatie_type",
            ),
            models.Index(
                fields=["id"], condition=models.Q(is_gereed_voor_publicatie=True), name="documenten_publicatie"
            ),
        ]
        verbose_name = "enkelvoudig informatieobject"
        verbose_name_plural = "enkelvoudige informatieobjecten"

    def __str__(self) -> str:
        return f"{self.bronorganisatie} - {self.identificatie}"

    @property
    def locked(self) -> bool:
        return bool(self.lock)


class EnkelvoudigInformatieObjectVersie(models.Model):
    """One version of a document; never modified after creation except for drc-006's flag."""

    document = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField()
    begin_registratie = models.DateTimeField()

    identificatie = models.CharField(max_length=40)
    bronorganisatie = models.CharField(max_length=9)
    creatiedatum = models.DateField()
    titel = models.CharField(max_length=200)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VertrouwelijkheidsAanduiding.choices, blank=True
    )
    auteur = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    formaat = models.CharField(max_length=255, blank=True)
    taal = models.CharField(max_length=3)
    bestandsnaam = models.CharField(max_length=255, blank=True)
    inhoud = models.FileField(upload_to=content_upload_to, max_length=500, blank=True)
    bestandsomvang = models.BigIntegerField(null=True, blank=True)
    link = models.URLField(max_length=200, blank=True)
    beschrijving = models.CharField(max_length=1000, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    indicatie_gebruiksrecht = models.BooleanField(null=True, blank=True)
    verschijningsvorm = models.TextField(blank=True)
    ondertekening_soort = models.CharField(max_length=10, choices=OndertekeningSoort.choices, blank=True)
    ondertekening_datum = models.DateField(null=True, blank=True)
    integriteit_algoritme = models.CharField(max_length=20, choices=ChecksumAlgoritme.choices, blank=True)
    integriteit_waarde = models.CharField(max_length=128, blank=True)
    integriteit_datum = models.DateField(null=True, blank=True)
    informatieobjecttype = models.ForeignKey(
        "catalogi.InformatieObjectType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    informatieobjecttype_url = models.URLField(max_length=1000, blank=True)
    trefwoorden = models.JSONField(default=list, blank=True)
    # Documenten 1.5.0 / 1.6.0 / 1.7.0
    inhoud_is_vervallen = models.BooleanField(null=True, blank=True, verbose_name="inhoud is vervallen")
    tonen_aan_initiator = models.BooleanField(default=False, verbose_name="tonen aan initiator")
    is_gereed_voor_publicatie = models.BooleanField(null=True, blank=True, verbose_name="is gereed voor publicatie")

    class Meta:
        ordering = ("document", "versie")
        constraints = [models.UniqueConstraint(fields=["document", "versie"], name="documenten_versie_unique")]
        indexes = [models.Index(fields=["document", "begin_registratie"])]
        verbose_name = "versie van een informatieobject"
        verbose_name_plural = "versies van informatieobjecten"

    def __str__(self) -> str:
        return f"{self.document_id} v{self.versie}"


class BestandsDeel(models.Model):
    """One part of a chunked upload (drc §3.4); removed once the parts are assembled."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    informatieobject = models.ForeignKey(
        EnkelvoudigInformatieObject, on_delete=models.CASCADE, related_name="bestandsdelen"
    )
    volgnummer = models.PositiveIntegerField()
    omvang = models.BigIntegerField()
    inhoud = models.FileField(upload_to=part_upload_to, max_length=500, blank=True)
    voltooid = models.BooleanField(default=False)

    class Meta:
        ordering = ("informatieobject", "volgnummer")
        constraints = [
            models.UniqueConstraint(fields=["informatieobject", "volgnummer"], name="documenten_bestandsdeel_unique")
        ]
        verbose_name = "bestandsdeel"
        verbose_name_plural = "bestandsdelen"

    def __str__(self) -> str:
        return f"{self.informatieobject_id} deel {self.volgnummer}"


class Gebruiksrechten(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    informatieobject = models.ForeignKey(
        EnkelvoudigInformatieObject, on_delete=models.CASCADE, related_name="gebruiksrechten"
    )
    startdatum = models.DateTimeField()
    einddatum = models.DateTimeField(null=True, blank=True)
    omschrijving_voorwaarden = models.TextField()

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=["startdatum"]), models.Index(fields=["einddatum"])]
        verbose_name = "gebruiksrecht"
        verbose_name_plural = "gebruiksrechten"

    def __str__(self) -> str:
        return f"gebruiksrechten {self.uuid}"


class ObjectInformatieObject(models.Model):
    """The mirror of a zaak- or besluitinformatieobject (the owner API creates and removes it).

    ``object`` is always the URL; the ``zaak``/``besluit`` FKs point at local objects.
    """

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    informatieobject = models.ForeignKey(
        EnkelvoudigInformatieObject, on_delete=models.CASCADE, related_name="objectinformatieobjecten"
    )
    object_type = models.CharField(max_length=10, choices=ObjectTypes.choices)
    object = models.URLField(max_length=1000)
    zaak = models.ForeignKey("zaken.Zaak", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    besluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=["informatieobject", "object"], name="documenten_oio_unique")]
        indexes = [models.Index(fields=["object"])]
        verbose_name = "objectinformatieobject"
        verbose_name_plural = "objectinformatieobjecten"

    def __str__(self) -> str:
        return f"{self.object_type}: {self.object}"


class Verzending(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    informatieobject = models.ForeignKey(
        EnkelvoudigInformatieObject, on_delete=models.CASCADE, related_name="verzendingen"
    )
    betrokkene = models.URLField(max_length=200)
    aard_relatie = models.CharField(max_length=20, choices=AardRelatie.choices)
    toelichting = models.CharField(max_length=200, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    contact_persoon = models.URLField(max_length=1000)
    contactpersoonnaam = models.CharField(max_length=40, blank=True)
    # binnenlandsCorrespondentieadres
    binnenlands_huisletter = models.CharField(max_length=1, blank=True)
    binnenlands_huisnummer = models.PositiveIntegerField(null=True, blank=True)
    binnenlands_huisnummer_toevoeging = models.CharField(max_length=4, blank=True)
    binnenlands_naam_openbare_ruimte = models.CharField(max_length=80, blank=True)
    binnenlands_postcode = models.CharField(max_length=6, blank=True)
    binnenlands_woonplaatsnaam = models.CharField(max_length=80, blank=True)
    # buitenlandsCorrespondentieadres
    buitenlands_adres_1 = models.CharField(max_length=35, blank=True)
    buitenlands_adres_2 = models.CharField(max_length=35, blank=True)
    buitenlands_adres_3 = models.CharField(max_length=35, blank=True)
    buitenlands_land_postadres = models.URLField(max_length=200, blank=True)
    # correspondentiePostadres
    post_bus_of_antwoordnummer = models.PositiveIntegerField(null=True, blank=True)
    postadres_postcode = models.CharField(max_length=6, blank=True)
    postadres_type = models.CharField(max_length=20, choices=PostadresType.choices, blank=True)
    postadres_woonplaatsnaam = models.CharField(max_length=80, blank=True)

    faxnummer = models.CharField(max_length=15, null=True, blank=True)
    emailadres = models.CharField(max_length=100, null=True, blank=True)
    mijn_overheid = models.BooleanField(default=False)
    telefoonnummer = models.CharField(max_length=15, null=True, blank=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=["betrokkene"]), models.Index(fields=["aard_relatie"])]
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"

    def __str__(self) -> str:
        return f"verzending {self.uuid}"


def _group(values: dict) -> dict | None:
    return values if any(v not in ("", None) for v in values.values()) else None


def _version_ondertekening(self) -> dict | None:
    return _group({"soort": self.ondertekening_soort, "datum": self.ondertekening_datum})


def _version_integriteit(self) -> dict | None:
    return _group(
        {"algoritme": self.integriteit_algoritme, "waarde": self.integriteit_waarde, "datum": self.integriteit_datum}
    )


def _verzending_binnenlands(self) -> dict | None:
    return _group(
        {
            "huisletter": self.binnenlands_huisletter,
            "huisnummer": self.binnenlands_huisnummer,
            "huisnummer_toevoeging": self.binnenlands_huisnummer_toevoeging,
            "naam_openbare_ruimte": self.binnenlands_naam_openbare_ruimte,
            "postcode": self.binnenlands_postcode,
            "woonplaatsnaam": self.binnenlands_woonplaatsnaam,
        }
    )


def _verzending_buitenlands(self) -> dict | None:
    return _group(
        {
            "adres_buitenland_1": self.buitenlands_adres_1,
            "adres_buitenland_2": self.buitenlands_adres_2,
            "adres_buitenland_3": self.buitenlands_adres_3,
            "land_postadres": self.buitenlands_land_postadres,
        }
    )


def _verzending_postadres(self) -> dict | None:
    return _group(
        {
            "post_bus_of_antwoordnummer": self.post_bus_of_antwoordnummer,
            "postadres_postcode": self.postadres_postcode,
            "postadres_type": self.postadres_type,
            "woonplaatsnaam": self.postadres_woonplaatsnaam,
        }
    )


# groups as read-only dict properties (the serializers' nested representations)
EnkelvoudigInformatieObjectVersie.ondertekening = property(_version_ondertekening)
EnkelvoudigInformatieObjectVersie.integriteit = property(_version_integriteit)
Verzending.binnenlands_correspondentieadres = property(_verzending_binnenlands)
Verzending.buitenlands_correspondentieadres = property(_verzending_buitenlands)
Verzending.correspondentie_postadres = property(_verzending_postadres)

# column names of each Verzending address group, keyed by the group's snake_case property names
VERZENDING_GROUP_COLUMNS = {
    "binnenlands_correspondentieadres": {
        "huisletter": "binnenlands_huisletter",
        "huisnummer": "binnenlands_huisnummer",
        "huisnummer_toevoeging": "binnenlands_huisnummer_toevoeging",
        "naam_openbare_ruimte": "binnenlands_naam_openbare_ruimte",
        "postcode": "binnenlands_postcode",
        "woonplaatsnaam": "binnenlands_woonplaatsnaam",
    },
    "buitenlands_correspondentieadres": {
        "adres_buitenland_1": "buitenlands_adres_1",
        "adres_buitenland_2": "buitenlands_adres_2",
        "adres_buitenland_3": "buitenlands_adres_3",
        "land_postadres": "buitenlands_land_postadres",
    },
    "correspondentie_postadres": {
        "post_bus_of_antwoordnummer": "post_bus_of_antwoordnummer",
        "postadres_postcode": "postadres_postcode",
        "postadres_type": "postadres_type",
        "woonplaatsnaam": "postadres_woonplaatsnaam",
    },
}
