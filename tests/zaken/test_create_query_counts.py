"""Every create costs a pinned number of queries (issue 20), the same for a client with one autorisatie per
component and for one with many: the autorisatie check works on the cached autorisaties, not per row.

The figures are warmed requests (the client's autorisaties are cached by the first one) inside the test's
transaction, so the request's own transaction shows as SAVEPOINT/RELEASE. A change that adds a query per create
fails here; a change that saves one lowers the pin.
"""

from __future__ import annotations

import base64
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as cm
from zgw.common.models import AuditTrail, OutboxMessage
from zgw.documenten.api.serializers import EnkelvoudigInformatieObjectCreateLockSerializer
from zgw.documenten.models import EnkelvoudigInformatieObject

from .conftest import BEGIN, CAT, CRS, RSIN, cat_url, zaak_payload

pytestmark = pytest.mark.django_db

DOCUMENTEN = "/documenten/api/v1/enkelvoudiginformatieobjecten"
BESLUITEN = "/besluiten/api/v1"

# queries per warmed create (SAVEPOINT/RELEASE of the request's transaction included)
PINNED = {
    "zaak": 8,
    "status": 9,  # the zaak with its zaaktype in one query; one query for the unique rule and the latest status
    "rol": 9,  # the roltype is an initiator: at most one per zaak (one EXISTS)
    "zaakinformatieobject": 14,
    "document": 10,  # no SAVEPOINT around the insert (the unique rule answers a lost race)
    "besluit": 12,
    "besluitinformatieobject": 16,
}


def _autorisaties(zaaktype, iotype, besluittype, extra: int) -> list[AutorisatieData]:
    """One autorisatie per component for the real types, plus ``extra`` for types elsewhere in the catalogi."""

    def others(collection: str) -> list[str]:
        return [f"{CAT}/{collection}/{uuid.uuid4()}" for _ in range(extra)]

    zrc = ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.statussen.toevoegen"]
    drc = ["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken"]
    brc = ["besluiten.lezen", "besluiten.aanmaken"]
    level = "zeer_geheim"
    return [
        *(
            AutorisatieData(component="zrc", scopes=zrc, zaaktype=url, max_vertrouwelijkheidaanduiding=level)
            for url in [cat_url("zaaktypen", zaaktype), *others("zaaktypen")]
        ),
        *(
            AutorisatieData(
                component="drc", scopes=drc, informatieobjecttype=url, max_vertrouwelijkheidaanduiding=level
            )
            for url in [cat_url("informatieobjecttypen", iotype), *others("informatieobjecttypen")]
        ),
        *(
            AutorisatieData(component="brc", scopes=brc, besluittype=url)
            for url in [cat_url("besluittypen", besluittype), *others("besluittypen")]
        ),
        AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
    ]


@pytest.fixture
def besluittype(zaaktype, iotype) -> cm.BesluitType:
    besluittype = cm.BesluitType.objects.create(
        catalogus=zaaktype.catalogus, omschrijving="Vergunning", publicatie_indicatie=False,
        datum_begin_geldigheid=BEGIN, concept=False,
    )  # fmt: skip
    besluittype.informatieobjecttypen.set([iotype])
    zaaktype.besluittypen.set([besluittype])
    return besluittype


class Creates:
    """Request bodies for every kind of create; what a body needs (a zaak, a document, a besluit) is made first."""

    def __init__(self, client, zaaktype, statustypen, roltype, iotype, besluittype):
        self.client = client
        self.zaaktype, self.statustypen, self.roltype = zaaktype, statustypen, roltype
        self.iotype, self.besluittype = iotype, besluittype

    def post(self, path: str, body: dict):
        response = self.client.post(path, body, format="json", **CRS)
        assert response.status_code == 201, response.json()
        return response

    def zaak_url(self) -> str:
        return self.post("/zaken/api/v1/zaken", zaak_payload(self.zaaktype)).json()["url"]

    def document_body(self) -> dict:
        return {
            "bronorganisatie": RSIN, "creatiedatum": "2024-03-01", "titel": "Brief", "auteur": "tester",
            "taal": "nld", "informatieobjecttype": cat_url("informatieobjecttypen", self.iotype),
            "vertrouwelijkheidaanduiding": "openbaar", "bestandsnaam": "brief.txt", "formaat": "text/plain",
            "inhoud": base64.b64encode(b"inhoud " * 1000).decode(),
        }  # fmt: skip

    def besluit_body(self) -> dict:
        return {
            "verantwoordelijkeOrganisatie": RSIN, "besluittype": cat_url("besluittypen", self.besluittype),
            "zaak": self.zaak_url(), "datum": "2024-03-01", "ingangsdatum": "2024-03-01",
        }  # fmt: skip

    def request(self, kind: str) -> tuple[str, dict]:
        if kind == "zaak":
            return "/zaken/api/v1/zaken", zaak_payload(self.zaaktype)
        if kind == "status":
            return "/zaken/api/v1/statussen", {
                "zaak": self.zaak_url(), "statustype": cat_url("statustypen", self.statustypen[0]),
                "datumStatusGezet": "2024-03-02T10:00:00Z",
            }  # fmt: skip
        if kind == "rol":
            return "/zaken/api/v1/rollen", {
                "zaak": self.zaak_url(), "betrokkeneType": "medewerker", "roltype": cat_url("roltypen", self.roltype),
                "roltoelichting": "x", "betrokkeneIdentificatie": {"identificatie": "m1"},
            }  # fmt: skip
        if kind == "zaakinformatieobject":
            document = self.post(DOCUMENTEN, self.document_body()).json()["url"]
            return "/zaken/api/v1/zaakinformatieobjecten", {"zaak": self.zaak_url(), "informatieobject": document}
        if kind == "document":
            return DOCUMENTEN, self.document_body()
        if kind == "besluit":
            return f"{BESLUITEN}/besluiten", self.besluit_body()
        assert kind == "besluitinformatieobject"
        besluit = self.post(f"{BESLUITEN}/besluiten", self.besluit_body()).json()["url"]
        document = self.post(DOCUMENTEN, self.document_body()).json()["url"]
        return f"{BESLUITEN}/besluitinformatieobjecten", {"besluit": besluit, "informatieobject": document}

    def queries(self, kind: str) -> int:
        path, body = self.request(kind)
        with CaptureQueriesContext(connection) as ctx:
            self.post(path, body)
        return len(ctx)


@pytest.mark.parametrize("kind", list(PINNED))
def test_queries_per_create_are_pinned_and_independent_of_the_autorisaties(
    make_api_client, zaaktype, statustypen, roltype, iotype, besluittype, kind
):
    counts = []
    for extra in (0, 25):
        client = make_api_client(autorisaties=_autorisaties(zaaktype, iotype, besluittype, extra))
        creates = Creates(client, zaaktype, statustypen, roltype, iotype, besluittype)
        creates.queries(kind)  # warm: the client's autorisaties, compiled statements
        counts.append(creates.queries(kind))
    assert counts == [PINNED[kind], PINNED[kind]]


def test_a_besluit_create_writes_its_audit_and_outbox_rows_in_one_insert_each(
    superuser_client, zaaktype, statustypen, roltype, iotype, besluittype
):
    creates = Creates(superuser_client, zaaktype, statustypen, roltype, iotype, besluittype)
    path, body = creates.request("besluit")
    audit_before, outbox_before = AuditTrail.objects.count(), OutboxMessage.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        response = creates.post(path, body)
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert sum('"common_audittrail"' in sql for sql in inserts) == 1
    # the zaak's entry for the new relation and the besluit's own entry, both written
    assert AuditTrail.objects.count() - audit_before == 2
    assert set(AuditTrail.objects.order_by("-pk").values_list("bron", flat=True)[:2]) == {"brc", "zrc"}
    if OutboxMessage.objects.count() > outbox_before:  # notifications on: one INSERT for both messages
        assert sum('"common_outboxmessage"' in sql for sql in inserts) == 1
        assert OutboxMessage.objects.count() - outbox_before == 2
    besluit = response.json()
    assert superuser_client.get(besluit["url"]).json() == besluit  # the response is what a read returns


def test_the_document_create_response_is_the_create_lock_rendering(
    superuser_client, zaaktype, statustypen, roltype, iotype, besluittype
):
    creates = Creates(superuser_client, zaaktype, statustypen, roltype, iotype, besluittype)
    body = creates.post(DOCUMENTEN, creates.document_body()).json()
    document = EnkelvoudigInformatieObject.objects.get(uuid=body["url"].rsplit("/", 1)[1])
    version = document.latest_version
    version.document = document
    request = superuser_client.get(body["url"]).wsgi_request
    expected = EnkelvoudigInformatieObjectCreateLockSerializer(version, context={"request": request}).data
    assert list(body) == list(expected)
    assert body == expected
    assert body["bestandsdelen"] == []
