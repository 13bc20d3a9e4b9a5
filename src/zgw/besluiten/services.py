"""Writes of the Besluiten API: besluiten and besluitinformatieobjecten, their mirrors, audit trail and notifications.

Every write follows the same shape:

1. validate (the brc rules in :mod:`.rules`) — nothing is written when one fails;
2. in one transaction: our rows plus the mirrors in *local* Zaken/Documenten apps (the request is not wrapped in
   an outer transaction, see ``api.viewsets.NoOuterTransactionMixin``) — and, when no remote API is involved, the
   audit trail entry and the outbox notification too;
3. only when a *remote* Zaken/Documenten API is involved: after the commit, the mirror writes over HTTP (the remote
   API reads our resource back to validate them), with compensation and 400 ``pending-relations`` on failure;
   then the audit trail and the notification in a second short transaction, so nothing is announced that was undone.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from zgw.common import audit, outbox
from zgw.common.errors import collect_errors
from zgw.common.models import AuditTrail
from zgw.common.permissions import ScopeExpr
from zgw.common.references import normalise_ref, object_url
from zgw.common.serializers import Reference

from . import mirrors, related, remote, rules
from .constants import BRON, KANAAL, AardRelatie
from .identificatie import generate_identificatie
from .models import Besluit, BesluitInformatieObject

Render = Callable[[Any], dict]

BESLUIT_FIELDS = (
    "identificatie",
    "verantwoordelijke_organisatie",
    "datum",
    "toelichting",
    "bestuursorgaan",
    "ingangsdatum",
    "vervaldatum",
    "vervalreden",
    "publicatiedatum",
    "verzenddatum",
    "uiterlijke_reactiedatum",
)


# ---- references stored on a besluit ------------------------------------------------------------------------------


def zaak_reference(besluit: Besluit) -> Reference | None:
    """The besluit's zaak as a :class:`Reference` (``None`` when it has none)."""
    if getattr(besluit, "zaak_id", None) is not None:
        return Reference("", obj=besluit.zaak)
    if besluit.zaak_url:
        return Reference(besluit.zaak_url)
    return None


def zaak_url(besluit: Besluit, request=None) -> str:
    ref = zaak_reference(besluit)
    if ref is None:
        return ""
    return object_url(request, ref.obj) if ref.obj is not None else ref.url


def _set_zaak(besluit: Besluit, ref: Reference | None) -> None:
    besluit.zaak = ref.obj if ref is not None and ref.obj is not None else None
    besluit.zaak_url = ref.url if ref is not None and ref.obj is None else ""


def _same_zaak(a: Reference | None, b: Reference | None, request=None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.obj is not None or b.obj is not None:
        return a.obj is not None and b.obj is not None and a.obj.pk == b.obj.pk
    return normalise_ref(a.url, request) == normalise_ref(b.url, request)


def _clone(instance):
    """A detached copy of a model instance (own ``_state`` and relation cache) to restore it from later."""
    clone = copy.copy(instance)
    clone._state = copy.copy(instance._state)
    clone._state.fields_cache = dict(instance._state.fields_cache)
    return clone


# ---- audit / notifications ---------------------------------------------------------------------------------------


def _kenmerken(besluit: Besluit, request) -> dict:
    return {
        "verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
        "besluittype": rules.besluittype_url(besluit, request),
    }


def _announce(
    request,
    besluit: Besluit,
    *,
    besluit_url: str,
    actie: str,
    resultaat: int,
    resource: str,
    resource_url: str,
    weergave: str,
    oud: dict | None,
    nieuw: dict | None,
    kenmerken: dict,
) -> None:
    """Audit trail entry (under the besluit, bron brc) and outbox notification (kanaal besluiten)."""
    audit.record(
        request,
        bron=BRON,
        actie=actie,
        resultaat=resultaat,
        hoofd_object=besluit_url,
        hoofd_object_uuid=besluit.uuid,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=weergave,
        oud=oud,
        nieuw=nieuw,
    )
    outbox.publish(
        kanaal=KANAAL,
        hoofd_object=besluit_url,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken,
    )


def _save_besluit(besluit: Besluit, **kwargs) -> None:
    """Save; a concurrent duplicate identificatie (the unique constraint) is brc-002, not a 500."""
    try:
        with transaction.atomic():
            besluit.save(**kwargs)
    except IntegrityError:
        if (
            Besluit.objects.filter(
                verantwoordelijke_organisatie=besluit.verantwoordelijke_organisatie, identificatie=besluit.identificatie
            )
            .exclude(pk=besluit.pk)
            .exists()
        ):
            raise rules.identificatie_niet_uniek()
        raise


def _recreate_zaakbesluit(besluit_pk: int, zaak_url: str, besluit_url: str) -> None:
    """Undo of a remote ZaakBesluit delete: create it again and remember its (new) URL."""
    url = remote.create_zaakbesluit(zaak_url, besluit_url)
    Besluit.objects.filter(pk=besluit_pk).update(zaakbesluit_url=url)


def _recreate_objectinformatieobject(bio_pk: int, eio_url: str, besluit_url: str) -> None:
    url = remote.create_objectinformatieobject(eio_url, besluit_url)
    BesluitInformatieObject.objects.filter(pk=bio_pk).update(objectinformatieobject_url=url)


# ---- besluit -----------------------------------------------------------------------------------------------------


def create_besluit(values: dict, *, request=None, render: Render, scope: ScopeExpr | None = None) -> Besluit:
    """POST /besluiten: brc-001, brc-002, brc-006, brc-007 and the date rules."""
    values = dict(values)
    besluittype: Reference = values.pop("besluittype")
    zaak: Reference | None = values.pop("zaak", None)
    rules.check_allowed(request, scope, related.url_of(besluittype, request))
    with collect_errors() as errors:  # every rule on the request in one 400 (DECISIONS.md)
        with errors.check():
            rules.validate_brc_001_besluittype_published(besluittype)
        with errors.check():
            rules.validate_brc_002_identificatie_unique(
                values["verantwoordelijke_organisatie"], values.get("identificatie", "")
            )
        with errors.check():
            rules.validate_datum_not_in_future(values.get("datum"))
        with errors.check():
            rules.validate_date_order(values)
        if zaak is not None:
            with errors.check():
                rules.validate_brc_007_besluittype_in_zaaktype(besluittype, zaak, request)
    if zaak is not None:
        rules.check_zaak_open(request, zaak)

    besluit = Besluit(**{k: v for k, v in values.items() if k in BESLUIT_FIELDS})
    besluit.besluittype = besluittype.obj
    besluit.besluittype_url = "" if besluittype.obj is not None else besluittype.url
    _set_zaak(besluit, zaak)
    remote_zaak = zaak is not None and zaak.obj is None

    def announce() -> None:
        url = object_url(request, besluit)
        besluit.rendered = render(besluit)  # the response reuses it (no read-back of the new row)
        _announce(
            request, besluit, besluit_url=url, actie="create", resultaat=201, resource="besluit", resource_url=url,
            weergave=besluit.identificatie, oud=None, nieuw=besluit.rendered, kenmerken=_kenmerken(besluit, request),
        )  # fmt: skip

    with transaction.atomic(), audit.batch(), outbox.batch():  # the zaak's and the besluit's entries together
        if not besluit.identificatie:
            besluit.identificatie = generate_identificatie(besluit.verantwoordelijke_organisatie, besluit.datum)
        besluit.save()  # no savepoint: a lost identificatie race is brc-002 by the rule registered in apps.py
        besluit_url = object_url(request, besluit)
        if zaak is not None and zaak.obj is not None:
            mirrors.link_zaak(zaak.obj, besluit_url, besluit, request=request, new=True)
        if not remote_zaak:
            announce()
            return besluit

    def run() -> None:
        besluit.zaakbesluit_url = remote.create_zaakbesluit(zaak.url, besluit_url)

    def undo() -> None:
        remote.delete_zaakbesluit(zaak.url, besluit_url, besluit.zaakbesluit_url)

    def compensate() -> None:
        with transaction.atomic():
            Besluit.objects.filter(pk=besluit.pk).delete()

    mirrors.run_remote_steps([mirrors.RemoteStep(run, undo, "zaak")], compensate=compensate)
    with transaction.atomic():
        Besluit.objects.filter(pk=besluit.pk).update(zaakbesluit_url=besluit.zaakbesluit_url)
        announce()
    return besluit


def update_besluit(
    besluit: Besluit, values: dict, *, partial: bool, request=None, render: Render, scope: ScopeExpr | None = None
) -> Besluit:
    """PUT/PATCH /besluiten/{uuid}: brc-001/002 immutables; a changed ``zaak`` moves the ZaakBesluit mirror
    (DECISIONS.md), checked against brc-007."""
    values = dict(values)
    actie = "partial_update" if partial else "update"
    oud = render(besluit)
    old_zaak = zaak_reference(besluit)
    old_zaak_url = zaak_url(besluit, request)
    old_zaakbesluit_url = besluit.zaakbesluit_url
    besluittype = values.pop("besluittype", None)
    zaak_given = "zaak" in values
    new_zaak: Reference | None = values.pop("zaak", None) if zaak_given else old_zaak
    zaak_changed = zaak_given and not _same_zaak(old_zaak, new_zaak, request)

    merged = {name: getattr(besluit, name) for name in BESLUIT_FIELDS}
    merged.update({k: v for k, v in values.items() if k in BESLUIT_FIELDS and k != "identificatie"})
    bt_ref = Reference(rules.besluittype_url(besluit, request), obj=besluit.besluittype)
    rules.check_zaak_open(request, old_zaak)
    with collect_errors() as errors:  # every rule on the request in one 400 (DECISIONS.md)
        if besluittype is not None:
            with errors.check():
                rules.validate_brc_001_besluittype_unchanged(besluit, besluittype, request)
        with errors.check():
            rules.validate_brc_002_unchanged(besluit, values)
        if "datum" in values:
            with errors.check():
                rules.validate_datum_not_in_future(values["datum"])
        with errors.check():
            rules.validate_date_order(merged)
        if zaak_changed and new_zaak is not None:
            with errors.check():
                rules.validate_brc_007_besluittype_in_zaaktype(bt_ref, new_zaak, request)
    if zaak_changed and new_zaak is not None:
        rules.check_zaak_open(request, new_zaak)

    snapshot = _clone(besluit)
    for name, value in merged.items():
        if name != "identificatie":
            setattr(besluit, name, value)
    if zaak_changed:
        _set_zaak(besluit, new_zaak)
        besluit.zaakbesluit_url = ""

    def announce() -> None:
        url = object_url(request, besluit)
        _announce(
            request, besluit, besluit_url=url, actie=actie, resultaat=200, resource="besluit", resource_url=url,
            weergave=besluit.identificatie, oud=oud, nieuw=render(besluit), kenmerken=_kenmerken(besluit, request),
        )  # fmt: skip

    besluit_url = object_url(request, besluit)
    steps: list[mirrors.RemoteStep] = []
    if zaak_changed and old_zaak is not None and old_zaak.obj is None:
        steps.append(
            mirrors.RemoteStep(
                run=lambda: remote.delete_zaakbesluit(old_zaak_url, besluit_url, old_zaakbesluit_url),
                undo=lambda: _recreate_zaakbesluit(besluit.pk, old_zaak_url, besluit_url),
                field="zaak",
            )
        )
    if zaak_changed and new_zaak is not None and new_zaak.obj is None:

        def create_new() -> None:
            besluit.zaakbesluit_url = remote.create_zaakbesluit(new_zaak.url, besluit_url)

        steps.append(
            mirrors.RemoteStep(
                run=create_new,
                undo=lambda: remote.delete_zaakbesluit(new_zaak.url, besluit_url, besluit.zaakbesluit_url),
                field="zaak",
            )
        )

    with transaction.atomic():
        _save_besluit(besluit)
        if zaak_changed:
            if old_zaak is not None and old_zaak.obj is not None:
                mirrors.unlink_zaak(old_zaak.obj, besluit_url, request=request)
            if new_zaak is not None and new_zaak.obj is not None:
                mirrors.link_zaak(new_zaak.obj, besluit_url, besluit, request=request)
        if not steps:
            announce()
            return besluit

    def compensate() -> None:
        with transaction.atomic():
            snapshot.save()
            if new_zaak is not None and new_zaak.obj is not None:
                mirrors.unlink_zaak(new_zaak.obj, besluit_url)
            if old_zaak is not None and old_zaak.obj is not None:
                mirrors.link_zaak(old_zaak.obj, besluit_url, snapshot)

    mirrors.run_remote_steps(steps, compensate=compensate)
    with transaction.atomic():
        Besluit.objects.filter(pk=besluit.pk).update(zaakbesluit_url=besluit.zaakbesluit_url)
        announce()
    return besluit


def delete_besluit(besluit: Besluit, *, request=None) -> None:
    """DELETE /besluiten/{uuid} (brc-009): the besluit, its besluitinformatieobjecten, their mirrors, the
    ZaakBesluit mirror and the audit trail — really deleted."""
    zaak = zaak_reference(besluit)
    rules.check_zaak_open(request, zaak)
    besluit_url = object_url(request, besluit)
    the_zaak_url = zaak_url(besluit, request)
    kenmerken = _kenmerken(besluit, request)
    bios = list(besluit.besluitinformatieobjecten.select_related("informatieobject"))
    trail = list(AuditTrail.objects.filter(bron=BRON, hoofd_object_uuid=besluit.uuid))
    snapshot = _clone(besluit)

    steps = [
        mirrors.RemoteStep(
            run=lambda bio=bio: remote.delete_objectinformatieobject(
                bio.informatieobject_url, besluit_url, bio.objectinformatieobject_url
            ),
            undo=lambda bio=bio: _recreate_objectinformatieobject(bio.pk, bio.informatieobject_url, besluit_url),
            field="nonFieldErrors",
        )
        for bio in bios
        if bio.informatieobject_id is None
    ]
    if zaak is not None and zaak.obj is None:
        steps.append(
            mirrors.RemoteStep(
                run=lambda: remote.delete_zaakbesluit(the_zaak_url, besluit_url, snapshot.zaakbesluit_url),
                undo=lambda: _recreate_zaakbesluit(snapshot.pk, the_zaak_url, besluit_url),
                field="zaak",
            )
        )

    def announce() -> None:
        outbox.publish(
            kanaal=KANAAL, hoofd_object=besluit_url, resource="besluit", resource_url=besluit_url,
            actie="destroy", kenmerken=kenmerken,
        )  # fmt: skip

    with transaction.atomic():
        for bio in bios:
            if bio.informatieobject_id is not None:
                mirrors.unlink_informatieobject(bio.informatieobject, besluit_url)
        if zaak is not None and zaak.obj is not None:
            mirrors.unlink_zaak(zaak.obj, besluit_url, request=request)
        audit.delete_for(BRON, besluit.uuid)
        besluit.delete()
        if not steps:
            announce()
            return

    def compensate() -> None:
        with transaction.atomic():
            snapshot.save(force_insert=True)
            for bio in bios:
                bio.besluit = snapshot
            BesluitInformatieObject.objects.bulk_create(bios)
            AuditTrail.objects.bulk_create(trail)
            for bio in bios:
                if bio.informatieobject_id is not None:
                    mirrors.link_informatieobject(bio.informatieobject, besluit_url, snapshot)
            if zaak is not None and zaak.obj is not None:
                mirrors.link_zaak(zaak.obj, besluit_url, snapshot)

    mirrors.run_remote_steps(steps, compensate=compensate)
    with transaction.atomic():
        announce()


# ---- besluitinformatieobject -------------------------------------------------------------------------------------


def create_besluitinformatieobject(
    besluit_ref: Reference, informatieobject: Reference, *, request=None, render: Render, scope=None
) -> BesluitInformatieObject:
    """POST /besluitinformatieobjecten: brc-003 (resolved by the serializer), brc-004, brc-005, brc-008, unique."""
    besluit: Besluit = besluit_ref.obj
    rules.check_allowed(request, scope, rules.besluittype_url(besluit, request))
    with collect_errors() as errors:
        with errors.check():
            rules.validate_bio_unique(besluit, informatieobject)
        with errors.check():
            rules.validate_brc_008_informatieobjecttype(besluit, informatieobject, request)
    bio = BesluitInformatieObject(
        besluit=besluit,
        informatieobject=informatieobject.obj,
        informatieobject_url="" if informatieobject.obj is not None else informatieobject.url,
        aard_relatie=AardRelatie.legt_vast,
    )
    besluit_url = object_url(request, besluit)

    def announce() -> None:
        url = object_url(request, bio)
        bio.rendered = render(bio)  # the response reuses it (no read-back of the new row)
        _announce(
            request, besluit, besluit_url=besluit_url, actie="create", resultaat=201,
            resource="besluitinformatieobject", resource_url=url, weergave=str(bio), oud=None, nieuw=bio.rendered,
            kenmerken=_kenmerken(besluit, request),
        )  # fmt: skip

    with transaction.atomic():
        try:
            with transaction.atomic():
                bio.save()
        except IntegrityError:
            rules.validate_bio_unique(besluit, informatieobject)
            raise
        if informatieobject.obj is not None:
            mirrors.link_informatieobject(informatieobject.obj, besluit_url, besluit)
            announce()
            return bio

    def run() -> None:
        bio.objectinformatieobject_url = remote.create_objectinformatieobject(bio.informatieobject_url, besluit_url)

    def undo() -> None:
        remote.delete_objectinformatieobject(bio.informatieobject_url, besluit_url, bio.objectinformatieobject_url)

    def compensate() -> None:
        with transaction.atomic():
            BesluitInformatieObject.objects.filter(pk=bio.pk).delete()

    mirrors.run_remote_steps([mirrors.RemoteStep(run, undo, "informatieobject")], compensate=compensate)
    with transaction.atomic():
        BesluitInformatieObject.objects.filter(pk=bio.pk).update(
            objectinformatieobject_url=bio.objectinformatieobject_url
        )
        announce()
    return bio


def delete_besluitinformatieobject(bio: BesluitInformatieObject, *, request=None, render: Render) -> None:
    """DELETE /besluitinformatieobjecten/{uuid}: the relation and its ObjectInformatieObject mirror."""
    besluit = bio.besluit
    besluit_url = object_url(request, besluit)
    url = object_url(request, bio)
    oud = render(bio)
    snapshot = _clone(bio)

    def announce() -> None:
        _announce(
            request, besluit, besluit_url=besluit_url, actie="destroy", resultaat=204,
            resource="besluitinformatieobject", resource_url=url, weergave=str(snapshot), oud=oud, nieuw=None,
            kenmerken=_kenmerken(besluit, request),
        )  # fmt: skip

    with transaction.atomic():
        if bio.informatieobject_id is not None:
            mirrors.unlink_informatieobject(bio.informatieobject, besluit_url)
        bio.delete()
        if snapshot.informatieobject_id is not None:
            announce()
            return

    def run() -> None:
        remote.delete_objectinformatieobject(
            snapshot.informatieobject_url, besluit_url, snapshot.objectinformatieobject_url
        )

    def undo() -> None:  # pragma: no cover - single step, nothing to undo after it
        _recreate_objectinformatieobject(snapshot.pk, snapshot.informatieobject_url, besluit_url)

    def compensate() -> None:
        with transaction.atomic():
            snapshot.save(force_insert=True)

    mirrors.run_remote_steps([mirrors.RemoteStep(run, undo, "informatieobject")], compensate=compensate)
    with transaction.atomic():
        announce()
