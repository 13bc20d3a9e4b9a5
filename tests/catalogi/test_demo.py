"""The demo catalogus of the quickstart."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from zgw.catalogi import models as m
from zgw.catalogi.demo import create_demo_catalogus


def test_demo_catalogus_is_published_complete_and_idempotent(db):
    first = create_demo_catalogus("http://testserver/")
    second = create_demo_catalogus("http://testserver")
    assert first == second
    zaaktype = m.ZaakType.objects.get()
    assert zaaktype.concept is False
    assert first["zaaktype"] == f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    assert zaaktype.statustypen.count() == 3 and zaaktype.roltypen.count() == 3
    assert zaaktype.resultaattypen.count() == 3 and zaaktype.eigenschappen.count() == 2
    assert zaaktype.besluittypen.get().concept is False
    assert zaaktype.ziots.get().informatieobjecttype.concept is False


def test_demo_selectielijst_references_resolve_against_bundled_data(db):
    from zgw.catalogi.selectielijst import fetch, same_resource

    create_demo_catalogus("http://testserver")
    zaaktype = m.ZaakType.objects.get()
    for resultaattype in zaaktype.resultaattypen.all():
        resultaat = fetch(resultaattype.selectielijstklasse, "resultaten", "selectielijstklasse")
        assert same_resource(resultaat["procesType"], zaaktype.selectielijst_procestype)
        assert fetch(resultaattype.resultaattypeomschrijving, "resultaattypeomschrijvingen", "x")["omschrijving"]


def test_demo_is_readable_through_the_api(superuser_client):
    urls = create_demo_catalogus("http://testserver")
    body = superuser_client.get(urls["zaaktype"]).json()
    assert body["concept"] is False
    assert len(body["statustypen"]) == 3
    assert body["besluittypen"] == [urls["besluittype"]]


def test_management_command_prints_zaaktype_url(db):
    out = StringIO()
    call_command("zgw_demo_catalogus", "--base-url", "http://example.org", stdout=out)
    call_command("zgw_demo_catalogus", "--base-url", "http://example.org", stdout=out)
    lines = out.getvalue().split()
    assert len(lines) == 2 and lines[0] == lines[1]
    assert lines[0].startswith("http://example.org/catalogi/api/v1/zaaktypen/")
    assert m.ZaakType.objects.count() == 1
