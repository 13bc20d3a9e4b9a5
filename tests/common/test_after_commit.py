"""Issue 19 finding 3: after-commit side effects are robust and ordered (outbox kick first).

A committed write keeps its 201 when any after-commit callback raises; the callbacks after a failing one still run.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tests.catalogi.conftest import make_zaaktype
from tests.zaken.conftest import RSIN, create_zaak
from zgw.catalogi.models import Catalogus
from zgw.common import aftercommit, listcache, outbox

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def zaaktype(db):
    catalogus = Catalogus.objects.create(domein="TEST", rsin=RSIN, contactpersoon_beheer_naam="Beheer")
    return make_zaaktype(catalogus, concept=False, vertrouwelijkheidaanduiding="zaakvertrouwelijk")


def _failing_after_commit(calls: list, label: str, real=None):
    """A stand-in that records its call and raises once the transaction has committed (never before)."""

    def fake(*args, **kwargs):
        if connection.in_atomic_block:
            return real(*args, **kwargs) if real else None
        calls.append(label)
        raise RuntimeError(f"injected failure in {label}")

    return fake


def test_after_commit_is_robust_and_runs_first_callbacks_first():
    calls: list[str] = []

    def boom():
        calls.append("boom")
        raise RuntimeError("boom")

    with transaction.atomic():
        aftercommit.after_commit(lambda: calls.append("a"))
        aftercommit.after_commit(boom)
        aftercommit.after_commit(lambda: calls.append("kick-1"), first=True)
        aftercommit.after_commit(lambda: calls.append("b"))
        aftercommit.after_commit(lambda: calls.append("kick-2"), first=True)
    assert calls == ["kick-1", "kick-2", "a", "boom", "b"]


def test_after_commit_keeps_savepoint_rollback_semantics():
    calls: list[str] = []
    with transaction.atomic():
        aftercommit.after_commit(lambda: calls.append("kept"))
        try:
            with transaction.atomic():
                aftercommit.after_commit(lambda: calls.append("dropped"), first=True)
                raise ValueError
        except ValueError:
            pass
        aftercommit.after_commit(lambda: calls.append("kick"), first=True)
    assert calls == ["kick", "kept"]


def test_after_commit_failure_is_counted():
    before = aftercommit.ERRORS.labels("test.counted")._value.get()
    with transaction.atomic():
        aftercommit.after_commit(lambda: 1 / 0, name="test.counted")
    assert aftercommit.ERRORS.labels("test.counted")._value.get() == before + 1


def test_zaak_create_is_201_when_the_list_cache_bump_fails_after_commit(make_api_client, zaaktype, monkeypatch):
    calls: list[str] = []
    kicks: list[list[int]] = []
    monkeypatch.setattr(listcache, "bump", _failing_after_commit(calls, "bump", listcache.bump))
    monkeypatch.setattr(outbox, "_dispatcher", lambda ids: (kicks.append(ids), calls.append("kick")))
    client = make_api_client(heeft_alle=True)

    zaak = create_zaak(client, zaaktype)  # asserts the 201

    assert zaak["url"]
    assert calls[0] == "kick", calls  # the outbox kick ran first, before the failing bump
    assert "bump" in calls
    assert kicks


def test_zaak_create_is_201_when_the_outbox_kick_fails(make_api_client, zaaktype, monkeypatch):
    calls: list[str] = []

    def broken_dispatcher(ids):
        calls.append("kick")
        raise ConnectionError("broker down")

    monkeypatch.setattr(outbox, "_dispatcher", broken_dispatcher)
    client = make_api_client(heeft_alle=True)

    create_zaak(client, zaaktype)

    assert calls and set(calls) == {"kick"}  # every kick of the request was tried
    from zgw.common.models import OutboxMessage

    assert OutboxMessage.objects.exists()  # the row stays for the sweep


def test_applicatie_create_is_201_when_the_autorisatie_cache_invalidation_fails(make_api_client, monkeypatch):
    from zgw.autorisaties import services

    client = make_api_client(heeft_alle=True)
    calls: list[str] = []
    real = services.invalidate_client_cache
    monkeypatch.setattr(services, "invalidate_client_cache", _failing_after_commit(calls, "invalidate", real))
    response = client.post(
        "/autorisaties/api/v1/applicaties",
        {"clientIds": ["after-commit-test"], "label": "x", "heeftAlleAutorisaties": True},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert calls == ["invalidate"]
