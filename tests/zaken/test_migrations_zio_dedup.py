"""zaken 0005 (issue 19 finding 9): the duplicates that concurrent creates left behind are removed before the
(zaak, informatieobject) constraints are added; per pair the oldest row stays, other rows are untouched."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from zgw.documenten.models import EnkelvoudigInformatieObject
from zgw.zaken.models import Zaak, ZaakInformatieObject

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("zaken", "0004_geo_box_index")]
AFTER = [("zaken", "0005_zio_unique_pair")]
REMOTE = "http://drc.elders.example/documenten/api/v1/enkelvoudiginformatieobjecten/"


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def at_0004():
    _migrate(BEFORE)
    yield
    _migrate([key for key in MigrationExecutor(connection).loader.graph.leaf_nodes()])


def _zaak(n: int) -> Zaak:
    return Zaak.objects.create(identificatie=f"ZAAK-MIG-{n}", bronorganisatie="123456782",
                               zaaktype_url="http://ztc.elders.example/zaaktypen/1",
                               startdatum=datetime.date(2026, 1, 1), verantwoordelijke_organisatie="123456782",
                               vertrouwelijkheidaanduiding="openbaar")  # fmt: skip


def _document(n: int) -> EnkelvoudigInformatieObject:
    return EnkelvoudigInformatieObject.objects.create(
        bronorganisatie="123456782", identificatie=f"DOC-MIG-{n}", vertrouwelijkheidaanduiding="openbaar"
    )


def test_0005_removes_duplicate_pairs_and_keeps_the_oldest(at_0004, capsys):
    zaak, other_zaak = _zaak(1), _zaak(2)
    document, other_document = _document(1), _document(2)

    def link(z: Zaak, **target) -> ZaakInformatieObject:
        return ZaakInformatieObject.objects.create(zaak=z, **target)

    # local pair: three copies (a race); the oldest must stay
    kept_local = link(zaak, informatieobject=document, titel="first")
    dup_local = [link(zaak, informatieobject=document, titel=f"copy {i}") for i in range(2)]
    # remote pair: two copies by URL
    kept_remote = link(zaak, informatieobject_url=REMOTE + "1")
    dup_remote = link(zaak, informatieobject_url=REMOTE + "1")
    # not duplicates: same document on another zaak, another document on the same zaak, another remote URL
    untouched = [
        link(other_zaak, informatieobject=document),
        link(zaak, informatieobject=other_document),
        link(zaak, informatieobject_url=REMOTE + "2"),
        link(other_zaak, informatieobject_url=REMOTE + "1"),
    ]
    assert ZaakInformatieObject.objects.count() == 9  # at 0004 nothing stopped them

    _migrate(AFTER)

    remaining = set(ZaakInformatieObject.objects.values_list("pk", flat=True))
    assert remaining == {kept_local.pk, kept_remote.pk, *(row.pk for row in untouched)}
    assert ZaakInformatieObject.objects.get(pk=kept_local.pk).titel == "first"
    removed = [str(row.uuid) for row in [*dup_local, dup_remote]]
    printed = capsys.readouterr().out
    assert "removed 3 duplicate zaakinformatieobjecten" in printed
    assert all(uuid in printed for uuid in removed)  # traceable for the operator

    # and from now on the database refuses a new copy of either pair
    with pytest.raises(IntegrityError), transaction.atomic():
        link(zaak, informatieobject=document)
    with pytest.raises(IntegrityError), transaction.atomic():
        link(zaak, informatieobject_url=REMOTE + "1")


def test_0005_on_a_table_without_duplicates_changes_nothing(at_0004, capsys):
    zaak = _zaak(1)
    rows = [ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=_document(n)) for n in range(3)]
    _migrate(AFTER)
    assert set(ZaakInformatieObject.objects.values_list("pk", flat=True)) == {row.pk for row in rows}
    assert "removed" not in capsys.readouterr().out
