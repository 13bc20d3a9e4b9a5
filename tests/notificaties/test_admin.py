"""Admin: the delivery log lists every attempt, and failed deliveries can be re-sent by hand."""

from __future__ import annotations

import pytest
from django.db import transaction

from zgw.common import outbox
from zgw.notificaties import dispatch, routing
from zgw.notificaties.models import Abonnement, Delivery, DeliveryAttempt, FilterGroup, Kanaal

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_delivery(kanalen):
    abonnement = Abonnement.objects.create(callback_url="http://down.local/hook", auth="x")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="autorisaties"))
    url = "http://ac.local/autorisaties/api/v1/applicaties/1"
    with transaction.atomic():
        message = outbox.publish(kanaal="autorisaties", hoofd_object=url, resource="applicatie", resource_url=url,
                                 actie="create")  # fmt: skip
    [pk] = routing.route_outbox([message.pk])
    Delivery.objects.filter(pk=pk).update(status="failed", attempts=10, last_status_code=502)
    DeliveryAttempt.objects.create(delivery_id=pk, number=10, status_code=502, response_excerpt="Bad gateway")
    return Delivery.objects.get(pk=pk)


def test_admin_lists_deliveries_and_attempts(admin_client, failed_delivery):
    listing = admin_client.get("/admin/notificaties/delivery/?status__exact=failed")
    assert listing.status_code == 200
    assert b"down.local" in listing.content
    detail = admin_client.get(f"/admin/notificaties/delivery/{failed_delivery.pk}/change/")
    assert detail.status_code == 200 and b"Bad gateway" in detail.content
    attempts = admin_client.get("/admin/notificaties/deliveryattempt/")
    assert attempts.status_code == 200 and b"502" in attempts.content


def test_admin_resend_action(admin_client, failed_delivery, monkeypatch):
    queued: list[int] = []
    monkeypatch.setattr(dispatch, "enqueue_deliveries", lambda ids, countdown=0.0: queued.extend(ids))
    monkeypatch.setattr("zgw.notificaties.admin.enqueue_deliveries", lambda ids: queued.extend(ids))
    response = admin_client.post(
        "/admin/notificaties/delivery/",
        {"action": "resend_deliveries", "_selected_action": [failed_delivery.pk]},
    )
    assert response.status_code == 302
    failed_delivery.refresh_from_db()
    assert (failed_delivery.status, failed_delivery.attempts) == ("pending", 0)
    assert queued == [failed_delivery.pk]


def test_resend_command(failed_delivery, monkeypatch):
    from django.core.management import call_command

    queued: list[int] = []
    monkeypatch.setattr(
        "zgw.notificaties.management.commands.zgw_notificaties_resend.enqueue_deliveries", queued.extend
    )
    call_command("zgw_notificaties_resend")
    assert Delivery.objects.get(pk=failed_delivery.pk).status == "pending"
    assert queued == [failed_delivery.pk]
