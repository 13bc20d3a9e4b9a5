"""Issue 19 finding 11: answers on the official schema where it marks an optional URL not nullable."""

from __future__ import annotations

from tests.zaken.conftest import cat_url, create_zaak, post


def test_status_without_gezetdoor_omits_the_key_not_null(superuser_client, zaaktype, statustypen):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-04T10:00:00Z",
    }
    created = post(superuser_client, "statussen", body)
    assert created.status_code == 201, created.content
    assert "gezetdoor" not in created.json()
    assert "gezetdoor" not in superuser_client.get(created.json()["url"]).json()


def test_status_with_empty_gezetdoor_is_accepted_as_absent(superuser_client, zaaktype, statustypen):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-04T10:00:00Z",
        "gezetdoor": "",
    }
    created = post(superuser_client, "statussen", body)
    assert created.status_code == 201, created.content
    assert "gezetdoor" not in created.json()


def test_zaakobject_without_zaakobjecttype_omits_the_key_not_null(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "object": "https://objects.example.com/api/v1/objects/1", "objectType": "adres"}
    created = post(superuser_client, "zaakobjecten", body)
    assert created.status_code == 201, created.content
    assert "zaakobjecttype" not in created.json()
    listed = superuser_client.get(f"/zaken/api/v1/zaakobjecten?zaak={zaak['url']}").json()
    items = listed["results"] if isinstance(listed, dict) else listed
    assert [("zaakobjecttype" in item) for item in items] == [False]
