"""Further zrc rules: hoofdzaak (zrc-013), betaling (zrc-014), archiefstatus (zrc-022), notifications, concurrency."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zgw.common.models import OutboxMessage
from zgw.zaken.models import Zaak
from zgw.zaken.services import generate_identificatie

from .conftest import CRS, RSIN, create_zaak, post, zaak_payload

pytestmark = pytest.mark.django_db


def test_zrc_013_deelzaak_cannot_be_hoofdzaak(superuser_client, zaaktype):
    hoofd = create_zaak(superuser_client, zaaktype)
    deel = create_zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, hoofdzaak=deel["url"]))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "deelzaak-als-hoofdzaak"
    detail = superuser_client.get(f"/zaken/api/v1/zaken/{hoofd['uuid']}", **CRS).json()
    assert detail["deelzaken"] == [deel["url"]]


def test_zrc_013_zaak_not_its_own_hoofdzaak(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.patch(
        f"/zaken/api/v1/zaken/{zaak['uuid']}", {"hoofdzaak": zaak["url"]}, format="json", **CRS
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "self-forbidden"


def test_zrc_014_betaaldatum_not_with_nvt(superuser_client, zaaktype):
    response = post(
        superuser_client,
        "zaken",
        zaak_payload(zaaktype, betalingsindicatie="nvt", laatsteBetaaldatum="2024-01-01T10:00:00Z"),
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "betaling-nvt"


def test_zrc_022_archiefstatus_requires_archive_fields(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.patch(
        f"/zaken/api/v1/zaken/{zaak['uuid']}", {"archiefstatus": "gearchiveerd"}, format="json", **CRS
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "archiefnominatie-not-set"
    ok = superuser_client.patch(
        f"/zaken/api/v1/zaken/{zaak['uuid']}",
        {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen", "archiefactiedatum": "2030-01-01"},
        format="json",
        **CRS,
    )
    assert ok.status_code == 200, ok.json()


def test_identificatie_immutable(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.patch(
        f"/zaken/api/v1/zaken/{zaak['uuid']}", {"identificatie": "ANDERS"}, format="json", **CRS
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"


def test_notification_kenmerken(superuser_client, zaaktype, settings):
    settings.NOTIFICATIONS_DISABLED = False
    zaak = create_zaak(superuser_client, zaaktype)
    message = OutboxMessage.objects.filter(kanaal="zaken", resource="zaak", actie="create").latest("id")
    assert message.resource_url == zaak["url"]
    assert message.kenmerken == {
        "bronorganisatie": RSIN,
        "zaaktype": zaak["zaaktype"],
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
    }


def test_etag_and_head_on_zaak(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    path = f"/zaken/api/v1/zaken/{zaak['uuid']}"
    first = superuser_client.get(path, **CRS)
    etag = first["ETag"]
    assert first["Content-Crs"] == "EPSG:4326"
    assert superuser_client.get(path, HTTP_IF_NONE_MATCH=etag, **CRS).status_code == 304
    assert superuser_client.head(path, **CRS).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_zrc_002_identificatie_race_free():
    """Concurrent generators on PostgreSQL never hand out the same number (locked counter row)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database with row locks")
    results: list[str] = []
    errors: list[Exception] = []

    def worker():
        try:
            for _ in range(5):
                results.append(generate_identificatie(RSIN, 2031))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 20 and len(set(results)) == 20
    assert Zaak.objects.count() == 0


def test_zrc_010_communicatiekanaal_validated(superuser_client, zaaktype, responses_mock):
    good = "https://referentielijsten.example.nl/api/v1/communicatiekanalen/1"
    bad = "https://referentielijsten.example.nl/api/v1/communicatiekanalen/2"
    shape = "https://referentielijsten.example.nl/api/v1/communicatiekanalen/3"
    responses_mock.get(good, json={"url": good, "naam": "e-mail", "omschrijving": "e-mail"})
    responses_mock.get(bad, status=404)
    responses_mock.get(shape, json={"url": shape})
    assert post(superuser_client, "zaken", zaak_payload(zaaktype, communicatiekanaal=good)).status_code == 201
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, communicatiekanaal=bad))
    assert response.json()["invalidParams"][0]["code"] == "bad-url"
    response = post(superuser_client, "zaken", zaak_payload(zaaktype, communicatiekanaal=shape))
    assert response.json()["invalidParams"][0]["code"] == "invalid-resource"


def test_zrc_011_relevante_andere_zaken_validated(superuser_client, zaaktype):
    other = create_zaak(superuser_client, zaaktype)
    ok = post(
        superuser_client,
        "zaken",
        zaak_payload(zaaktype, relevanteAndereZaken=[{"url": other["url"], "aardRelatie": "vervolg"}]),
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["relevanteAndereZaken"] == [{"url": other["url"], "aardRelatie": "vervolg"}]
    missing = other["url"].rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
    response = post(
        superuser_client,
        "zaken",
        zaak_payload(zaaktype, relevanteAndereZaken=[{"url": missing, "aardRelatie": "vervolg"}]),
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "bad-url"
