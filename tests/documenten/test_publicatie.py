"""Autorisaties 1.1.0 ``alleenIsGereedVoorPublicatie``: such an application reads only documents with
``isGereedVoorPublicatie = true``, through every read path; its writes are not limited.

Each read test uses a document the application could read without the flag (its type and level are granted), so
each fails when the publication condition is missing on that path.
"""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIRequestFactory

from tests.conftest import _client_for
from zgw.autorisaties import services as ac_services
from zgw.autorisaties.models import Applicatie
from zgw.autorisaties.services import AutorisatieData
from zgw.common.auth import get_client_provider
from zgw.common.permissions import Scope
from zgw.documenten.models import EnkelvoudigInformatieObject
from zgw.documenten.relations import link_object

from .conftest import EIO_LIST, lock, path_of

pytestmark = pytest.mark.django_db

GEBRUIKSRECHTEN = "/documenten/api/v1/gebruiksrechten"
OIO_LIST = "/documenten/api/v1/objectinformatieobjecten"
VERZENDINGEN = "/documenten/api/v1/verzendingen"
APPLICATIES = "/autorisaties/api/v1/applicaties"
READ_SCOPES = ["documenten.lezen", "audittrails.lezen"]
WRITE_SCOPES = ["documenten.bijwerken", "documenten.lock", "documenten.aanmaken"]


def _woo_client(iotype_url: str | None = None, *, scopes=READ_SCOPES, flag: bool = True, client_id: str = ""):
    """An application with ``alleenIsGereedVoorPublicatie``: heeftAlleAutorisaties, or type-scoped read grants."""
    client_id = client_id or f"woo-{uuid.uuid4().hex[:10]}"
    secret = f"secret-{uuid.uuid4().hex}"
    autorisaties = (
        [
            AutorisatieData(
                component="drc",
                scopes=list(scopes),
                informatieobjecttype=iotype_url,
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
        if iotype_url
        else []
    )
    ac_services.ensure_client(
        client_id,
        secret,
        heeft_alle_autorisaties=iotype_url is None,
        autorisaties=autorisaties,
        alleen_is_gereed_voor_publicatie=flag,
    )
    return _client_for(client_id, secret)


@pytest.fixture
def docs(create_eio) -> dict:
    """A document ready for publication, one not ready (``false``) and one not known (``null``)."""
    return {
        "ready": create_eio(isGereedVoorPublicatie=True, titel="Gereed"),
        "refused": create_eio(isGereedVoorPublicatie=False, titel="Niet gereed"),
        "unknown": create_eio(titel="Onbekend"),
    }


@pytest.fixture(params=["heeft_alle", "per_type"])
def woo(request, iotype):
    return _woo_client(None if request.param == "heeft_alle" else iotype["url"])


def _urls(items) -> set[str]:
    return {item["url"] for item in items}


def test_list_only_ready_documents(woo, docs, superuser_client):
    response = woo.get(EIO_LIST)
    assert response.status_code == 200
    assert _urls(response.json()["results"]) == {docs["ready"]["url"]}
    assert response.json()["count"] == 1
    assert superuser_client.get(EIO_LIST).json()["count"] == 3  # the documents are there


def test_list_with_filters_keeps_the_condition(woo, docs):
    response = woo.get(EIO_LIST, {"bronorganisatie": docs["unknown"]["bronorganisatie"]})
    assert _urls(response.json()["results"]) == {docs["ready"]["url"]}


def test_zoek_only_ready_documents(woo, docs):
    uuids = [d["url"].rsplit("/", 1)[1] for d in docs.values()]
    response = woo.post(f"{EIO_LIST}/_zoek", {"uuid__in": uuids}, format="json")
    assert response.status_code == 200
    assert _urls(response.json()["results"]) == {docs["ready"]["url"]}


@pytest.mark.parametrize("suffix", ["", "/download"])
def test_detail_and_download(woo, docs, suffix):
    assert woo.get(path_of(docs["ready"]["url"]) + suffix).status_code == 200
    for name in ("refused", "unknown"):
        assert woo.get(path_of(docs[name]["url"]) + suffix).status_code == 403, name
    assert woo.head(path_of(docs["unknown"]["url"])).status_code == 403


def test_an_older_version_counts_by_its_own_flag(woo, docs, superuser_client):
    """Version 1 was not ready; version 2 is: the document is listed, ``?versie=1`` stays closed."""
    data = docs["unknown"]
    key = lock(superuser_client, data["url"])
    superuser_client.patch(path_of(data["url"]), {"lock": key, "isGereedVoorPublicatie": True}, format="json")
    url = path_of(data["url"])
    assert woo.get(url).status_code == 200
    assert woo.get(url, {"versie": 2}).status_code == 200
    assert woo.get(url, {"versie": 1}).status_code == 403
    assert woo.get(f"{url}/download", {"versie": 1}).status_code == 403
    assert superuser_client.get(url, {"versie": 1}).status_code == 200


def test_a_document_withdrawn_from_publication_disappears(woo, docs, superuser_client):
    data = docs["ready"]
    key = lock(superuser_client, data["url"])
    superuser_client.patch(path_of(data["url"]), {"lock": key, "isGereedVoorPublicatie": False}, format="json")
    assert woo.get(path_of(data["url"])).status_code == 403
    assert woo.get(EIO_LIST).json()["count"] == 0


def test_audit_trail(woo, docs):
    ready = woo.get(f"{path_of(docs['ready']['url'])}/audittrail")
    assert ready.status_code == 200 and ready.json()
    hidden = path_of(docs["unknown"]["url"])
    assert woo.get(f"{hidden}/audittrail").status_code == 403
    assert woo.get(f"{hidden}/audittrail/{uuid.uuid4()}").status_code == 403


@pytest.fixture
def related(docs, superuser_client) -> dict:
    """A gebruiksrecht, an objectinformatieobject and a verzending of each document."""
    found: dict[str, dict[str, str]] = {}
    for name, data in docs.items():
        recht = superuser_client.post(
            GEBRUIKSRECHTEN,
            {"informatieobject": data["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
            format="json",
        )
        assert recht.status_code == 201, recht.json()
        document = EnkelvoudigInformatieObject.objects.get(uuid=data["url"].rsplit("/", 1)[1])
        link_object(
            informatieobject=document,
            object_type="zaak",
            object_url=f"https://zaken.example.nl/zaken/api/v1/zaken/{uuid.uuid4()}",
        )
        verzending = superuser_client.post(
            VERZENDINGEN,
            {
                "informatieobject": data["url"],
                "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
                "aardRelatie": "geadresseerde",
                "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/1",
                "emailadres": "burger@example.nl",
            },
            format="json",
        )
        assert verzending.status_code == 201, verzending.json()
        [oio] = superuser_client.get(OIO_LIST, {"informatieobject": data["url"]}).json()
        found[name] = {
            GEBRUIKSRECHTEN: recht.json()["url"],
            OIO_LIST: oio["url"],
            VERZENDINGEN: verzending.json()["url"],
        }
    return found


@pytest.mark.parametrize("collection", [GEBRUIKSRECHTEN, OIO_LIST, VERZENDINGEN])
def test_sub_resources_of_unready_documents_are_invisible(woo, docs, related, collection):
    """They name the document and expand into it: decided to follow the document (docs/decisions.md)."""
    listed = woo.get(collection, {"expand": "informatieobject"})
    assert listed.status_code == 200
    items = listed.json()["results"] if isinstance(listed.json(), dict) else listed.json()
    assert _urls(items) == {related["ready"][collection]}
    assert items[0]["_expand"]["informatieobject"]["url"] == docs["ready"]["url"]
    assert woo.get(path_of(related["ready"][collection])).status_code == 200
    for name in ("refused", "unknown"):
        assert woo.get(path_of(related[name][collection])).status_code == 403, name


def test_the_documenten_expand_kind_used_by_other_apis(woo, docs):
    """Zaken and Besluiten expand documents through the registered ``documenten`` kinds: the same condition."""
    from zgw.common.expand import Kind, Link, expand, registered_kinds
    from zgw.documenten.api.expand import DOCUMENT

    graph = {**registered_kinds("documenten"), "root": Kind(links={"informatieobject": Link(DOCUMENT)})}
    request = APIRequestFactory().get("/")
    request.auth = _resolved(woo.client_id)
    items = [{"informatieobject": data["url"]} for data in docs.values()]
    expand(items, "root", [("informatieobject",)], graph, request)
    shown = [item["_expand"]["informatieobject"].get("url") for item in items]
    assert shown == [docs["ready"]["url"], None, None]


def test_besluiten_expand_of_informatieobject(docs, superuser_client):
    """Besluiten 1.1.0 ``besluitinformatieobjecten?expand=informatieobject`` renders documents itself."""
    from tests.catalogi.conftest import make_besluittype
    from zgw.catalogi.models import Catalogus, InformatieObjectType

    catalogus = Catalogus.objects.create(domein="WOO", rsin="000000000", contactpersoon_beheer_naam="Beheer")
    iotype = InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Besluitbrief",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        concept=False,
    )
    besluittype = make_besluittype(catalogus, concept=False, omschrijving="Woo-besluit")
    besluittype.informatieobjecttypen.add(iotype)
    catalogi = "http://testserver/catalogi/api/v1"
    iotype_url, besluittype_url = (
        f"{catalogi}/informatieobjecttypen/{iotype.uuid}",
        f"{catalogi}/besluittypen/{besluittype.uuid}",
    )
    besluit = superuser_client.post(
        "/besluiten/api/v1/besluiten",
        {"verantwoordelijkeOrganisatie": "000000000", "besluittype": besluittype_url, "datum": "2024-03-01",
         "ingangsdatum": "2024-03-02"},
        format="json",
    )  # fmt: skip
    assert besluit.status_code == 201, besluit.json()
    woo = _woo_client()
    shown = {}
    for ready in (True, None):
        document = superuser_client.post(
            EIO_LIST,
            {"bronorganisatie": "000000000", "creatiedatum": "2024-05-01", "titel": f"Bijlage {ready}",
             "auteur": "Ambtenaar", "taal": "dut", "informatieobjecttype": iotype_url,
             "isGereedVoorPublicatie": ready},
            format="json",
        ).json()  # fmt: skip
        bio = superuser_client.post(
            "/besluiten/api/v1/besluitinformatieobjecten",
            {"besluit": besluit.json()["url"], "informatieobject": document["url"]},
            format="json",
        )
        assert bio.status_code == 201, bio.json()
        response = woo.get(path_of(bio.json()["url"]), {"expand": "informatieobject"})
        assert response.status_code == 200, response.json()
        shown[ready] = response.json()["_expand"]["informatieobject"].get("url")
        assert (
            superuser_client.get(path_of(bio.json()["url"]), {"expand": "informatieobject"}).json()["_expand"][
                "informatieobject"
            ]["url"]
            == document["url"]
        )
    assert shown[True] is not None and shown[None] is None


def test_writes_are_not_limited(iotype, create_eio, superuser_client):
    """Lock, update, bestandsdelen upload and unlock of a document that is not ready (decision: reads only)."""
    writer = _woo_client(iotype["url"], scopes=READ_SCOPES + WRITE_SCOPES)
    created = writer.post(EIO_LIST, {**_body(iotype), "isGereedVoorPublicatie": None}, format="json")
    assert created.status_code == 201, created.json()
    url = path_of(created.json()["url"])
    assert writer.get(url).status_code == 403  # but it may not read it back
    key = lock(writer, created.json()["url"])
    patched = writer.patch(url, {"lock": key, "inhoud": None, "bestandsomvang": 5}, format="json")
    assert patched.status_code == 200, patched.json()
    [part] = patched.json()["bestandsdelen"]
    upload = writer.put(
        path_of(part["url"]),
        {"inhoud": _file(b"hallo"), "lock": key},
        format="multipart",
    )
    assert upload.status_code == 200, upload.json()
    assert writer.post(f"{url}/unlock", {"lock": key}, format="json").status_code == 204
    assert b"".join(superuser_client.get(f"{url}/download").streaming_content) == b"hallo"


def _body(iotype) -> dict:
    from .conftest import eio_body

    return eio_body(iotype["url"])


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("deel.bin", content, content_type="application/octet-stream")


def test_flag_change_through_the_api_applies_at_the_next_request(iotype, docs, superuser_client):
    """The client resolution is cached; a write to the applicatie invalidates it."""
    client_id = f"woo-{uuid.uuid4().hex[:10]}"
    woo = _woo_client(iotype["url"], client_id=client_id)
    assert woo.get(EIO_LIST).json()["count"] == 1
    assert woo.get(EIO_LIST).json()["count"] == 1  # served from the memo
    applicatie = Applicatie.objects.get(client_identifiers__client_id=client_id)
    url = f"{APPLICATIES}/{applicatie.uuid}"
    assert superuser_client.get(url).json()["alleenIsGereedVoorPublicatie"] is True
    patched = superuser_client.patch(url, {"alleenIsGereedVoorPublicatie": False}, format="json")
    assert patched.status_code == 200, patched.json()
    assert woo.get(EIO_LIST).json()["count"] == 3
    superuser_client.patch(url, {"alleenIsGereedVoorPublicatie": True}, format="json")
    assert woo.get(EIO_LIST).json()["count"] == 1


def test_without_the_flag_nothing_changes(iotype, docs):
    plain = _woo_client(iotype["url"], flag=False)
    assert plain.get(EIO_LIST).json()["count"] == 3
    assert plain.get(path_of(docs["unknown"]["url"])).status_code == 200


def _resolved(client_id: str):
    """The client as a request resolves it (the secret lookup first, which refreshes the cache generation)."""
    provider = get_client_provider()
    provider.get_secret(client_id)
    return provider.get_client(client_id)


def test_zgw_client_sets_and_clears_the_flag(db):
    call_command("zgw_client", "woo-portaal", "geheim", "--all", "--alleen-gereed-voor-publicatie")
    applicatie = Applicatie.objects.get(client_identifiers__client_id="woo-portaal")
    assert applicatie.alleen_is_gereed_voor_publicatie is True
    assert _resolved("woo-portaal").alleen_is_gereed_voor_publicatie is True
    call_command("zgw_client", "woo-portaal", "geheim", "--all")
    applicatie.refresh_from_db()
    assert applicatie.alleen_is_gereed_voor_publicatie is False
    assert _resolved("woo-portaal").alleen_is_gereed_voor_publicatie is False


def test_admin_shows_and_sets_the_flag(admin_client, db):
    applicatie = ac_services.ensure_client("woo-admin", "geheim", heeft_alle_autorisaties=True)
    page = admin_client.get(f"/admin/autorisaties/applicatie/{applicatie.pk}/change/")
    assert page.status_code == 200
    assert b'name="alleen_is_gereed_voor_publicatie"' in page.content
    listing = admin_client.get("/admin/autorisaties/applicatie/", {"alleen_is_gereed_voor_publicatie__exact": "1"})
    assert listing.status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="plan of PostgreSQL")
def test_the_publication_list_reads_the_partial_index(docs):
    """The list of a publication-limited application with all autorisaties: only ready rows are in the index."""
    from zgw.documenten import selectors

    woo = _resolved(_woo_client().client_id)
    qs = selectors.visible_documents(woo, Scope("documenten.lezen"), None)[:100]
    assert [d.uuid for d in qs] == [uuid.UUID(docs["ready"]["url"].rsplit("/", 1)[1])]
    sql, params = qs.values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "documenten_publicatie" in plan, plan


def test_zaken_expand_of_informatieobject(superuser_client):
    """Zaken 1.7 ``zaakinformatieobjecten?expand=informatieobject`` (and from the zaak, two levels deep) shows a
    publication-limited application only the ready document, as a direct read would."""
    from tests.catalogi.conftest import make_zaaktype
    from tests.zaken.conftest import CRS, create_zaak
    from zgw.catalogi.models import Catalogus, InformatieObjectType, ZaakTypeInformatieObjectType

    catalogus = Catalogus.objects.create(domein="WOOZ", rsin="000000000", contactpersoon_beheer_naam="Beheer")
    zaaktype = make_zaaktype(catalogus, concept=False, identificatie="WOO-1")
    iotype = InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Zaakbijlage",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="bijlage",
        concept=False,
    )
    ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zaaktype, informatieobjecttype=iotype, volgnummer=1, richting="inkomend"
    )
    iotype_url = f"http://testserver/catalogi/api/v1/informatieobjecttypen/{iotype.uuid}"
    zaak = create_zaak(superuser_client, zaaktype)
    woo = _woo_client()
    shown = {}
    for ready in (True, False, None):
        document = superuser_client.post(
            EIO_LIST,
            {"bronorganisatie": "000000000", "creatiedatum": "2024-05-01", "titel": f"Bijlage {ready}",
             "auteur": "Ambtenaar", "taal": "dut", "informatieobjecttype": iotype_url,
             "isGereedVoorPublicatie": ready},
            format="json",
        ).json()  # fmt: skip
        zio = superuser_client.post(
            "/zaken/api/v1/zaakinformatieobjecten",
            {"zaak": zaak["url"], "informatieobject": document["url"]},
            format="json",
            **CRS,
        )
        assert zio.status_code == 201, zio.json()
        direct = woo.get(path_of(zio.json()["url"]), {"expand": "informatieobject"}, **CRS)
        assert direct.status_code == 200, direct.json()
        shown[ready] = direct.json()["_expand"]["informatieobject"].get("url")
        unlimited = superuser_client.get(path_of(zio.json()["url"]), {"expand": "informatieobject"}, **CRS)
        assert unlimited.json()["_expand"]["informatieobject"]["url"] == document["url"]
    assert shown[True] is not None and shown[False] is None and shown[None] is None
    nested = woo.get(path_of(zaak["url"]), {"expand": "zaakinformatieobjecten.informatieobject"}, **CRS).json()
    documents = [zio["_expand"]["informatieobject"] for zio in nested["_expand"]["zaakinformatieobjecten"]]
    assert [d.get("url") for d in documents if d] == [shown[True]]
