"""Catalogi API 1.3.3: the catalogue of zaaktypen, informatieobjecttypen and besluittypen (ImZTC 2.2).

Durations (doorlooptijd, archiefactietermijn, …) are stored as ISO 8601 strings (``P1Y6M``) because they may contain
years and months; :func:`zgw.catalogi.durations.parse_duration` turns them into a ``relativedelta``.

Relations between versions are stored to the concrete version that was named or resolved at write time.
"""

from __future__ import annotations

import uuid as _uuid

from django.db import models

from zgw.common.constants import VertrouwelijkheidsAanduiding


class IndicatieInternOfExtern(models.TextChoices):
    intern = "intern", "Intern"
    extern = "extern", "Extern"


class AardRelatie(models.TextChoices):
    vervolg = "vervolg", "Vervolg"
    bijdrage = "bijdrage", "Bijdrage"
    onderwerp = "onderwerp", "Onderwerp"


class RolOmschrijving(models.TextChoices):
    adviseur = "adviseur", "Adviseur"
    behandelaar = "behandelaar", "Behandelaar"
    belanghebbende = "belanghebbende", "Belanghebbende"
    beslisser = "beslisser", "Beslisser"
    initiator = "initiator", "Initiator"
    klantcontacter = "klantcontacter", "Klantcontacter"
    zaakcoordinator = "zaakcoordinator", "Zaakcoördinator"
    mede_initiator = "mede_initiator", "Mede-initiator"


class Archiefnominatie(models.TextChoices):
    blijvend_bewaren = "blijvend_bewaren", "Blijvend bewaren"
    vernietigen = "vernietigen", "Vernietigen"


class Afleidingswijze(models.TextChoices):
    afgehandeld = "afgehandeld", "Afgehandeld"
    ander_datumkenmerk = "ander_datumkenmerk", "Ander datumkenmerk"
    eigenschap = "eigenschap", "Eigenschap"
    gerelateerde_zaak = "gerelateerde_zaak", "Gerelateerde zaak"
    hoofdzaak = "hoofdzaak", "Hoofdzaak"
    ingangsdatum_besluit = "ingangsdatum_besluit", "Ingangsdatum besluit"
    termijn = "termijn", "Termijn"
    vervaldatum_besluit = "vervaldatum_besluit", "Vervaldatum besluit"
    zaakobject = "zaakobject", "Zaakobject"


class ArchiefObjecttype(models.TextChoices):
    adres = "adres", "Adres"
    besluit = "besluit", "Besluit"
    buurt = "buurt", "Buurt"
    enkelvoudig_document = "enkelvoudig_document", "Enkelvoudig document"
    gemeente = "gemeente", "Gemeente"
    gemeentelijke_openbare_ruimte = "gemeentelijke_openbare_ruimte", "Gemeentelijke openbare ruimte"
    huishouden = "huishouden", "Huishouden"
    inrichtingselement = "inrichtingselement", "Inrichtingselement"
    kadastrale_onroerende_zaak = "kadastrale_onroerende_zaak", "Kadastrale onroerende zaak"
    kunstwerkdeel = "kunstwerkdeel", "Kunstwerkdeel"
    maatschappelijke_activiteit = "maatschappelijke_activiteit", "Maatschappelijke activiteit"
    medewerker = "medewerker", "Medewerker"
    natuurlijk_persoon = "natuurlijk_persoon", "Natuurlijk persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon", "Niet-natuurlijk persoon"
    openbare_ruimte = "openbare_ruimte", "Openbare ruimte"
    organisatorische_eenheid = "organisatorische_eenheid", "Organisatorische eenheid"
    pand = "pand", "Pand"
    spoorbaandeel = "spoorbaandeel", "Spoorbaandeel"
    status = "status", "Status"
    terreindeel = "terreindeel", "Terreindeel"
    terrein_gebouwd_object = "terrein_gebouwd_object", "Terrein gebouwd object"
    vestiging = "vestiging", "Vestiging"
    waterdeel = "waterdeel", "Waterdeel"
    wegdeel = "wegdeel", "Wegdeel"
    wijk = "wijk", "Wijk"
    woonplaats = "woonplaats", "Woonplaats"
    woz_deelobject = "woz_deelobject", "WOZ-deelobject"
    woz_object = "woz_object", "WOZ-object"
    woz_waarde = "woz_waarde", "WOZ-waarde"
    zakelijk_recht = "zakelijk_recht", "Zakelijk recht"
    overige = "overige", "Overige"


class FormaatChoices(models.TextChoices):
    tekst = "tekst", "Tekst"
    getal = "getal", "Getal"
    datum = "datum", "Datum"
    datum_tijd = "datum_tijd", "Datum/tijd"


class RichtingChoices(models.TextChoices):
    inkomend = "inkomend", "Inkomend"
    intern = "intern", "Intern"
    uitgaand = "uitgaand", "Uitgaand"


class Catalogus(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    domein = models.CharField(max_length=5)
    rsin = models.CharField(max_length=9)
    contactpersoon_beheer_naam = models.CharField(max_length=40)
    contactpersoon_beheer_telefoonnummer = models.CharField(max_length=20, blank=True)
    contactpersoon_beheer_emailadres = models.EmailField(max_length=254, blank=True)
    naam = models.CharField(max_length=200, blank=True, null=True)
    versie = models.CharField(max_length=20, blank=True, null=True)
    begindatum_versie = models.DateField(blank=True, null=True)

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=("domein", "rsin"), name="catalogus_domein_rsin_unique")]
        verbose_name = "catalogus"
        verbose_name_plural = "catalogussen"

    def __str__(self) -> str:
        return f"{self.domein} - {self.rsin}"


class GeldigheidMixin(models.Model):
    """Version validity (inclusive) and the object's life span across versions."""

    datum_begin_geldigheid = models.DateField(null=True, blank=True)
    datum_einde_geldigheid = models.DateField(null=True, blank=True)
    begin_object = models.DateField(null=True, blank=True)
    einde_object = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    def geldig_op(self, datum) -> bool:
        """Whether this version is valid on ``datum`` (begin ≤ datum ≤ einde, bounds inclusive)."""
        if self.datum_begin_geldigheid and datum < self.datum_begin_geldigheid:
            return False
        return not (self.datum_einde_geldigheid and datum > self.datum_einde_geldigheid)


class InformatieObjectType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="informatieobjecttypen")
    omschrijving = models.CharField(max_length=80)
    vertrouwelijkheidaanduiding = models.CharField(max_length=21, choices=VertrouwelijkheidsAanduiding.choices)
    informatieobjectcategorie = models.CharField(max_length=80)
    trefwoord = models.JSONField(default=list, blank=True)
    # omschrijvingGeneriek group (all empty = no group)
    omschrijving_generiek_informatieobjecttype = models.CharField(max_length=80, blank=True)
    omschrijving_generiek_definitie = models.CharField(max_length=255, blank=True)
    omschrijving_generiek_herkomst = models.CharField(max_length=12, blank=True)
    omschrijving_generiek_hierarchie = models.CharField(max_length=80, blank=True)
    omschrijving_generiek_opmerking = models.CharField(max_length=255, blank=True)
    concept = models.BooleanField(default=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("catalogus", "omschrijving"))]
        verbose_name = "informatieobjecttype"
        verbose_name_plural = "informatieobjecttypen"

    def __str__(self) -> str:
        return self.omschrijving


class BesluitType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="besluittypen")
    omschrijving = models.CharField(max_length=80, blank=True)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    besluitcategorie = models.CharField(max_length=40, blank=True)
    reactietermijn = models.CharField(max_length=40, blank=True, null=True)
    publicatie_indicatie = models.BooleanField()
    publicatietekst = models.TextField(blank=True)
    publicatietermijn = models.CharField(max_length=40, blank=True, null=True)
    toelichting = models.TextField(blank=True)
    informatieobjecttypen = models.ManyToManyField(InformatieObjectType, blank=True, related_name="besluittypen")
    concept = models.BooleanField(default=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("catalogus", "omschrijving"))]
        verbose_name = "besluittype"
        verbose_name_plural = "besluittypen"

    def __str__(self) -> str:
        return self.omschrijving or str(self.uuid)


class ZaakType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="zaaktypen")
    identificatie = models.CharField(max_length=50)
    omschrijving = models.CharField(max_length=80)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(max_length=21, choices=VertrouwelijkheidsAanduiding.choices)
    doel = models.TextField()
    aanleiding = models.TextField()
    toelichting = models.TextField(blank=True)
    indicatie_intern_of_extern = models.CharField(max_length=6, choices=IndicatieInternOfExtern.choices)
    handeling_initiator = models.CharField(max_length=20)
    onderwerp = models.CharField(max_length=80)
    handeling_behandelaar = models.CharField(max_length=20)
    doorlooptijd_behandeling = models.CharField(max_length=40)
    servicenorm_behandeling = models.CharField(max_length=40, blank=True, null=True)
    opschorting_en_aanhouding_mogelijk = models.BooleanField()
    verlenging_mogelijk = models.BooleanField()
    verlengingstermijn = models.CharField(max_length=40, blank=True, null=True)
    trefwoorden = models.JSONField(default=list, blank=True)
    publicatie_indicatie = models.BooleanField()
    publicatietekst = models.TextField(blank=True)
    verantwoordingsrelatie = models.JSONField(default=list, blank=True)
    producten_of_diensten = models.JSONField(default=list, blank=True)
    selectielijst_procestype = models.URLField(max_length=200, blank=True)
    selectielijst_procestype_jaar = models.PositiveIntegerField(null=True, blank=True)
    referentieproces_naam = models.CharField(max_length=80)
    referentieproces_link = models.URLField(max_length=200, blank=True)
    verantwoordelijke = models.CharField(max_length=50)
    broncatalogus_url = models.URLField(max_length=200, blank=True)
    broncatalogus_domein = models.CharField(max_length=5, blank=True)
    broncatalogus_rsin = models.CharField(max_length=9, blank=True)
    bronzaaktype_url = models.URLField(max_length=200, blank=True)
    bronzaaktype_identificatie = models.CharField(max_length=50, blank=True)
    bronzaaktype_omschrijving = models.CharField(max_length=80, blank=True)
    versiedatum = models.DateField()
    concept = models.BooleanField(default=True)
    besluittypen = models.ManyToManyField(BesluitType, blank=True, related_name="zaaktypen")
    deelzaaktypen = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="hoofdzaaktypen")
    informatieobjecttypen = models.ManyToManyField(
        InformatieObjectType, through="ZaakTypeInformatieObjectType", blank=True, related_name="zaaktypen"
    )

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("catalogus", "identificatie"))]
        verbose_name = "zaaktype"
        verbose_name_plural = "zaaktypen"

    def __str__(self) -> str:
        return f"{self.identificatie} ({self.omschrijving})"


class ZaakTypenRelatie(models.Model):
    """A gerelateerd zaaktype (by URL, possibly in another catalogue) with the aard of the relation."""

    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="gerelateerde_zaaktypen")
    gerelateerd_zaaktype = models.CharField(max_length=200)
    # the related zaaktype's identificatie (Catalogi 1.3.3 zaaktypeIdentificatie; the name the relation is kept by);
    # empty for a zaaktype of another registry whose identificatie was not given
    zaaktype_identificatie = models.CharField(max_length=50, blank=True)
    aard_relatie = models.CharField(max_length=9, choices=AardRelatie.choices)
    toelichting = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.aard_relatie}: {self.gerelateerd_zaaktype}"


class ZaakObjectType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="zaakobjecttypen")
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="zaakobjecttypen")
    ander_objecttype = models.BooleanField()
    objecttype = models.URLField(max_length=200)
    relatie_omschrijving = models.CharField(max_length=80)

    class Meta:
        ordering = ("id",)
        verbose_name = "zaakobjecttype"
        verbose_name_plural = "zaakobjecttypen"

    def __str__(self) -> str:
        return self.relatie_omschrijving


class StatusType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="statustypen")
    omschrijving = models.CharField(max_length=80)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    statustekst = models.CharField(max_length=1000, blank=True)
    volgnummer = models.PositiveIntegerField()
    informeren = models.BooleanField(default=False)
    doorlooptijd = models.CharField(max_length=40, blank=True, null=True)
    toelichting = models.CharField(max_length=1000, blank=True, null=True)
    checklistitem_statustype = models.JSONField(default=list, blank=True)
    eigenschappen = models.ManyToManyField("Eigenschap", blank=True, related_name="verplicht_voor_statustypen")
    zaakobjecttype = models.ForeignKey(
        ZaakObjectType, null=True, blank=True, on_delete=models.SET_NULL, related_name="statustypen"
    )

    class Meta:
        ordering = ("zaaktype_id", "volgnummer")
        constraints = [
            models.UniqueConstraint(fields=("zaaktype", "volgnummer"), name="statustype_zaaktype_volgnummer_unique")
        ]
        verbose_name = "statustype"
        verbose_name_plural = "statustypen"

    def __str__(self) -> str:
        return f"{self.volgnummer}: {self.omschrijving}"

    @property
    def is_eindstatus(self) -> bool:
        """True for the statustype with the highest volgnummer of its zaaktype.

        Uses the ``max_volgnummer`` annotation when the selector added it, else one query.
        """
        highest = getattr(self, "max_volgnummer", None)
        if highest is None:
            highest = StatusType.objects.filter(zaaktype_id=self.zaaktype_id).aggregate(m=models.Max("volgnummer"))["m"]
        return self.volgnummer == highest


class RolType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="roltypen")
    omschrijving = models.CharField(max_length=100)
    omschrijving_generiek = models.CharField(max_length=80, choices=RolOmschrijving.choices)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("zaaktype", "omschrijving"), name="roltype_zaaktype_omschrijving_unique")
        ]
        verbose_name = "roltype"
        verbose_name_plural = "roltypen"

    def __str__(self) -> str:
        return self.omschrijving


class ResultaatType(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="resultaattypen")
    omschrijving = models.CharField(max_length=30)
    resultaattypeomschrijving = models.URLField(max_length=1000)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    selectielijstklasse = models.URLField(max_length=1000)
    toelichting = models.TextField(blank=True)
    archiefnominatie = models.CharField(max_length=16, choices=Archiefnominatie.choices, blank=True)
    archiefactietermijn = models.CharField(max_length=40, blank=True, null=True)
    brondatum_archiefprocedure_afleidingswijze = models.CharField(
        max_length=20, choices=Afleidingswijze.choices, blank=True
    )
    brondatum_archiefprocedure_datumkenmerk = models.CharField(max_length=80, blank=True)
    brondatum_archiefprocedure_einddatum_bekend = models.BooleanField(default=False)
    brondatum_archiefprocedure_objecttype = models.CharField(
        max_length=29, choices=ArchiefObjecttype.choices, blank=True
    )
    brondatum_archiefprocedure_registratie = models.CharField(max_length=80, blank=True)
    brondatum_archiefprocedure_procestermijn = models.CharField(max_length=40, blank=True, null=True)
    procesobjectaard = models.CharField(max_length=200, blank=True, null=True)
    indicatie_specifiek = models.BooleanField(null=True, blank=True)
    procestermijn = models.CharField(max_length=40, blank=True, null=True)
    besluittypen = models.ManyToManyField(BesluitType, blank=True, related_name="resultaattypen")
    informatieobjecttypen = models.ManyToManyField(InformatieObjectType, blank=True, related_name="resultaattypen")
    zaakobjecttype = models.ForeignKey(
        ZaakObjectType, null=True, blank=True, on_delete=models.SET_NULL, related_name="resultaattypen"
    )

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=("zaaktype", "omschrijving"), name="resultaattype_zaaktype_omschrijving_unique"
            )
        ]
        verbose_name = "resultaattype"
        verbose_name_plural = "resultaattypen"

    def __str__(self) -> str:
        return self.omschrijving


class Eigenschap(GeldigheidMixin):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="eigenschappen")
    naam = models.CharField(max_length=20)
    definitie = models.CharField(max_length=255)
    toelichting = models.CharField(max_length=1000, blank=True)
    statustype = models.ForeignKey(
        StatusType, null=True, blank=True, on_delete=models.SET_NULL, related_name="eigenschappen_van_status"
    )
    # specificatie
    groep = models.CharField(max_length=32, blank=True)
    formaat = models.CharField(max_length=10, choices=FormaatChoices.choices)
    lengte = models.CharField(max_length=14)
    kardinaliteit = models.CharField(max_length=3)
    waardenverzameling = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=("zaaktype", "naam"), name="eigenschap_zaaktype_naam_unique")]
        verbose_name = "eigenschap"
        verbose_name_plural = "eigenschappen"

    def __str__(self) -> str:
        return self.naam


class ZaakTypeInformatieObjectType(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="ziots")
    informatieobjecttype = models.ForeignKey(InformatieObjectType, on_delete=models.CASCADE, related_name="ziots")
    volgnummer = models.PositiveIntegerField()
    richting = models.CharField(max_length=8, choices=RichtingChoices.choices)
    statustype = models.ForeignKey(StatusType, null=True, blank=True, on_delete=models.SET_NULL, related_name="ziots")

    class Meta:
        ordering = ("zaaktype_id", "volgnummer")
        constraints = [
            models.UniqueConstraint(fields=("zaaktype", "volgnummer"), name="ziot_zaaktype_volgnummer_unique")
        ]
        verbose_name = "zaaktype-informatieobjecttype"
        verbose_name_plural = "zaaktype-informatieobjecttypen"

    def __str__(self) -> str:
        return f"{self.zaaktype_id} - {self.volgnummer}"
