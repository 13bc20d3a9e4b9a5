"""What VNG's suite checks in the Zaken API's 400s: ``nonFieldErrors`` for combination rules, item paths, all
independent errors together, ``no_match`` for a foreign hoofdzaak; zrc-023 deletes deelzaken recursively."""

from __future__ import annotations

import datetime
import uuid

import pytest

from tests.catalogi.conftest import make_zaaktype
from zgw.catalogi import models as cm
from zgw.common.models import AuditTrail, OutboxMessage
from zgw.zaken.models import Rol, Zaak

from .conftest import BEGIN, CRS, RSIN, cat_url, create_zaak, make_resultaattype, make_statustype, post, zaak_payload

pytestmark = pytest.mark.django_db


def _params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def _path(url: str) -> str:
    return url.replace("http://testserver", "")


@pytest.fixture
def other_zaaktype(catalogus) -> cm.ZaakType:
    return make_zaaktype(catalogus, concept=False, identificatie="ZT-ANDER")


# ---- nonFieldErrors for a type of another zaaktype (zrc-016/018/019/020) ----------------------------------------


def test_zrc_016_statustype_of_other_zaaktype_is_non_field_error(superuser_client, zaaktype, other_zaaktype):
    foreign = make_statustype(other_zaaktype, 1)
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "statustype": cat_url("statustypen", foreign), "datumStatusGezet": "2024-03-04T10:00Z"}
    response = post(superuser_client, "statussen", body)
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "zaaktype-mismatch")]


def test_zrc_018_eigenschap_of_other_zaaktype_is_non_field_error(superuser_client, zaaktype, other_zaaktype):
    foreign = cm.Eigenschap.objects.create(
        zaaktype=other_zaaktype,
        naam="vreemd",
        definitie="x",
        formaat="tekst",
        lengte="10",
        kardinaliteit="1",
        datum_begin_geldigheid=BEGIN,
    )
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.post(
        f"{_path(zaak['url'])}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", foreign), "waarde": "x"},
        format="json",
        **CRS,
    )
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "zaaktype-mismatch")]


def test_zrc_019_roltype_of_other_zaaktype_is_non_field_error(superuser_client, zaaktype, other_zaaktype):
    foreign = cm.RolType.objects.create(
        zaaktype=other_zaaktype, omschrijving="Vreemd", omschrijving_generiek="adviseur", datum_begin_geldigheid=BEGIN
    )
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "medewerker",
        "roltoelichting": "x",
        "betrokkene": "https://example.com/mw/1",
        "roltype": cat_url("roltypen", foreign),
    }
    response = post(superuser_client, "rollen", body)
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "zaaktype-mismatch")]


def test_zrc_020_resultaattype_of_other_zaaktype_is_non_field_error(superuser_client, zaaktype, other_zaaktype):
    foreign = make_resultaattype(other_zaaktype, omschrijving="Vreemd")
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", foreign)}
    )
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "zaaktype-mismatch")]


# ---- item paths (zrc-011) ----------------------------------------------------------------------------------------


def test_zrc_011_error_names_the_item_and_its_url(superuser_client, zaaktype):
    other = create_zaak(superuser_client, zaaktype)
    missing = other["url"].rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
    response = post(
        superuser_client,
        "zaken",
        zaak_payload(
            zaaktype,
            relevanteAndereZaken=[
                {"url": other["url"], "aardRelatie": "vervolg"},
                {"url": missing, "aardRelatie": "onderwerp"},
                {"url": missing, "aardRelatie": "bijdrage"},
            ],
        ),
    )
    assert response.status_code == 400
    assert [name for name, _ in _params(response)] == ["relevanteAndereZaken.1.url", "relevanteAndereZaken.2.url"]


# ---- zrc-013 no_match --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://elders.example.com/zaken/api/v1/zaken/3b5e2d4c-0000-4000-8000-000000000001",
        "http://testserver/catalogi/api/v1/zaaktypen/3b5e2d4c-0000-4000-8000-000000000001",
    ],
)
def test_zrc_013_hoofdzaak_that_is_no_zaak_here_is_no_match(superuser_client, zaaktype, url):
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, hoofdzaak=url))
    assert response.status_code == 400
    assert _params(response) == [("hoofdzaak", "no_match")]


def test_zrc_013_hoofdzaak_url_of_a_missing_local_zaak_is_does_not_exist(superuser_client, zaaktype):
    url = "http://testserver/zaken/api/v1/zaken/3b5e2d4c-0000-4000-8000-000000000001"
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, hoofdzaak=url))
    assert _params(response) == [("hoofdzaak", "does_not_exist")]


# ---- several independent errors in one 400 -------------------------------------------------------------------


def test_zrc_014_and_zrc_015_reported_together(superuser_client, zaaktype):
    response = post(
        superuser_client,
        "zaken",
        zaak_payload(
            zaaktype,
            betalingsindicatie="nvt",
            laatsteBetaaldatum="2024-01-01T10:00:00Z",
            productenOfDiensten=["https://example.com/product/ander"],
        ),
    )
    assert response.status_code == 400
    assert set(_params(response)) == {
        ("laatsteBetaaldatum", "betaling-nvt"),
        ("productenOfDiensten", "invalid-products-services"),
    }


def test_zrc_013_and_zrc_022_reported_together_on_update(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.patch(
        _path(zaak["url"]),
        {"hoofdzaak": zaak["url"], "archiefstatus": "gearchiveerd", "identificatie": "ANDERS"},
        format="json",
        **CRS,
    )
    assert response.status_code == 400
    assert set(_params(response)) == {
        ("identificatie", "wijzigen-niet-toegelaten"),
        ("hoofdzaak", "self-forbidden"),
        ("archiefnominatie", "archiefnominatie-not-set"),
        ("archiefactiedatum", "archiefactiedatum-not-set"),
    }


# ---- zrc-023 recursive delete ------------------------------------------------------------------------------------


def _tree(client, zaaktype, roltype) -> tuple[dict, dict, dict]:
    hoofd = create_zaak(client, zaaktype)
    deel = create_zaak(client, zaaktype, hoofdzaak=hoofd["url"])
    # a deeper level cannot be made through the API (zrc-013); the data model allows it, so delete must handle it
    Zaak.objects.create(
        hoofdzaak=Zaak.objects.get(uuid=deel["uuid"]),
        zaaktype=zaaktype,
        bronorganisatie=RSIN,
        verantwoordelijke_organisatie=RSIN,
        identificatie="DIEP-1",
        startdatum=datetime.date(2024, 3, 1),
        vertrouwelijkheidaanduiding="openbaar",
    )
    rol = {
        "zaak": deel["url"],
        "betrokkeneType": "medewerker",
        "roltype": cat_url("roltypen", roltype),
        "roltoelichting": "x",
        "betrokkene": "https://example.com/mw/1",
    }
    assert post(client, "rollen", rol).status_code == 201
    diep = Zaak.objects.get(identificatie="DIEP-1")
    return hoofd, deel, {"uuid": str(diep.uuid), "url": f"http://testserver/zaken/api/v1/zaken/{diep.uuid}"}


def test_zrc_023_delete_removes_deelzaken_recursively(superuser_client, zaaktype, roltype):
    hoofd, deel, diep = _tree(superuser_client, zaaktype, roltype)
    assert AuditTrail.objects.filter(hoofd_object_uuid=deel["uuid"]).exists()
    response = superuser_client.delete(_path(hoofd["url"]))
    assert response.status_code == 204, response.content
    assert not Zaak.objects.exists()
    assert not Rol.objects.exists()
    for item in (hoofd, deel, diep):
        assert not AuditTrail.objects.filter(hoofd_object_uuid=item["uuid"]).exists()
    destroyed = set(
        OutboxMessage.objects.filter(kanaal="zaken", resource="zaak", actie="destroy").values_list(
            "resource_url", flat=True
        )
    )
    assert destroyed == {hoofd["url"], deel["url"], diep["url"]}


def test_zrc_023_deleting_a_deelzaak_keeps_the_hoofdzaak(superuser_client, zaaktype):
    hoofd = create_zaak(superuser_client, zaaktype)
    deel = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    assert superuser_client.delete(_path(deel["url"])).status_code == 204
    assert Zaak.objects.filter(uuid=hoofd["uuid"]).exists()


def test_zrc_023_besluit_on_a_deelzaak_blocks_the_delete(superuser_client, zaaktype, roltype):
    from zgw.besluiten.models import Besluit

    hoofd, deel, _ = _tree(superuser_client, zaaktype, roltype)
    Besluit.objects.create(
        verantwoordelijke_organisatie=RSIN,
        besluittype_url=f"https://ztc.example.com/besluittypen/{uuid.uuid4()}",
        zaak=Zaak.objects.get(uuid=deel["uuid"]),
        datum=datetime.date(2024, 3, 2),
        ingangsdatum=datetime.date(2024, 3, 2),
    )
    response = superuser_client.delete(_path(hoofd["url"]))
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "related-besluiten")]
    assert Zaak.objects.count() == 3


# ---- drc-003 (Documenten) for a pair a local ZIO mirrored, drc-009 field check first ---------------------------


@pytest.fixture
def document(superuser_client, iotype, settings, tmp_path) -> dict:
    from tests.documenten.conftest import EIO_LIST, eio_body

    settings.MEDIA_ROOT = str(tmp_path)
    response = superuser_client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iotype)), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_drc_003_oio_for_a_pair_a_local_zio_mirrored_is_unique(superuser_client, zaaktype, document):
    from zgw.documenten.models import ObjectInformatieObject

    zaak = create_zaak(superuser_client, zaaktype)
    zio = post(superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    assert zio.status_code == 201, zio.json()
    response = superuser_client.post(
        "/documenten/api/v1/objectinformatieobjecten",
        {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"},
        format="json",
    )
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "unique")]
    assert ObjectInformatieObject.objects.count() == 1


def test_drc_009_patch_of_a_locked_document_without_lock_is_missing_lock_id(superuser_client, document):
    url = _path(document["url"])
    assert superuser_client.post(f"{url}/lock").status_code == 200
    response = superuser_client.patch(url, {"titel": "nieuw"}, format="json")
    assert response.status_code == 400
    assert _params(response) == [("nonFieldErrors", "missing-lock-id")]  # drc-009e; a PUT gets lock/required


def test_drc_009_put_reports_field_errors_with_the_lock_rule(superuser_client, document):
    from tests.documenten.conftest import eio_body

    url = _path(document["url"])
    assert superuser_client.post(f"{url}/lock").status_code == 200
    body = eio_body(document["informatieobjecttype"], taal="nederlands", lock="f" * 32)
    response = superuser_client.put(url, body, format="json")
    assert response.status_code == 400
    assert set(_params(response)) == {("taal", "max_length"), ("nonFieldErrors", "incorrect-lock-id")}
    no_lock = eio_body(document["informatieobjecttype"])
    assert set(_params(superuser_client.put(url, no_lock, format="json"))) == {("lock", "required")}


def test_zrc_016_reported_with_the_status_own_errors(superuser_client, zaaktype, other_zaaktype, statustypen):
    foreign = make_statustype(other_zaaktype, 1)
    zaak = create_zaak(superuser_client, zaaktype)
    first = {"zaak": zaak["url"], "statustype": cat_url("statustypen", statustypen[0])}
    assert post(superuser_client, "statussen", {**first, "datumStatusGezet": "2024-03-04T10:00:00Z"}).status_code == 201
    body = {"zaak": zaak["url"], "statustype": cat_url("statustypen", foreign), "datumStatusGezet": "2024-03-04T10:00Z"}
    response = post(superuser_client, "statussen", body)
    assert set(_params(response)) == {("nonFieldErrors", "zaaktype-mismatch"), ("nonFieldErrors", "unique")}


def test_zrc_019_reported_with_invalid_betrokkene(superuser_client, zaaktype, other_zaaktype):
    foreign = cm.RolType.objects.create(
        zaaktype=other_zaaktype, omschrijving="Vreemd", omschrijving_generiek="adviseur", datum_begin_geldigheid=BEGIN
    )
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "betrokkeneType": "medewerker", "roltoelichting": "x"}
    response = post(superuser_client, "rollen", {**body, "roltype": cat_url("roltypen", foreign)})
    assert set(_params(response)) == {("nonFieldErrors", "zaaktype-mismatch"), ("nonFieldErrors", "invalid-betrokkene")}


def test_zrc_023_deelzaak_of_a_zaaktype_the_client_may_not_delete_blocks(
    superuser_client, make_api_client, zaaktype, other_zaaktype
):
    from zgw.autorisaties.services import AutorisatieData

    hoofd = create_zaak(superuser_client, zaaktype)
    create_zaak(superuser_client, other_zaaktype, hoofdzaak=hoofd["url"])
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen", "zaken.verwijderen"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    response = client.delete(_path(hoofd["url"]))
    assert response.status_code == 403
    assert Zaak.objects.count() == 2
