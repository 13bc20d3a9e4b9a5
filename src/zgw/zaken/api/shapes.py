"""Shapes of betrokkeneIdentificatie (Rol) and objectIdentificatie (ZaakObject), per type.

Generated once from the Zaken 1.5.1 OAS component schemas by a small script and kept as plain code.
"""

# ruff: noqa: E501

from __future__ import annotations

from rest_framework import serializers

from zgw.common.serializers import Serializer


class VerblijfsAdres(Serializer):
    aoaIdentificatie = serializers.CharField(allow_blank=True, max_length=100)
    wplWoonplaatsNaam = serializers.CharField(allow_blank=True, max_length=80)
    gorOpenbareRuimteNaam = serializers.CharField(allow_blank=True, max_length=80)
    aoaPostcode = serializers.CharField(allow_blank=True, required=False, max_length=7)
    aoaHuisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoaHuisletter = serializers.CharField(allow_blank=True, required=False, max_length=1)
    aoaHuisnummertoevoeging = serializers.CharField(allow_blank=True, required=False, max_length=4)
    inpLocatiebeschrijving = serializers.CharField(allow_blank=True, required=False, max_length=1000)


class SubVerblijfBuitenland(Serializer):
    lndLandcode = serializers.CharField(allow_blank=True, max_length=4)
    lndLandnaam = serializers.CharField(allow_blank=True, max_length=40)
    subAdresBuitenland_1 = serializers.CharField(allow_blank=True, required=False, max_length=35)
    subAdresBuitenland_2 = serializers.CharField(allow_blank=True, required=False, max_length=35)
    subAdresBuitenland_3 = serializers.CharField(allow_blank=True, required=False, max_length=35)


class RolNatuurlijkPersoon(Serializer):
    inpBsn = serializers.CharField(allow_blank=True, required=False, max_length=9)
    anpIdentificatie = serializers.CharField(allow_blank=True, required=False, max_length=17)
    inpA_nummer = serializers.RegexField("^[1-9][0-9]{9}$", allow_blank=True, required=False, max_length=10)
    geslachtsnaam = serializers.CharField(allow_blank=True, required=False, max_length=200)
    voorvoegselGeslachtsnaam = serializers.CharField(allow_blank=True, required=False, max_length=80)
    voorletters = serializers.CharField(allow_blank=True, required=False, max_length=20)
    voornamen = serializers.CharField(allow_blank=True, required=False, max_length=200)
    geslachtsaanduiding = serializers.ChoiceField(choices=["m", "v", "o"], required=False, allow_blank=True)
    geboortedatum = serializers.CharField(allow_blank=True, required=False, max_length=18)
    verblijfsadres = VerblijfsAdres(required=False, allow_null=True)
    subVerblijfBuitenland = SubVerblijfBuitenland(required=False, allow_null=True)


class RolNietNatuurlijkPersoon(Serializer):
    innNnpId = serializers.CharField(allow_blank=True, required=False, max_length=9)
    annIdentificatie = serializers.CharField(allow_blank=True, required=False, max_length=17)
    statutaireNaam = serializers.CharField(allow_blank=True, required=False, max_length=500)
    innRechtsvorm = serializers.ChoiceField(
        choices=[
            "besloten_vennootschap",
            "cooperatie_europees_economische_samenwerking",
            "europese_cooperatieve_vennootschap",
            "europese_cooperatieve_venootschap",  # the misspelt value of 1.5.1, still accepted (deprecated in 1.7)
            "europese_naamloze_vennootschap",
            "kerkelijke_organisatie",
            "naamloze_vennootschap",
            "onderlinge_waarborg_maatschappij",
            "overig_privaatrechtelijke_rechtspersoon",
            "stichting",
            "vereniging",
            "vereniging_van_eigenaars",
            "publiekrechtelijke_rechtspersoon",
            "vennootschap_onder_firma",
            "maatschap",
            "rederij",
            "commanditaire_vennootschap",
            "kapitaalvennootschap_binnen_eer",
            "overige_buitenlandse_rechtspersoon_vennootschap",
            "kapitaalvennootschap_buiten_eer",
        ],
        required=False,
        allow_blank=True,
    )
    bezoekadres = serializers.CharField(allow_blank=True, required=False, max_length=1000)
    subVerblijfBuitenland = SubVerblijfBuitenland(required=False, allow_null=True)


class RolVestiging(Serializer):
    vestigingsNummer = serializers.CharField(allow_blank=True, required=False, max_length=24)
    handelsnaam = serializers.ListField(child=serializers.CharField(max_length=625), required=False)
    verblijfsadres = VerblijfsAdres(required=False, allow_null=True)
    subVerblijfBuitenland = SubVerblijfBuitenland(required=False, allow_null=True)
    kvkNummer = serializers.CharField(allow_blank=True, required=False, max_length=8)


class RolOrganisatorischeEenheid(Serializer):
    identificatie = serializers.CharField(allow_blank=True, required=False, max_length=24)
    naam = serializers.CharField(allow_blank=True, required=False, max_length=50)
    isGehuisvestIn = serializers.CharField(allow_blank=True, required=False, max_length=24)


class RolMedewerker(Serializer):
    identificatie = serializers.CharField(allow_blank=True, required=False, max_length=254)  # 1.7: a UUID fits
    achternaam = serializers.CharField(allow_blank=True, required=False, max_length=200)
    voorletters = serializers.CharField(allow_blank=True, required=False, max_length=20)
    voorvoegselAchternaam = serializers.CharField(allow_blank=True, required=False, max_length=10)


class ObjectAdres(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    wplWoonplaatsNaam = serializers.CharField(allow_blank=True, max_length=80)
    gorOpenbareRuimteNaam = serializers.CharField(allow_blank=True, max_length=80)
    huisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    huisletter = serializers.CharField(allow_blank=True, required=False, max_length=1)
    huisnummertoevoeging = serializers.CharField(allow_blank=True, required=False, max_length=4)
    postcode = serializers.CharField(allow_blank=True, required=False, max_length=7)


class ObjectBuurt(Serializer):
    buurtCode = serializers.CharField(allow_blank=True, max_length=2)
    buurtNaam = serializers.CharField(allow_blank=True, max_length=40)
    gemGemeenteCode = serializers.CharField(allow_blank=True, max_length=4)
    wykWijkCode = serializers.CharField(allow_blank=True, max_length=2)


class ObjectGemeente(Serializer):
    gemeenteNaam = serializers.CharField(allow_blank=True, max_length=80)
    gemeenteCode = serializers.CharField(allow_blank=True, max_length=4)


class ObjectGemeentelijkeOpenbareRuimte(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    openbareRuimteNaam = serializers.CharField(allow_blank=True, max_length=80)


class TerreinGebouwdObjectAdres(Serializer):
    numIdentificatie = serializers.CharField(allow_blank=True, required=False, max_length=100)
    oaoIdentificatie = serializers.CharField(allow_blank=True, required=False, max_length=100)  # deprecated (1.7)
    aoaIdentificatie = serializers.CharField(allow_blank=True, required=False, max_length=100)
    wplWoonplaatsNaam = serializers.CharField(allow_blank=True, max_length=80)
    gorOpenbareRuimteNaam = serializers.CharField(allow_blank=True, max_length=80)
    aoaPostcode = serializers.CharField(allow_blank=True, required=False, max_length=7)
    aoaHuisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoaHuisletter = serializers.CharField(allow_blank=True, required=False, max_length=1)
    aoaHuisnummertoevoeging = serializers.CharField(allow_blank=True, required=False, max_length=4)
    ogoLocatieAanduiding = serializers.CharField(allow_blank=True, required=False, max_length=100)

    def validate(self, attrs):
        """Zaken 1.7: ``aoaIdentificatie`` replaces the misspelt ``oaoIdentificatie``; one of the two is required."""
        if "oaoIdentificatie" not in attrs and "aoaIdentificatie" not in attrs:
            raise serializers.ValidationError(
                {"aoaIdentificatie": [serializers.ErrorDetail("Dit veld is vereist.", code="required")]}
            )
        return attrs


class ObjectTerreinGebouwdObject(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    adresAanduidingGrp = TerreinGebouwdObjectAdres(required=False, allow_null=True)


class ObjectHuishouden(Serializer):
    nummer = serializers.CharField(allow_blank=True, max_length=12)
    isGehuisvestIn = ObjectTerreinGebouwdObject(required=False, allow_null=True)


class ObjectInrichtingselement(Serializer):
    type = serializers.ChoiceField(
        choices=[
            "bak",
            "bord",
            "installatie",
            "kast",
            "mast",
            "paal",
            "sensor",
            "straatmeubilair",
            "waterinrichtingselement",
            "weginrichtingselement",
        ]
    )
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    naam = serializers.CharField(allow_blank=True, required=False, max_length=500)


class ObjectKadastraleOnroerendeZaak(Serializer):
    kadastraleIdentificatie = serializers.CharField(allow_blank=True, max_length=100)
    kadastraleAanduiding = serializers.CharField(allow_blank=True, max_length=1000)


class ObjectKunstwerkdeel(Serializer):
    type = serializers.ChoiceField(
        choices=[
            "keermuur",
            "overkluizing",
            "duiker",
            "faunavoorziening",
            "vispassage",
            "bodemval",
            "coupure",
            "ponton",
            "voorde",
            "hoogspanningsmast",
            "gemaal",
            "perron",
            "sluis",
            "strekdam",
            "steiger",
            "stuw",
        ]
    )
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    naam = serializers.CharField(allow_blank=True, max_length=80)


class ObjectMaatschappelijkeActiviteit(Serializer):
    kvkNummer = serializers.CharField(allow_blank=True, max_length=8)
    handelsnaam = serializers.CharField(allow_blank=True, max_length=200)


class ObjectOpenbareRuimte(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    wplWoonplaatsNaam = serializers.CharField(allow_blank=True, max_length=80)
    gorOpenbareRuimteNaam = serializers.CharField(allow_blank=True, max_length=80)


class ObjectOverige(Serializer):
    overigeData = serializers.DictField()


class ObjectPand(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)


class ObjectSpoorbaandeel(Serializer):
    type = serializers.ChoiceField(choices=["breedspoor", "normaalspoor", "smalspoor", "spoorbaan"])
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    naam = serializers.CharField(allow_blank=True, required=False, max_length=500)


class ObjectTerreindeel(Serializer):
    type = serializers.CharField(allow_blank=True, max_length=40)
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    naam = serializers.CharField(allow_blank=True, required=False, max_length=500)


class ObjectWaterdeel(Serializer):
    typeWaterdeel = serializers.ChoiceField(choices=["zee", "waterloop", "watervlakte", "greppel_droge_sloot"])
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    naam = serializers.CharField(allow_blank=True, required=False, max_length=500)


class ObjectWegdeel(Serializer):
    type = serializers.CharField(allow_blank=True, max_length=100)
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    naam = serializers.CharField(allow_blank=True, required=False, max_length=500)


class ObjectWijk(Serializer):
    wijkCode = serializers.CharField(allow_blank=True, max_length=2)
    wijkNaam = serializers.CharField(allow_blank=True, max_length=40)
    gemGemeenteCode = serializers.CharField(allow_blank=True, max_length=4)


class ObjectWoonplaats(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    woonplaatsNaam = serializers.CharField(allow_blank=True, max_length=80)


class WozObjectAdres(Serializer):
    aoaIdentificatie = serializers.CharField(allow_blank=True, max_length=100)
    wplWoonplaatsNaam = serializers.CharField(allow_blank=True, max_length=80)
    gorOpenbareRuimteNaam = serializers.CharField(allow_blank=True, max_length=80)
    aoaPostcode = serializers.CharField(allow_blank=True, required=False, max_length=7)
    aoaHuisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoaHuisletter = serializers.CharField(allow_blank=True, required=False, max_length=1)
    aoaHuisnummertoevoeging = serializers.CharField(allow_blank=True, required=False, max_length=4)
    locatieOmschrijving = serializers.CharField(allow_blank=True, required=False, max_length=1000)


class ObjectWozObject(Serializer):
    wozObjectNummer = serializers.CharField(allow_blank=True, max_length=100)
    aanduidingWozObject = WozObjectAdres(required=False, allow_null=True)


class ObjectWozDeelobject(Serializer):
    nummerWozDeelObject = serializers.CharField(allow_blank=True, max_length=6)
    isOnderdeelVan = ObjectWozObject(required=False)


class ObjectWozWaarde(Serializer):
    waardepeildatum = serializers.CharField(allow_blank=True, max_length=9)
    isVoor = ObjectWozObject(required=False)


class ZakelijkRechtHeeftAlsGerechtigde(Serializer):
    natuurlijkPersoon = RolNatuurlijkPersoon(required=False)
    nietNatuurlijkPersoon = RolNietNatuurlijkPersoon(required=False)


class ObjectZakelijkRecht(Serializer):
    identificatie = serializers.CharField(allow_blank=True, max_length=100)
    avgAard = serializers.CharField(allow_blank=True, max_length=1000)
    heeftBetrekkingOp = ObjectKadastraleOnroerendeZaak(required=False)
    heeftAlsGerechtigde = ZakelijkRechtHeeftAlsGerechtigde(required=False)
