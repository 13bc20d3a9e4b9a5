"""Tables of the Zaken API 1.5.1 (rules live in services.py)."""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from django.utils import timezone

from zgw.common.constants import VertrouwelijkheidsAanduiding


class Betalingsindicatie(models.TextChoices):
    nvt = "nvt", "Er is geen sprake van te betalen, met de zaak gemoeide, kosten."
    nog_niet = "nog_niet", "De met de zaak gemoeide kosten zijn (nog) niet betaald."
    gedeeltelijk = "gedeeltelijk", "De met de zaak gemoeide kosten zijn gedeeltelijk betaald."
    geheel = "geheel", "De met de zaak gemoeide kosten zijn betaald."


class Archiefnominatie(models.TextChoices):
    blijvend_bewaren = (
        "blijvend_bewaren",
        "Het zaakdossier moet bewaard blijven en op de Archiefactiedatum overgedragen worden naar een archiefbewaarplaats.",  # noqa: E501
    )
    vernietigen = "vernietigen", "Het zaakdossier moet op of na de Archiefactiedatum vernietigd worden."


class Archiefstatus(models.TextChoices):
    nog_te_archiveren = "nog_te_archiveren", "De zaak cq. het zaakdossier is nog niet als geheel gearchiveerd."
    gearchiveerd = "gearchiveerd", "De zaak cq. het zaakdossier is als geheel niet-wijzigbaar bewaarbaar gemaakt."
    gearchiveerd_procestermijn_onbekend = (
        "gearchiveerd_procestermijn_onbekend",
        "De zaak cq. het zaakdossier is als geheel niet-wijzigbaar bewaarbaar gemaakt"
        " maar de vernietigingsdatum kan nog niet bepaald worden.",
    )
    overgedragen = "overgedragen", "De zaak cq. het zaakdossier is overgebracht naar een archiefbewaarplaats."


class BetrokkeneType(models.TextChoices):
    natuurlijk_persoon = "natuurlijk_persoon", "Natuurlijk persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon", "Niet-natuurlijk persoon"
    vestiging = "vestiging", "Vestiging"
    organisatorische_eenheid = "organisatorische_eenheid", "Organisatorische eenheid"
    medewerker = "medewerker", "Medewerker"


class IndicatieMachtiging(models.TextChoices):
    gemachtigde = (
        "gemachtigde",
        "De betrokkene in de rol bij de zaak is door een andere betrokkene bij dezelfde zaak gemachtigd om namens hem of haar te handelen",  # noqa: E501
    )
    machtiginggever = (
        "machtiginggever",
        "De betrokkene in de rol bij de zaak heeft een andere betrokkene bij dezelfde zaak gemachtigd om namens hem of haar te handelen",  # noqa: E501
    )


OBJECT_TYPES = [
    "adres",
    "besluit",
    "buurt",
    "enkelvoudig_document",
    "gemeente",
    "gemeentelijke_openbare_ruimte",
    "huishouden",
    "inrichtingselement",
    "kadastrale_onroerende_zaak",
    "kunstwerkdeel",
    "maatschappelijke_activiteit",
    "medewerker",
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "openbare_ruimte",
    "organisatorische_eenheid",
    "pand",
    "spoorbaandeel",
    "status",
    "terreindeel",
    "terrein_gebouwd_object",
    "vestiging",
    "waterdeel",
    "wegdeel",
    "wijk",
    "woonplaats",
    "woz_deelobject",
    "woz_object",
    "woz_waarde",
    "zakelijk_recht",
    "overige",
]
OBJECT_TYPE_CHOICES = [(value, value.replace("_", " ").capitalize()) for value in OBJECT_TYPES]


class _UUIDStr:
    def __str__(self) -> str:
        return str(self.uuid)


class Zaak(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    identificatie = models.CharField(max_length=40, blank=True, db_index=True)
    bronorganisatie = models.CharField(max_length=9, db_index=True)
    omschrijving = models.CharField(max_length=80, blank=True)
    toelichting = models.TextField(max_length=1000, blank=True)
    zaaktype = models.ForeignKey("catalogi.ZaakType", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    zaaktype_url = models.URLField(max_length=1000, blank=True, db_index=True)
    registratiedatum = models.DateField(default=timezone.localdate, db_index=True)
    verantwoordelijke_organisatie = models.CharField(max_length=9)
    startdatum = models.DateField(db_index=True)
    einddatum = models.DateField(null=True, blank=True, db_index=True)
    einddatum_gepland = models.DateField(null=True, blank=True, db_index=True)
    uiterlijke_einddatum_afdoening = models.DateField(null=True, blank=True, db_index=True)
    publicatiedatum = models.DateField(null=True, blank=True)
    communicatiekanaal = models.URLField(max_length=1000, blank=True)
    producten_of_diensten = models.JSONField(default=list, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=21, choices=VertrouwelijkheidsAanduiding.choices, db_index=True
    )
    betalingsindicatie = models.CharField(max_length=12, choices=Betalingsindicatie.choices, blank=True)
    laatste_betaaldatum = models.DateTimeField(null=True, blank=True)
    zaakgeometrie = models.JSONField(null=True, blank=True)
    geo_min_x = models.FloatField(null=True, blank=True)
    geo_min_y = models.FloatField(null=True, blank=True)
    geo_max_x = models.FloatField(null=True, blank=True)
    geo_max_y = models.FloatField(null=True, blank=True)
    verlenging = models.JSONField(null=True, blank=True)
    opschorting = models.JSONField(null=True, blank=True)
    selectielijstklasse = models.URLField(max_length=1000, blank=True)
    hoofdzaak = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="deelzaken")
    relevante_andere_zaken = models.JSONField(default=list, blank=True)
    kenmerken = models.JSONField(default=list, blank=True)
    archiefnominatie = models.CharField(
        max_length=16, choices=Archiefnominatie.choices, blank=True, null=True, db_index=True
    )
    archiefstatus = models.CharField(
        max_length=40, choices=Archiefstatus.choices, default=Archiefstatus.nog_te_archiveren, db_index=True
    )
    archiefactiedatum = models.DateField(null=True, blank=True, db_index=True)
    opdrachtgevende_organisatie = models.CharField(max_length=9, blank=True)
    processobjectaard = models.CharField(max_length=200, null=True, blank=True)
    startdatum_bewaartermijn = models.DateField(null=True, blank=True)
    processobject = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("-pk",)
        constraints = [
            models.UniqueConstraint(fields=["bronorganisatie", "identificatie"], name="zaken_identificatie_unique")
        ]
        indexes = [
            models.Index(fields=["geo_min_x", "geo_max_x", "geo_min_y", "geo_max_y"], name="zaken_geo_bbox"),
            # the autorisatie filter (zaaktype, level) and the -pk order: counts and pages from the index alone
            models.Index(fields=["zaaktype", "vertrouwelijkheidaanduiding", "id"], name="zaken_autorisatie"),
        ]
        verbose_name = "zaak"
        verbose_name_plural = "zaken"

    def __str__(self) -> str:
        return self.identificatie


class Status(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen")
    statustype = models.ForeignKey(
        "catalogi.StatusType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statustype_url = models.URLField(max_length=1000, blank=True, db_index=True)
    datum_status_gezet = models.DateTimeField()
    statustoelichting = models.TextField(max_length=1000, blank=True)
    gezetdoor = models.ForeignKey("Rol", null=True, blank=True, on_delete=models.SET_NULL, related_name="statussen")

    class Meta:
        ordering = ("-datum_status_gezet",)
        constraints = [models.UniqueConstraint(fields=["zaak", "datum_status_gezet"], name="zaken_status_unique")]
        verbose_name_plural = "statussen"

    def __str__(self) -> str:
        return f"{self.zaak_id} {self.datum_status_gezet}"


class Resultaat(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="resultaat")
    resultaattype = models.ForeignKey(
        "catalogi.ResultaatType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resultaattype_url = models.URLField(max_length=1000, blank=True, db_index=True)
    toelichting = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "resultaten"


class Rol(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="rollen")
    betrokkene = models.URLField(max_length=1000, blank=True, db_index=True)
    betrokkene_type = models.CharField(max_length=24, choices=BetrokkeneType.choices, db_index=True)
    afwijkende_naam_betrokkene = models.TextField(max_length=625, blank=True)
    roltype = models.ForeignKey("catalogi.RolType", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    roltype_url = models.URLField(max_length=1000, blank=True, db_index=True)
    omschrijving = models.CharField(max_length=100, blank=True, db_index=True)
    omschrijving_generiek = models.CharField(max_length=80, blank=True, db_index=True)
    roltoelichting = models.TextField(max_length=1000)
    registratiedatum = models.DateTimeField(auto_now_add=True)
    indicatie_machtiging = models.CharField(max_length=20, choices=IndicatieMachtiging.choices, blank=True)
    contactpersoon_rol = models.JSONField(null=True, blank=True)
    betrokkene_identificatie = models.JSONField(null=True, blank=True)
    # the identification keys the filters use, copied out of the JSON for indexed lookups
    ident_key = models.CharField(max_length=300, blank=True, db_index=True)  # "identificatie:" + 254 (1.7)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "rollen"


class ZaakObject(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakobjecten")
    object = models.URLField(max_length=1000, blank=True, db_index=True)
    zaakobjecttype = models.ForeignKey(
        "catalogi.ZaakObjectType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    zaakobjecttype_url = models.URLField(max_length=1000, blank=True)
    object_type = models.CharField(max_length=40, choices=OBJECT_TYPE_CHOICES, db_index=True)
    object_type_overige = models.CharField(max_length=100, blank=True)
    object_type_overige_definitie = models.JSONField(null=True, blank=True)
    relatieomschrijving = models.CharField(max_length=80, blank=True)
    object_identificatie = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "zaakobjecten"


class ZaakInformatieObject(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakinformatieobjecten")
    informatieobject = models.ForeignKey(
        "documenten.EnkelvoudigInformatieObject",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    informatieobject_url = models.URLField(max_length=1000, blank=True, db_index=True)
    aard_relatie = models.CharField(max_length=20, default="hoort_bij")
    titel = models.CharField(max_length=200, blank=True)
    beschrijving = models.TextField(blank=True)
    registratiedatum = models.DateTimeField(auto_now_add=True)
    vernietigingsdatum = models.DateTimeField(null=True, blank=True)
    status = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.SET_NULL, related_name="zaakinformatieobjecten"
    )

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "zaakinformatieobjecten"
        # (zaak, informatieobject) unique (zrc ZIO create): a local document by FK, a remote one by URL
        constraints = [
            models.UniqueConstraint(
                fields=["zaak", "informatieobject"],
                condition=models.Q(informatieobject__isnull=False),
                name="zaken_zio_local_unique",
            ),
            models.UniqueConstraint(
                fields=["zaak", "informatieobject_url"],
                condition=~models.Q(informatieobject_url=""),
                name="zaken_zio_remote_unique",
            ),
        ]


class ZaakEigenschap(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="eigenschappen")
    eigenschap = models.ForeignKey(
        "catalogi.Eigenschap", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    eigenschap_url = models.URLField(max_length=1000, blank=True)
    naam = models.CharField(max_length=20, blank=True)
    waarde = models.TextField()

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "zaakeigenschappen"


class ZaakBesluit(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakbesluiten")
    besluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    besluit_url = models.URLField(max_length=1000, blank=True, db_index=True)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "zaakbesluiten"


class KlantContact(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="klantcontacten")
    identificatie = models.CharField(max_length=14, blank=True)
    datumtijd = models.DateTimeField()
    kanaal = models.CharField(max_length=20, blank=True)
    onderwerp = models.CharField(max_length=200, blank=True)
    toelichting = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "klantcontacten"


class ZaakContactMoment(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakcontactmomenten")
    contactmoment = models.URLField(max_length=1000, db_index=True)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "zaakcontactmomenten"


class ZaakVerzoek(_UUIDStr, models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakverzoeken")
    verzoek = models.URLField(max_length=1000, db_index=True)

    class Meta:
        ordering = ("pk",)
        verbose_name_plural = "zaakverzoeken"


# ---- new in Zaken 1.7.0 (rules in zaaknotities.py and zaaknummers.py) ---------------------------------------


class NotitieType(models.TextChoices):
    intern = "intern", "Intern"
    extern = "extern", "Extern"


class NotitieStatus(models.TextChoices):
    concept = "concept", "Concept"
    definitief = "definitief", "Definitief"


class ZaakNotitie(_UUIDStr, models.Model):
    """A note on a zaak (Zaken 1.7.0, experimental in the standard)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="notities")
    onderwerp = models.CharField(max_length=255)
    tekst = models.TextField()
    aangemaakt_door = models.CharField(max_length=255, blank=True)
    notitie_type = models.CharField(max_length=6, choices=NotitieType.choices, default=NotitieType.intern)
    status = models.CharField(max_length=10, choices=NotitieStatus.choices, default=NotitieStatus.concept)
    aanmaakdatum = models.DateTimeField(default=timezone.now, db_index=True)
    wijzigingsdatum = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-pk",)
        verbose_name = "zaaknotitie"
        verbose_name_plural = "zaaknotities"


class ZaakNummerReservering(models.Model):
    """A zaak identificatie handed out by ``POST /zaaknummer_reserveren`` and not yet used by a zaak."""

    bronorganisatie = models.CharField(max_length=9)
    identificatie = models.CharField(max_length=40)
    aangemaakt = models.DateTimeField(default=timezone.now)
    applicatie = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["bronorganisatie", "identificatie"], name="zaken_zaaknummer_reservering_unique"
            )
        ]
        verbose_name = "gereserveerd zaaknummer"
        verbose_name_plural = "gereserveerde zaaknummers"

    def __str__(self) -> str:
        return self.identificatie
