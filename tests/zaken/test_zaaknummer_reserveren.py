"""Zaken 1.7.0 ``POST /zaaknummer_reserveren``: always an array, the shared counter, consumption, races."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from tests.zaken.conftest import CRS, RSIN, cat_url, create_zaak, post, zaak_payload
from zgw.autorisaties.services import AutorisatieData
from zgw.zaken.models import Zaak, ZaakNummerReservering

OTHER_RSIN = "111222333"
PATH = "/zaken/api/v1/zaaknummer_reserveren"


def reserve(client, **body):
    return client.post(PATH, {"bronorganisatie": RSIN, **body}, format="json")


def numbers(response) -> list[str]:
    assert response.status_code == 201, response.json()
    return [item["zaaknummer"] for item in response.json()]


def year() -> int:
    return timezone.localdate().year


@pytest.mark.django_db
class TestReserve:
    def test_one_is_an_array_with_location(self, superuser_client):
        response = reserve(superuser_client)
        assert response.status_code == 201
        assert response.json() == [{"zaaknummer": f"ZAAK-{year()}-0000000001"}]
        assert response["Location"] == (
            f"http://testserver/zaken/api/v1/zaken?bronorganisatie={RSIN}&identificatie=ZAAK-{year()}-0000000001"
        )
        row = ZaakNummerReservering.objects.get()
        assert (row.bronorganisatie, row.identificatie) == (RSIN, f"ZAAK-{year()}-0000000001")

    def test_many_are_consecutive_and_per_bronorganisatie(self, superuser_client):
        assert numbers(reserve(superuser_client, aantal=3)) == [f"ZAAK-{year()}-000000000{i}" for i in (1, 2, 3)]
        assert numbers(reserve(superuser_client, bronorganisatie=OTHER_RSIN, aantal=2)) == [
            f"ZAAK-{year()}-0000000001",
            f"ZAAK-{year()}-0000000002",
        ]
        assert numbers(reserve(superuser_client)) == [f"ZAAK-{year()}-0000000004"]

    @pytest.mark.parametrize(
        "body,name,code",
        [
            ({"aantal": 0}, "aantal", "min_value"),
            ({"aantal": -3}, "aantal", "min_value"),
            ({"aantal": "veel"}, "aantal", "invalid"),
            ({"aantal": 1001}, "aantal", "max_value"),
            ({"bronorganisatie": "123456789"}, "bronorganisatie", "invalid"),
            ({"bronorganisatie": "12345"}, "bronorganisatie", "min_length"),
            ({"bronorganisatie": None}, "bronorganisatie", "null"),
        ],
    )
    def test_validation_is_problem_json(self, superuser_client, body, name, code):
        response = reserve(superuser_client, **body)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/problem+json")
        assert (name, code) in {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
        assert not ZaakNummerReservering.objects.exists()

    def test_missing_bronorganisatie_and_non_object_body(self, superuser_client):
        response = superuser_client.post(PATH, {}, format="json")
        assert response.status_code == 400
        assert response.json()["invalidParams"][0]["name"] == "bronorganisatie"
        assert superuser_client.post(PATH, [1, 2], format="json").status_code == 400

    def test_cap_is_a_setting(self, superuser_client, settings):
        settings.ZGW_ZAAKNUMMER_RESERVEREN_MAX = 5
        assert reserve(superuser_client, aantal=6).status_code == 400
        assert len(numbers(reserve(superuser_client, aantal=5))) == 5
        settings.ZGW_ZAAKNUMMER_RESERVEREN_MAX = 1000
        assert len(numbers(reserve(superuser_client, aantal=1000))) == 1000

    def test_needs_zaken_aanmaken(self, make_api_client, zaaktype):
        def client(scopes):
            return make_api_client(
                autorisaties=[
                    AutorisatieData(
                        component="zrc",
                        scopes=scopes,
                        zaaktype=cat_url("zaaktypen", zaaktype),
                        max_vertrouwelijkheidaanduiding="openbaar",
                    )
                ]
            )

        assert reserve(client(["zaken.lezen", "zaken.bijwerken"])).status_code == 403
        assert reserve(client(["zaken.aanmaken"])).status_code == 201
        assert reserve(APIClient()).status_code == 401
        assert APIClient().get(PATH).status_code in (401, 405)


@pytest.mark.django_db
class TestWithZaken:
    def test_generated_identificaties_skip_reserved_numbers(self, superuser_client, zaaktype):
        reserved = numbers(reserve(superuser_client, aantal=2))
        zaak = create_zaak(superuser_client, zaaktype, startdatum=f"{year()}-01-15")
        assert zaak["identificatie"] == f"ZAAK-{year()}-0000000003"
        assert zaak["identificatie"] not in reserved

    def test_generation_skips_a_number_reserved_outside_the_counter(self, superuser_client, zaaktype):
        # a reservation the counter did not hand out (e.g. imported): generation still never gives it away
        ZaakNummerReservering.objects.create(bronorganisatie=RSIN, identificatie=f"ZAAK-{year()}-0000000001")
        zaak = create_zaak(superuser_client, zaaktype, startdatum=f"{year()}-01-15")
        assert zaak["identificatie"] == f"ZAAK-{year()}-0000000002"

    def test_is_taken_is_one_query(self, django_assert_num_queries):
        from zgw.zaken import zaaknummers

        ZaakNummerReservering.objects.create(bronorganisatie=RSIN, identificatie="ZAAK-X")
        with django_assert_num_queries(1):
            assert zaaknummers.is_taken(RSIN, "ZAAK-X")
        with django_assert_num_queries(1):
            assert not zaaknummers.is_taken(OTHER_RSIN, "ZAAK-X")

    def test_reservation_skips_numbers_clients_chose(self, superuser_client, zaaktype):
        create_zaak(superuser_client, zaaktype, identificatie=f"ZAAK-{year()}-0000000002")
        assert numbers(reserve(superuser_client, aantal=3)) == [
            f"ZAAK-{year()}-0000000001",
            f"ZAAK-{year()}-0000000003",
            f"ZAAK-{year()}-0000000004",
        ]

    def test_a_zaak_with_a_reserved_number_uses_it_up(self, superuser_client, zaaktype):
        first, second = numbers(reserve(superuser_client, aantal=2))
        zaak = create_zaak(superuser_client, zaaktype, identificatie=first)
        assert zaak["identificatie"] == first
        assert list(ZaakNummerReservering.objects.values_list("identificatie", flat=True)) == [second]
        again = post(superuser_client, "zaken", zaak_payload(zaaktype, identificatie=first))
        assert again.status_code == 400
        assert again.json()["invalidParams"][0]["code"] == "identificatie-niet-uniek"

    def test_a_failed_create_keeps_the_reservation(self, superuser_client, zaaktype):
        (number,) = numbers(reserve(superuser_client))
        response = post(
            superuser_client, "zaken", zaak_payload(zaaktype, identificatie=number, productenOfDiensten=["https://x"])
        )
        assert response.status_code == 400
        assert ZaakNummerReservering.objects.filter(identificatie=number).exists()

    def test_another_bronorganisatie_does_not_take_the_reservation(self, superuser_client, zaaktype):
        (number,) = numbers(reserve(superuser_client))
        zaak = create_zaak(superuser_client, zaaktype, bronorganisatie=OTHER_RSIN, identificatie=number)
        assert (zaak["bronorganisatie"], zaak["identificatie"]) == (OTHER_RSIN, number)
        assert ZaakNummerReservering.objects.filter(bronorganisatie=RSIN, identificatie=number).exists()
        own = create_zaak(superuser_client, zaaktype, identificatie=number)
        assert own["bronorganisatie"] == RSIN
        assert not ZaakNummerReservering.objects.exists()


N = 20


def _race(client: APIClient, calls) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index: int) -> None:
        own = APIClient()
        own._credentials = dict(client._credentials)
        try:
            barrier.wait(timeout=30)
            results[index] = calls[index](own)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
class TestRaces:
    @pytest.fixture(autouse=True)
    def _quiet(self, settings):
        settings.NOTIFICATIONS_DISABLED = True

    def test_20_concurrent_reservations_never_share_a_number(self, superuser_client):
        results = _race(superuser_client, [lambda c: reserve(c, aantal=3)] * N)
        assert [r.status_code for r in results] == [201] * N
        handed_out = [n for r in results for n in numbers(r)]
        assert len(handed_out) == len(set(handed_out)) == 3 * N
        assert sorted(handed_out) == [f"ZAAK-{year()}-{i:010d}" for i in range(1, 3 * N + 1)]
        assert ZaakNummerReservering.objects.count() == 3 * N

    def test_reservations_and_generated_zaken_at_once(self, superuser_client, zaaktype):
        payload = zaak_payload(zaaktype, startdatum=f"{year()}-02-01")

        def make_zaak(client):
            return client.post("/zaken/api/v1/zaken", payload, format="json", **CRS)

        calls = [lambda c: reserve(c, aantal=2), make_zaak] * (N // 2)
        results = _race(superuser_client, calls)
        assert [r.status_code for r in results] == [201] * N
        reserved = [n for r in results[::2] for n in numbers(r)]
        generated = list(Zaak.objects.values_list("identificatie", flat=True))
        assert len(generated) == N // 2
        assert not set(reserved) & set(generated)
        assert len(set(reserved)) == len(reserved) == N

    def test_two_zaken_racing_for_one_reserved_number(self, superuser_client, zaaktype):
        (number,) = numbers(reserve(superuser_client))
        payload = zaak_payload(zaaktype, identificatie=number)

        def make_zaak(client):
            return client.post("/zaken/api/v1/zaken", payload, format="json", **CRS)

        results = _race(superuser_client, [make_zaak] * 10)
        assert sorted(r.status_code for r in results) == [201] + [400] * 9
        assert Zaak.objects.filter(identificatie=number).count() == 1
        assert not ZaakNummerReservering.objects.exists()
