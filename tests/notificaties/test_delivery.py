"""Routing and delivery on the database, with remote subscribers mocked (``responses``)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import responses as responses_lib
from django.db import transaction
from django.utils import timezone

from zgw.common import outbox
from zgw.common.models import OutboxMessage, Service
from zgw.notificaties import conf, delivery, routing
from zgw.notificaties.matching import consistent, matches
from zgw.notificaties.models import Abonnement, Delivery, DeliveryAttempt, FilterGroup, Kanaal, Notificatie

pytestmark = pytest.mark.django_db

HOOK_A = "http://a.local/hook"
HOOK_B = "http://b.local/hook"


def _subscribe(url: str, kanaal: str, filters: dict | None = None, auth: str = "Bearer abc") -> Abonnement:
    abonnement = Abonnement.objects.create(callback_url=url, auth=auth)
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam=kanaal), filters=filters or {})
    return abonnement


def _publish(kanaal: str = "zaken", **kenmerken) -> OutboxMessage:
    url = "http://zrc.local/zaken/api/v1/zaken/0c1e2d3f-0000-4000-8000-000000000001"
    return outbox.publish(
        kanaal=kanaal, hoofd_object=url, resource="zaak", resource_url=url, actie="create", kenmerken=kenmerken
    )


# ---- matching ------------------------------------------------------------------------------------------------


def test_matching_rules():
    assert matches({"bronorganisatie": "1"}, {"bronorganisatie": "1", "zaaktype": "x"})
    assert not matches({"bronorganisatie": "1"}, {"bronorganisatie": "2"})
    assert matches({"bronorganisatie": "*"}, {"bronorganisatie": "2"})
    assert matches({"bronorganisatie": "1"}, {"zaaktype": "x"})  # key absent from the message: ignored
    assert matches({"verantwoordelijke_organisatie": "1"}, {"verantwoordelijkeOrganisatie": "1"})
    assert not matches({"verantwoordelijke_organisatie": "1"}, {"verantwoordelijkeOrganisatie": "2"})
    assert consistent(["a"], ["a", "b"]) and consistent(["a", "b", "c"], ["a", "b"])
    assert not consistent(["a", "c"], ["a", "b"])


def test_filters_route_to_matching_abonnementen_only(kanalen):
    exact = _subscribe(HOOK_A, "zaken", {"bronorganisatie": "111222333", "vertrouwelijkheidaanduiding": "openbaar"})
    wildcard = _subscribe(HOOK_B, "zaken", {"bronorganisatie": "*"})
    _subscribe("http://c.local/hook", "zaken", {"bronorganisatie": "999999999"})
    _subscribe("http://d.local/hook", "documenten")
    everything = _subscribe("http://e.local/hook", "zaken")
    FilterGroup.objects.create(
        abonnement=everything, kanaal=Kanaal.objects.get(naam="zaken"), filters={"zaaktype": "z"}
    )

    with transaction.atomic():
        message = _publish(bronorganisatie="111222333", zaaktype="z", vertrouwelijkheidaanduiding="openbaar")
    ids = routing.route_outbox([message.pk])

    routed = set(Delivery.objects.filter(pk__in=ids).values_list("abonnement_id", flat=True))
    assert routed == {exact.pk, wildcard.pk, everything.pk}
    assert len(ids) == 3  # two matching groups of one abonnement still give one delivery
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.delivered
    assert Notificatie.objects.get().payload == message.as_message()
    assert routing.route_outbox([message.pk]) == []  # idempotent: a duplicate task routes nothing


def test_a_row_that_cannot_be_routed_does_not_stall_the_others(kanalen, monkeypatch):
    _subscribe(HOOK_A, "zaken")
    with transaction.atomic():
        bad = _publish("autorisaties")
        good = _publish("zaken", bronorganisatie="1")
    real = routing.matching_abonnement_ids

    def failing(kanaal, kenmerken, groups=None):
        if kanaal == "autorisaties":
            raise ValueError("boom")
        return real(kanaal, kenmerken, groups)

    monkeypatch.setattr(routing, "matching_abonnement_ids", failing)
    ids = routing.route_outbox_safely([good.pk], coalesce=10)  # the bad row is coalesced along and fails first

    assert [d.notificatie.outbox_id for d in Delivery.objects.filter(pk__in=ids)] == [good.pk]
    bad.refresh_from_db()
    assert bad.status == OutboxMessage.Status.pending  # not lost: a later sweep tries again
    assert routing.route_outbox_safely([bad.pk]) == []
    bad.refresh_from_db()
    assert "boom" in bad.last_error and bad.next_attempt_at > timezone.now()
    assert routing.route_outbox([], coalesce=10) == []  # a row waiting for its retry is not coalesced along


def test_rolled_back_change_leaves_no_outbox_row(kanalen):
    _subscribe(HOOK_A, "zaken")
    with pytest.raises(RuntimeError), transaction.atomic():
        _publish(bronorganisatie="1")
        raise RuntimeError("change fails")
    assert not OutboxMessage.objects.exists()
    assert delivery.due_outbox_ids() == []


# ---- delivery ------------------------------------------------------------------------------------------------


def _routed(kanaal: str = "zaken", **kenmerken) -> list[int]:
    with transaction.atomic():
        message = _publish(kanaal, **kenmerken)
    return routing.route_outbox([message.pk])


def test_delivery_posts_message_with_auth_and_records_attempt(kanalen, mocked_http):
    mocked_http.add(responses_lib.POST, HOOK_A, status=204)
    _subscribe(HOOK_A, "zaken", auth="Bearer sub-a")
    [pk] = _routed(bronorganisatie="1")

    outcome = delivery.deliver(pk)

    assert outcome.status == "delivered"
    request = mocked_http.calls[0].request
    assert request.headers["Authorization"] == "Bearer sub-a"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == Notificatie.objects.get().payload
    record = Delivery.objects.get(pk=pk)
    assert (record.status, record.attempts, record.last_status_code) == ("delivered", 1, 204)
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.number, attempt.status_code, attempt.success) == (1, 204, True)
    assert delivery.deliver(pk).status == "skipped"  # a duplicate task sends nothing
    assert len(mocked_http.calls) == 1


def test_failed_attempts_back_off_then_fail(kanalen, mocked_http, monkeypatch):
    monkeypatch.setattr(conf, "MAX_ATTEMPTS", 3)
    monkeypatch.setattr(conf, "RETRY_BASE_DELAY", 10.0)
    monkeypatch.setattr(conf, "RETRY_JITTER", 0.5)
    mocked_http.add(responses_lib.POST, HOOK_A, status=503, body="busy")
    _subscribe(HOOK_A, "zaken")
    [pk] = _routed()

    first = delivery.deliver(pk)
    assert first.status == "retry" and 10.0 <= first.retry_in <= 15.0
    assert delivery.deliver(pk).status == "skipped"  # not due yet
    Delivery.objects.filter(pk=pk).update(next_attempt_at=timezone.now())
    second = delivery.deliver(pk)
    assert 20.0 <= second.retry_in <= 30.0  # doubled
    Delivery.objects.filter(pk=pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(pk).status == "failed"

    record = Delivery.objects.get(pk=pk)
    assert (record.status, record.attempts) == ("failed", 3)
    assert "503" in record.last_error
    assert (
        list(DeliveryAttempt.objects.order_by("number").values_list("status_code", "response_excerpt"))
        == [(503, "busy")] * 3
    )

    # manual re-send: a fresh series of attempts
    mocked_http.replace(responses_lib.POST, HOOK_A, status=200)
    assert delivery.resend([pk]) == [pk]
    assert delivery.deliver(pk).status == "delivered"
    assert DeliveryAttempt.objects.count() == 4


def test_connection_error_is_recorded(kanalen, monkeypatch):
    monkeypatch.setattr(conf, "CALLBACK_TIMEOUT", 1.0)
    _subscribe("http://127.0.0.1:9/hook", "zaken")
    [pk] = _routed()
    assert delivery.deliver(pk).status == "retry"
    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code is None and "ConnectionError" in attempt.error


def test_one_failing_subscriber_does_not_block_the_other(kanalen, mocked_http):
    mocked_http.add(responses_lib.POST, HOOK_A, status=500)
    mocked_http.add(responses_lib.POST, HOOK_B, status=204)
    _subscribe(HOOK_A, "zaken")
    _subscribe(HOOK_B, "zaken")
    outcomes = {delivery.deliver(pk).status for pk in _routed()}
    assert outcomes == {"retry", "delivered"}


def test_claim_is_exclusive(kanalen):
    _subscribe(HOOK_A, "zaken")
    [pk] = _routed()
    assert delivery.claim(pk)
    assert not delivery.claim(pk)  # a second worker (or the sweep's duplicate) cannot take it
    Delivery.objects.filter(pk=pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert delivery.claim(pk)  # a dead worker's claim expires


# ---- sweep ---------------------------------------------------------------------------------------------------


def test_sweep_finds_lost_outbox_rows_and_deliveries(kanalen, monkeypatch):
    monkeypatch.setattr(conf, "SWEEP_GRACE", 5.0)
    _subscribe(HOOK_A, "zaken")
    with transaction.atomic():
        fresh = _publish()
        lost = _publish()
    old = timezone.now() - timedelta(seconds=10)
    OutboxMessage.objects.filter(pk=lost.pk).update(next_attempt_at=old)
    assert delivery.due_outbox_ids() == [lost.pk]  # the fresh one is still trusted to its dispatcher

    [pk] = routing.route_outbox([fresh.pk])
    assert delivery.take_due_delivery_ids() == []  # its task is queued and not overdue
    Delivery.objects.filter(pk=pk).update(queued_until=old)
    assert delivery.take_due_delivery_ids() == [pk]
    assert delivery.take_due_delivery_ids() == []  # now marked as queued again
    Delivery.objects.filter(pk=pk).update(queued_until=old, locked_until=timezone.now() + timedelta(seconds=30))
    assert delivery.take_due_delivery_ids() == []  # a live worker holds it


def test_sweep_command_routes_and_delivers_in_process(kanalen, mocked_http, monkeypatch, settings):
    from django.core.management import call_command

    from zgw.notificaties import dispatch

    settings.NOTIFICATIONS_DELIVERY = "inprocess"
    queued: list[list[int]] = []
    monkeypatch.setattr(dispatch, "enqueue_deliveries", lambda ids, countdown=0.0: ids and queued.append(list(ids)))
    monkeypatch.setattr(conf, "SWEEP_GRACE", 0.0)
    _subscribe(HOOK_A, "zaken")
    with transaction.atomic():
        message = _publish()
    call_command("zgw_notificaties_sweep")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.delivered
    assert [len(batch) for batch in queued] == [1]


# ---- external Notificaties API -------------------------------------------------------------------------------


def test_external_nrc_gets_the_message_with_service_credentials(kanalen, mocked_http, monkeypatch):
    root = "http://nrc.extern/api/v1/"
    monkeypatch.setattr(conf, "EXTERNAL_API_ROOT", root)
    monkeypatch.setattr(conf, "LOCAL_ROUTING", False)
    Service.objects.create(
        label="NRC",
        api_root=root,
        auth_type="zgw",
        client_id="zgw-server",
        secret="a-long-enough-secret-for-hs256-signing",
    )
    mocked_http.add(responses_lib.POST, f"{root}notificaties", status=201)
    _subscribe(HOOK_A, "zaken")  # local routing is off: no delivery to it

    ids = _routed(bronorganisatie="1")
    assert Delivery.objects.get(pk__in=ids).target == Delivery.Target.external
    assert delivery.deliver(ids[0]).status == "delivered"
    request = mocked_http.calls[0].request
    assert request.headers["Authorization"].startswith("Bearer ey")
    assert json.loads(request.body)["kenmerken"] == {"bronorganisatie": "1"}


def test_register_kanalen_external_is_idempotent(mocked_http, db):
    from zgw.notificaties.external import register_kanalen_external
    from zgw.notificaties.kanalen import KANALEN

    root = "http://nrc.extern/api/v1/"
    existing = {"zaken"}
    mocked_http.add_callback(
        responses_lib.GET,
        f"{root}kanaal",
        callback=lambda req: (200, {}, json.dumps([{"naam": "zaken"}] if "naam=zaken" in req.url else [])),
    )
    mocked_http.add(responses_lib.POST, f"{root}kanaal", status=201, json={})
    created = register_kanalen_external(root)
    assert set(created) == {k.naam for k in KANALEN} - existing
    posted = [json.loads(c.request.body) for c in mocked_http.calls if c.request.method == "POST"]
    besluiten = next(body for body in posted if body["naam"] == "besluiten")
    assert besluiten["filters"] == ["verantwoordelijke_organisatie", "besluittype"]
    assert besluiten["documentatieLink"].startswith("http")


def test_register_kanalen_command_is_idempotent(db):
    from django.core.management import call_command

    Kanaal.objects.all().delete()
    call_command("zgw_register_kanalen")
    first = dict(Kanaal.objects.values_list("naam", "filters"))
    call_command("zgw_register_kanalen")
    assert dict(Kanaal.objects.values_list("naam", "filters")) == first
    assert first["zaken"] == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]
    assert first["autorisaties"] == []
    assert len(first) == 7


def test_external_and_local_together(kanalen, monkeypatch):
    monkeypatch.setattr(conf, "EXTERNAL_API_ROOT", "http://nrc.extern/api/v1/")
    abonnement = _subscribe(HOOK_A, "zaken")
    ids = _routed(bronorganisatie="1")
    targets = sorted(Delivery.objects.filter(pk__in=ids).values_list("target", "abonnement_id"))
    assert targets == [("abonnement", abonnement.pk), ("external", None)]


def test_broker_down_does_not_fail_the_change_and_the_sweep_routes_later(kanalen, settings, monkeypatch):
    from kombu.exceptions import OperationalError

    from zgw.notificaties import dispatch, tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to the broker. Connection refused.")

    settings.NOTIFICATIONS_DELIVERY = "celery"
    monkeypatch.setattr(tasks.route_outbox_task, "apply_async", broker_down)
    with transaction.atomic():
        message = _publish()
    dispatch.dispatch_outbox([message.pk])  # what on_commit runs: logs, does not raise
    assert dispatch.kicker.flush()  # the background publish ran (and failed) while the broker is down
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.pending
    monkeypatch.setattr(conf, "SWEEP_GRACE", 0.0)
    assert delivery.due_outbox_ids() == [message.pk]  # the sweep will pick it up


def test_cleanup_keeps_what_may_still_be_resent(kanalen):
    from zgw.notificaties.retention import cleanup

    _subscribe(HOOK_A, "zaken")
    ids = [_routed(bronorganisatie=str(i))[0] for i in range(3)]
    done, failed, fresh = (Delivery.objects.get(pk=pk) for pk in ids)
    Delivery.objects.filter(pk__in=[done.pk, fresh.pk]).update(status="delivered")
    Delivery.objects.filter(pk=failed.pk).update(status="failed")
    old = timezone.now() - timedelta(days=8)
    Notificatie.objects.filter(pk__in=[done.notificatie_id, failed.notificatie_id]).update(ontvangen=old)
    OutboxMessage.objects.update(aanmaakdatum=old)

    removed = cleanup(days=7)

    assert removed == {"notificaties": 1, "outbox": 1}  # the old delivered one and its outbox row
    assert set(Notificatie.objects.values_list("pk", flat=True)) == {failed.notificatie_id, fresh.notificatie_id}
    assert not Delivery.objects.filter(pk=done.pk).exists()
    assert OutboxMessage.objects.count() == 2
