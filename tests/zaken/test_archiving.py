"""zrc-021: the archiving derivation at closing, one test per afleidingswijze (zaken.md §6.3)."""

from __future__ import annotations

import pytest

from zgw.zaken.models import Zaak, ZaakObject

from .conftest import cat_url, create_zaak, make_resultaattype, post

pytestmark = pytest.mark.django_db

EIND = "2024-03-04T10:00:00Z"


def _close(client, zaak, statustypen, resultaattype):
    res = post(client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)})
    assert res.status_code == 201, res.json()
    return post(
        client,
        "statussen",
        {"zaak": zaak["url"], "statustype": cat_url("statustypen", statustypen[1]), "datumStatusGezet": EIND},
    )


def _row(zaak) -> Zaak:
    return Zaak.objects.get(uuid=zaak["uuid"])


def test_zrc_021_afgehandeld(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, archiefactietermijn="P5Y")
    zaak = create_zaak(superuser_client, zaaktype)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == "2029-03-04"


def test_zrc_021_termijn(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(
        zaaktype,
        archiefactietermijn="P1Y",
        brondatum_archiefprocedure_afleidingswijze="termijn",
        brondatum_archiefprocedure_procestermijn="P2Y",
    )
    zaak = create_zaak(superuser_client, zaaktype)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == "2027-03-04"


def test_zrc_021_termijn_without_procestermijn_is_error(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, brondatum_archiefprocedure_afleidingswijze="termijn")
    zaak = create_zaak(superuser_client, zaaktype)
    response = _close(superuser_client, zaak, statustypen, rt)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "archiefactiedatum-error"
    assert _row(zaak).einddatum is None


def test_zrc_021_eigenschap(superuser_client, zaaktype, statustypen, eigenschap):
    rt = make_resultaattype(
        zaaktype,
        archiefactietermijn="P1Y",
        brondatum_archiefprocedure_afleidingswijze="eigenschap",
        brondatum_archiefprocedure_datumkenmerk="datum",
    )
    zaak = create_zaak(superuser_client, zaaktype)
    post(
        superuser_client,
        f"zaken/{zaak['uuid']}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20200115"},
    )
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == "2021-01-15"


def test_zrc_021_eigenschap_missing_is_error(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(
        zaaktype,
        brondatum_archiefprocedure_afleidingswijze="eigenschap",
        brondatum_archiefprocedure_datumkenmerk="bestaatniet",
    )
    zaak = create_zaak(superuser_client, zaaktype)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 400


def test_zrc_021_ander_datumkenmerk_leaves_date_empty(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, brondatum_archiefprocedure_afleidingswijze="ander_datumkenmerk")
    zaak = create_zaak(superuser_client, zaaktype)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    row = _row(zaak)
    assert row.einddatum is not None and row.archiefactiedatum is None
    assert row.archiefnominatie == "vernietigen"


def test_zrc_021_hoofdzaak(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, archiefactietermijn="P1Y", brondatum_archiefprocedure_afleidingswijze="hoofdzaak")
    hoofd = create_zaak(superuser_client, zaaktype)
    Zaak.objects.filter(uuid=hoofd["uuid"]).update(einddatum="2023-06-01")
    deel = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    assert _close(superuser_client, deel, statustypen, rt).status_code == 201
    assert str(_row(deel).archiefactiedatum) == "2024-06-01"


def test_zrc_021_zaakobject(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(
        zaaktype,
        archiefactietermijn="P1Y",
        brondatum_archiefprocedure_afleidingswijze="zaakobject",
        brondatum_archiefprocedure_objecttype="overige",
        brondatum_archiefprocedure_datumkenmerk="einddatum",
    )
    zaak = create_zaak(superuser_client, zaaktype)
    ZaakObject.objects.create(
        zaak=_row(zaak),
        object_type="overige",
        object_type_overige="iets",
        object_identificatie={"einddatum": "2022-02-02"},
    )
    ZaakObject.objects.create(
        zaak=_row(zaak),
        object_type="overige",
        object_type_overige="iets",
        object_identificatie={"einddatum": "2021-01-01"},
    )
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == "2023-02-02"


def test_zrc_021_gerelateerde_zaak(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(
        zaaktype, archiefactietermijn="P1Y", brondatum_archiefprocedure_afleidingswijze="gerelateerde_zaak"
    )
    other = create_zaak(superuser_client, zaaktype)
    Zaak.objects.filter(uuid=other["uuid"]).update(einddatum="2022-05-05")
    zaak = create_zaak(
        superuser_client, zaaktype, relevanteAndereZaken=[{"url": other["url"], "aardRelatie": "vervolg"}]
    )
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == "2023-05-05"


def test_zrc_021_gerelateerde_zaak_without_relations_is_error(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, brondatum_archiefprocedure_afleidingswijze="gerelateerde_zaak")
    zaak = create_zaak(superuser_client, zaaktype)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 400


@pytest.mark.parametrize(
    ("wijze", "expected"), [("ingangsdatum_besluit", "2021-01-10"), ("vervaldatum_besluit", "2022-01-10")]
)
def test_zrc_021_besluit_dates(superuser_client, zaaktype, statustypen, wijze, expected, responses_mock):
    rt = make_resultaattype(zaaktype, archiefactietermijn="P1Y", brondatum_archiefprocedure_afleidingswijze=wijze)
    zaak = create_zaak(superuser_client, zaaktype)
    besluit = "https://besluiten.example.nl/besluiten/api/v1/besluiten/1"
    responses_mock.get(besluit, json={"url": besluit, "ingangsdatum": "2020-01-10", "vervaldatum": "2021-01-10"})
    from zgw.zaken.services import link_besluit

    link_besluit(zaak=_row(zaak), besluit_url=besluit)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == expected


def test_zrc_021_besluit_without_besluiten_is_error(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, brondatum_archiefprocedure_afleidingswijze="ingangsdatum_besluit")
    zaak = create_zaak(superuser_client, zaaktype)
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 400


def test_zrc_026_startdatum_bewaartermijn_overrides(superuser_client, zaaktype, statustypen):
    rt = make_resultaattype(zaaktype, archiefactietermijn="P1Y")
    zaak = create_zaak(superuser_client, zaaktype, startdatumBewaartermijn="2020-01-01")
    assert _close(superuser_client, zaak, statustypen, rt).status_code == 201
    assert str(_row(zaak).archiefactiedatum) == "2021-01-01"
