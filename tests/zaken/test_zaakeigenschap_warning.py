"""Zaken 1.7.0: a zaakeigenschap whose waarde does not fit the eigenschap's specificatie is stored, with X-Warning."""

from __future__ import annotations

import uuid

import pytest

from tests.zaken.conftest import BEGIN, RSIN, cat_url, create_zaak, post
from zgw.catalogi import models as cm
from zgw.common.references import RemoteFetchError
from zgw.zaken.eigenschap_check import header_safe, problems_of
from zgw.zaken.models import ZaakEigenschap

pytestmark = pytest.mark.django_db

REMOTE_ZTC = "https://ztc.example.nl/catalogi/api/v1"


def make_eigenschap(zaaktype, naam: str, formaat: str, lengte: str, kardinaliteit: str = "1", waarden=()):
    return cm.Eigenschap.objects.create(
        zaaktype=zaaktype,
        naam=naam,
        definitie=naam,
        formaat=formaat,
        lengte=lengte,
        kardinaliteit=kardinaliteit,
        waardenverzameling=list(waarden),
        datum_begin_geldigheid=BEGIN,
    )


def add(client, zaak: dict, eigenschap_url: str, waarde: str):
    body = {"zaak": zaak["url"], "eigenschap": eigenschap_url, "waarde": waarde}
    return post(client, f"zaken/{zaak['uuid']}/zaakeigenschappen", body)


@pytest.fixture
def zaak(superuser_client, zaaktype) -> dict:
    return create_zaak(superuser_client, zaaktype)


CASES = [
    # formaat, lengte, waarde, expected fragment (None: conforms)
    ("tekst", "5", "abcde", None),
    ("tekst", "5", "abcdef", "langer dan lengte 5"),
    ("getal", "4", "1234", None),
    ("getal", "4", "-12,5", None),
    ("getal", "4", "12.5", None),
    ("getal", "4", "12345", "meer dan 4 cijfers"),
    ("getal", "5,2", "123,45", None),
    ("getal", "5,2", "1,234", "meer dan 2 decimalen"),
    ("getal", "4", "twaalf", "formaat getal"),
    ("datum", "8", "20240229", None),
    ("datum", "8", "20230229", "formaat datum verwacht JJJJMMDD"),
    ("datum", "8", "2024-02-29", "formaat datum verwacht JJJJMMDD"),
    ("datum_tijd", "14", "20240229235959", None),
    ("datum_tijd", "14", "20240229246000", "formaat datum_tijd verwacht JJJJMMDDuummss"),
    ("datum_tijd", "14", "2024-02-29T23:59:59", "formaat datum_tijd"),
]


@pytest.mark.parametrize("formaat,lengte,waarde,expected", CASES)
def test_formaat_and_lengte(superuser_client, zaaktype, zaak, formaat, lengte, waarde, expected):
    eigenschap = make_eigenschap(zaaktype, "veld", formaat, lengte)
    response = add(superuser_client, zaak, cat_url("eigenschappen", eigenschap), waarde)
    assert response.status_code == 201, response.json()
    assert ZaakEigenschap.objects.get().waarde == waarde  # stored anyway
    if expected is None:
        assert "X-Warning" not in response
    else:
        assert expected in response["X-Warning"]
        assert response["X-Warning"].startswith("De waarde voldoet niet aan de specificatie van eigenschap 'veld'")
        response["X-Warning"].encode("ascii")


def test_waardenverzameling(superuser_client, zaaktype, zaak):
    eigenschap = make_eigenschap(zaaktype, "kleur", "tekst", "10", kardinaliteit="N", waarden=["rood", "groen"])
    url = cat_url("eigenschappen", eigenschap)
    assert "X-Warning" not in add(superuser_client, zaak, url, "rood")
    response = add(superuser_client, zaak, url, "blauw")
    assert response.status_code == 201
    assert "niet een van de waarden uit de waardenverzameling" in response["X-Warning"]


def test_kardinaliteit_counts_the_values_on_the_zaak(superuser_client, zaaktype, zaak):
    eigenschap = make_eigenschap(zaaktype, "nummer", "tekst", "10", kardinaliteit="2")
    url = cat_url("eigenschappen", eigenschap)
    assert "X-Warning" not in add(superuser_client, zaak, url, "a")
    assert "X-Warning" not in add(superuser_client, zaak, url, "b")
    third = add(superuser_client, zaak, url, "c")
    assert third.status_code == 201
    assert "meer waarden dan kardinaliteit 2" in third["X-Warning"]
    assert ZaakEigenschap.objects.count() == 3
    # on another zaak the count starts again
    other = create_zaak(superuser_client, zaaktype)
    assert "X-Warning" not in add(superuser_client, other, url, "a")


def test_several_problems_in_one_header(superuser_client, zaaktype, zaak):
    eigenschap = make_eigenschap(zaaktype, "code", "tekst", "2", waarden=["A", "B"])
    response = add(superuser_client, zaak, cat_url("eigenschappen", eigenschap), "XYZ")
    warning = response["X-Warning"]
    assert "langer dan lengte 2; niet een van de waarden uit de waardenverzameling" in warning
    assert warning.endswith("De zaakeigenschap is wel opgeslagen.")


def test_only_on_create(superuser_client, zaaktype, zaak):
    eigenschap = make_eigenschap(zaaktype, "kort", "tekst", "2")
    created = add(superuser_client, zaak, cat_url("eigenschappen", eigenschap), "ok").json()
    body = {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "veel te lang"}
    response = superuser_client.put(created["url"], body, format="json")
    assert response.status_code == 200
    assert "X-Warning" not in response


def test_header_is_ascii_for_any_name():
    assert header_safe("Waarde van 'überschrift'\r\nX-Evil: 1") == "Waarde van 'uberschrift' X-Evil: 1"
    assert problems_of("x", {"formaat": "onbekend", "lengte": "", "kardinaliteit": "N"}, 5) == []


def _remote(responses_mock, specificatie: dict | None, status: int = 200) -> tuple[str, str]:
    zaaktype_url = f"{REMOTE_ZTC}/zaaktypen/{uuid.uuid4()}"
    eigenschap_url = f"{REMOTE_ZTC}/eigenschappen/{uuid.uuid4()}"
    responses_mock.get(
        zaaktype_url,
        json={"url": zaaktype_url, "concept": False, "vertrouwelijkheidaanduiding": "openbaar"},
    )
    body = {"url": eigenschap_url, "zaaktype": zaaktype_url, "naam": "remote"}
    if specificatie is not None:
        body["specificatie"] = specificatie
    responses_mock.get(eigenschap_url, json=body, status=status)
    return zaaktype_url, eigenschap_url


def _remote_zaak(client, zaaktype_url: str) -> dict:
    body = {"zaaktype": zaaktype_url, "bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN}
    response = post(client, "zaken", {**body, "startdatum": "2024-01-01"})
    assert response.status_code == 201, response.json()
    return response.json()


def test_remote_eigenschap_is_checked_from_the_catalogi_api(superuser_client, responses_mock):
    spec = {"formaat": "datum", "lengte": "8", "kardinaliteit": "N", "waardenverzameling": []}
    zaaktype_url, eigenschap_url = _remote(responses_mock, spec)
    zaak = _remote_zaak(superuser_client, zaaktype_url)
    response = add(superuser_client, zaak, eigenschap_url, "1 januari")
    assert response.status_code == 201, response.json()
    assert "formaat datum verwacht JJJJMMDD" in response["X-Warning"]
    assert "X-Warning" not in add(superuser_client, zaak, eigenschap_url, "20240101")


def test_remote_eigenschap_unreachable_for_the_check_gives_no_warning(superuser_client, responses_mock):
    zaaktype_url, eigenschap_url = _remote(responses_mock, None)  # answers without specificatie
    zaak = _remote_zaak(superuser_client, zaaktype_url)
    response = add(superuser_client, zaak, eigenschap_url, "wat dan ook")
    assert response.status_code == 201
    assert "X-Warning" not in response


def test_remote_eigenschap_fetch_fails_after_validation(superuser_client, responses_mock, monkeypatch):
    spec = {"formaat": "getal", "lengte": "2", "kardinaliteit": "1"}
    zaaktype_url, eigenschap_url = _remote(responses_mock, spec)
    zaak = _remote_zaak(superuser_client, zaaktype_url)
    from zgw.zaken import eigenschap_check

    def unreachable(url, **kwargs):
        raise RemoteFetchError("bad-url", "De Catalogi API is niet bereikbaar.")

    monkeypatch.setattr(eigenschap_check, "fetch_json", unreachable)
    response = add(superuser_client, zaak, eigenschap_url, "12345")
    assert response.status_code == 201
    assert "X-Warning" not in response
