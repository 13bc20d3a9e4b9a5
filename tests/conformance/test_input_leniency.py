"""Input leniency (DECISIONS.md): fields the newest OAS makes optional, snake_case spellings, "" as absent.

Each test sends what a real client sends (VNG's collections, clients written against Open Zaak) and checks that the
server accepts it, stores the documented default and answers camelCase.
"""

from __future__ import annotations

import pytest

from tests.catalogi.conftest import make_zaaktype, resultaattype_payload, url, zaaktype_payload
from tests.zaken.conftest import CRS, cat_url, create_zaak, post
from zgw.catalogi import models as cm
from zgw.common.parsers import snake
from zgw.zaken.models import Rol, ZaakObject

CAT = "/catalogi/api/v1"
AC = "/autorisaties/api/v1"

pytestmark = pytest.mark.django_db


def _without(payload: dict, *names: str) -> dict:
    return {k: v for k, v in payload.items() if k not in names}


# --- 1. fields the pinned OAS requires but newer releases / VNG's collections leave out --------------------------


def test_zaaktype_without_deelzaaktypen_and_versiedatum(superuser_client, catalogus):
    payload = _without(zaaktype_payload(catalogus), "deelzaaktypen", "versiedatum")
    response = superuser_client.post(f"{CAT}/zaaktypen", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["deelzaaktypen"] == []
    assert body["versiedatum"] == "2024-01-01"  # defaults to beginGeldigheid
    zaaktype = cm.ZaakType.objects.get()
    assert zaaktype.versiedatum.isoformat() == "2024-01-01"
    assert not zaaktype.deelzaaktypen.exists()


def test_zaaktype_put_without_deelzaaktypen_keeps_them(superuser_client, catalogus):
    deel = make_zaaktype(catalogus, identificatie="DEEL")
    created = superuser_client.post(
        f"{CAT}/zaaktypen", zaaktype_payload(catalogus, deelzaaktypen=[url("zaaktypen", deel)]), format="json"
    ).json()
    payload = _without(zaaktype_payload(catalogus, omschrijving="Nieuw"), "deelzaaktypen", "versiedatum")
    response = superuser_client.put(created["url"], payload, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["deelzaaktypen"] == [f"http://testserver{CAT}/zaaktypen/{deel.uuid}"]


def test_resultaattype_without_besluittypen(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    payload = _without(resultaattype_payload(zaaktype), "besluittypen")
    response = superuser_client.post(f"{CAT}/resultaattypen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["besluittypen"] == []


def test_informatieobjecttype_without_informatieobjectcategorie(superuser_client, catalogus):
    payload = {
        "catalogus": url("catalogussen", catalogus),
        "omschrijving": "Brief",
        "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2024-01-01",
    }
    response = superuser_client.post(f"{CAT}/informatieobjecttypen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjectcategorie"] == ""


def test_zaakobjecttype_without_begin_geldigheid_inherits_the_zaaktypes(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    payload = {
        "anderObjecttype": False,
        "objecttype": "https://objecttypen.example.com/api/v1/objecttypes/1",
        "relatieOmschrijving": "betreft",
        "zaaktype": url("zaaktypen", zaaktype),
        "catalogus": url("catalogussen", catalogus),
    }
    response = superuser_client.post(f"{CAT}/zaakobjecttypen", payload, format="json")
    assert response.status_code == 201, response.json()["invalidParams"]
    assert response.json()["beginGeldigheid"] == zaaktype.datum_begin_geldigheid.isoformat()


def test_schema_still_documents_the_pinned_required_fields(anonymous_client):
    schema = anonymous_client.get(f"{CAT}/schema/openapi.json").json()["components"]["schemas"]
    # Catalogi 1.3.3 makes these optional in the create; its ZaakTypeUpdate still requires deelzaaktypen
    assert not {"deelzaaktypen", "versiedatum"} & set(schema["ZaakTypeCreateRequest"]["required"])
    assert "deelzaaktypen" in schema["ZaakTypeUpdateRequest"]["required"]
    assert "besluittypen" not in schema["ResultaatTypeCreateRequest"]["required"]
    assert "informatieobjectcategorie" in schema["InformatieObjectTypeRequest"]["required"]
    assert "informatieobjectcategorie" in schema["InformatieObjectType"]["required"]
    assert "required" not in schema.get("PatchedInformatieObjectTypeRequest", {})


# --- 2. snake_case spellings, at every nesting level ----------------------------------------------------------


def test_snake_helper():
    assert snake("aardRelatie") == "aard_relatie"
    assert snake("inpA_nummer") == "inp_a_nummer"
    assert snake("subAdresBuitenland_1") == "sub_adres_buitenland_1"
    assert snake("url") == "url"


def test_zaaktype_in_snake_case_including_nested_items(superuser_client, catalogus):
    other = make_zaaktype(catalogus, identificatie="ANDER")
    camel = zaaktype_payload(catalogus)
    payload = {snake(k): v for k, v in camel.items()}
    payload["gerelateerde_zaaktypen"] = [
        {"zaaktype": url("zaaktypen", other), "aard_relatie": "vervolg", "toelichting": "x"}
    ]
    response = superuser_client.post(f"{CAT}/zaaktypen", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["indicatieInternOfExtern"] == "extern"
    assert body["gerelateerdeZaaktypen"][0]["aardRelatie"] == "vervolg"
    assert "aard_relatie" not in body["gerelateerdeZaaktypen"][0]
    assert "indicatie_intern_of_extern" not in body


def test_camel_case_wins_when_both_are_sent(superuser_client, catalogus):
    payload = zaaktype_payload(catalogus, omschrijving="Camel", handelingInitiator="camel")
    payload["handeling_initiator"] = "snake"
    response = superuser_client.post(f"{CAT}/zaaktypen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["handelingInitiator"] == "camel"


def test_rol_betrokkene_identificatie_in_snake_case(superuser_client, zaaktype, roltype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkene_type": "natuurlijk_persoon",
            "roltype": cat_url("roltypen", roltype),
            "roltoelichting": "aanvrager",
            "betrokkene_identificatie": {"inp_bsn": "123456782", "voorvoegsel_geslachtsnaam": "van"},
        },
    )
    assert response.status_code == 201, response.json()
    ident = response.json()["betrokkeneIdentificatie"]
    assert ident["inpBsn"] == "123456782"
    assert ident["voorvoegselGeslachtsnaam"] == "van"
    assert Rol.objects.get().betrokkene_identificatie == {"inpBsn": "123456782", "voorvoegselGeslachtsnaam": "van"}


def test_free_form_overige_data_is_not_rewritten(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    free = {"snake_key": 1, "camelKey": {"nested_key": "v"}}
    response = post(
        superuser_client,
        "zaakobjecten",
        {
            "zaak": zaak["url"],
            "object_type": "overige",
            "object_type_overige": "fiets",
            "object_identificatie": {"overige_data": free},
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["objectIdentificatie"] == {"overigeData": free}
    assert ZaakObject.objects.get().object_identificatie == {"overigeData": free}


def test_notificatie_kenmerken_are_not_rewritten(superuser_client):
    from zgw.notificaties.models import Kanaal

    Kanaal.objects.get_or_create(naam="zaken", defaults={"filters": ["bronorganisatie", "zaak_type"]})
    response = superuser_client.post(
        "/notificaties/api/v1/notificaties",
        {
            "kanaal": "zaken",
            "hoofd_object": "https://zaken.example.com/api/v1/zaken/1",
            "resource": "zaak",
            "resource_url": "https://zaken.example.com/api/v1/zaken/1",
            "actie": "create",
            "aanmaakdatum": "2024-01-01T12:00:00Z",
            "kenmerken": {"zaak_type": "x", "bronOrganisatie": "y"},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["kenmerken"] == {"zaak_type": "x", "bronOrganisatie": "y"}
    assert response.json()["hoofdObject"] == "https://zaken.example.com/api/v1/zaken/1"


# --- 3. "" as absent for optional enum and URL fields (ac-003) ---------------------------------------------------


def _applicatie(autorisatie: dict) -> dict:
    return {"clientIds": ["client-leniency"], "label": "App", "autorisaties": [autorisatie]}


def test_ac_003_empty_strings_are_judged_by_the_rule(superuser_client):
    response = superuser_client.post(
        f"{AC}/applicaties",
        _applicatie(
            {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": "", "maxVertrouwelijkheidaanduiding": ""}
        ),
        format="json",
    )
    assert response.status_code == 400
    codes = {p["name"]: p["code"] for p in response.json()["invalidParams"]}
    assert codes == {
        "autorisaties.0.zaaktype": "required",
        "autorisaties.0.maxVertrouwelijkheidaanduiding": "required",
    }


def test_ac_003_empty_strings_accepted_where_the_scopes_need_nothing(superuser_client):
    response = superuser_client.post(
        f"{AC}/applicaties",
        _applicatie(
            {"component": "zrc", "scopes": ["audittrails.lezen"], "zaaktype": "", "maxVertrouwelijkheidaanduiding": ""}
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()


def test_empty_optional_url_on_a_zaak_is_absent(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype, hoofdzaak="", communicatiekanaal="")
    assert zaak["hoofdzaak"] is None


def test_patch_in_snake_case(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.patch(zaak["url"], {"einddatum_gepland": "2024-05-01"}, format="json", **CRS)
    assert response.status_code == 200, response.json()
    assert response.json()["einddatumGepland"] == "2024-05-01"


def test_empty_string_for_a_required_enum_is_still_refused(superuser_client, catalogus):
    response = superuser_client.post(
        f"{CAT}/zaaktypen", zaaktype_payload(catalogus, vertrouwelijkheidaanduiding=""), format="json"
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["vertrouwelijkheidaanduiding"]
