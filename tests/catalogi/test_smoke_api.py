"""End-to-end flow through the API: catalogus → types → publish → read back."""

from __future__ import annotations

from zgw.catalogi import models as m

from .conftest import API, make_besluittype, make_iot, resultaattype_payload, url, zaaktype_payload


def test_full_flow(superuser_client, catalogus):
    iot = make_iot(catalogus, concept=False)
    besluittype = make_besluittype(catalogus, concept=False)
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=[besluittype.omschrijving]), format="json"
    )
    assert response.status_code == 201, response.json()
    zaaktype = response.json()
    assert zaaktype["concept"] is True
    assert zaaktype["besluittypen"] == [url("besluittypen", besluittype)]
    assert response["Location"] == zaaktype["url"]

    for volgnummer in (1, 2):
        r = superuser_client.post(
            f"{API}/statustypen",
            {"zaaktype": zaaktype["url"], "omschrijving": f"S{volgnummer}", "volgnummer": volgnummer},
            format="json",
        )
        assert r.status_code == 201, r.json()
    r = superuser_client.post(
        f"{API}/roltypen",
        {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    zt = m.ZaakType.objects.get(uuid=zaaktype["url"].rsplit("/", 1)[-1])
    r = superuser_client.post(f"{API}/resultaattypen", resultaattype_payload(zt), format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["archiefnominatie"] == "vernietigen"
    assert r.json()["archiefactietermijn"] == "P5Y"
    assert r.json()["omschrijvingGeneriek"] == "Afgewezen"
    r = superuser_client.post(
        f"{API}/eigenschappen",
        {
            "zaaktype": zaaktype["url"],
            "naam": "datum",
            "definitie": "d",
            "specificatie": {"formaat": "datum", "lengte": "8", "kardinaliteit": "1"},
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    r = superuser_client.post(
        f"{API}/zaaktype-informatieobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": iot.omschrijving,
            "volgnummer": 1,
            "richting": "inkomend",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["informatieobjecttype"] == url("informatieobjecttypen", iot)
    r = superuser_client.post(
        f"{API}/zaakobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "catalogus": url("catalogussen", catalogus),
            "anderObjecttype": False,
            "beginGeldigheid": "2024-01-01",
            "objecttype": "https://example.com/objecttypen/1",
            "relatieOmschrijving": "betreft",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()

    r = superuser_client.post(zaaktype["url"] + "/publish", format="json")
    assert r.status_code == 200, r.json()
    detail = superuser_client.get(zaaktype["url"]).json()
    assert detail["concept"] is False
    assert len(detail["statustypen"]) == 2
    assert detail["informatieobjecttypen"] == [url("informatieobjecttypen", iot)]
    statustypen = superuser_client.get(f"{API}/statustypen", {"zaaktype": zaaktype["url"]}).json()["results"]
    assert [s["isEindstatus"] for s in sorted(statustypen, key=lambda s: s["volgnummer"])] == [False, True]
