"""Writes of the Autorisaties API 1.1.0 and the rules ac-001..ac-003 they enforce."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common import outbox
from zgw.common.aftercommit import after_commit
from zgw.common.references import object_url

from .models import Applicatie, Autorisatie, ClientCredential, ClientIdentifier
from .selectors import invalidate_client_cache

KANAAL = "autorisaties"

TYPE_FIELD_BY_COMPONENT = {"zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"}
SCOPE_PREFIX_BY_COMPONENT = {"zrc": "zaken.", "drc": "documenten.", "brc": "besluiten."}
NEEDS_LEVEL = {"zrc", "drc"}


@dataclass
class AutorisatieData:
    component: str
    scopes: list[str]
    zaaktype: str = ""
    informatieobjecttype: str = ""
    besluittype: str = ""
    max_vertrouwelijkheidaanduiding: str = ""


@dataclass
class ApplicatieData:
    client_ids: list[str]
    label: str
    heeft_alle_autorisaties: bool = False
    autorisaties: list[AutorisatieData] = field(default_factory=list)
    alleen_is_gereed_voor_publicatie: bool = False  # Autorisaties 1.1.0


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


def validate_ac_001_unique_client_ids(client_ids: list[str], instance: Applicatie | None = None) -> None:
    """ac-001: a client id belongs to at most one applicatie."""
    if len(set(client_ids)) != len(client_ids):
        raise _error("clientIds", "Een client ID mag maar één keer voorkomen.", "clientId-exists")
    taken = ClientIdentifier.objects.filter(client_id__in=client_ids).select_related("applicatie")
    if instance is not None:
        taken = taken.exclude(applicatie=instance)
    conflicts = [f"{c.client_id} (applicatie {c.applicatie.uuid})" for c in taken]
    if conflicts:
        raise _error(
            "clientIds",
            f"De volgende client IDs zijn al in gebruik: {', '.join(conflicts)}.",
            "clientId-exists",
        )


def validate_ac_002_autorisaties_specified(heeft_alle: bool, autorisaties: list[AutorisatieData]) -> None:
    """ac-002: either heeftAlleAutorisaties or a list of autorisaties, not both and not neither."""
    if heeft_alle and autorisaties:
        raise _error(
            "nonFieldErrors",
            "Met 'heeftAlleAutorisaties' mogen geen 'autorisaties' opgegeven worden.",
            "ambiguous-authorizations-specified",
        )
    if not heeft_alle and not autorisaties:
        raise _error(
            "nonFieldErrors",
            "Geef 'autorisaties' op, of zet 'heeftAlleAutorisaties'.",
            "missing-authorizations",
        )


def validate_ac_003_required_fields(autorisaties: list[AutorisatieData]) -> None:
    """ac-003: zrc/drc/brc autorisaties with the component's scopes need their type (and max level)."""
    errors: dict[str, list[ErrorDetail]] = {}
    for index, autorisatie in enumerate(autorisaties):
        prefix = SCOPE_PREFIX_BY_COMPONENT.get(autorisatie.component)
        if not prefix or not any(scope.startswith(prefix) for scope in autorisatie.scopes):
            continue
        type_field = TYPE_FIELD_BY_COMPONENT[autorisatie.component]
        required = [type_field] + (["maxVertrouwelijkheidaanduiding"] if autorisatie.component in NEEDS_LEVEL else [])
        for name in required:
            attr = "max_vertrouwelijkheidaanduiding" if name == "maxVertrouwelijkheidaanduiding" else name
            if not getattr(autorisatie, attr):
                errors[f"autorisaties.{index}.{name}"] = [ErrorDetail("Dit veld is vereist.", code="required")]
    if errors:
        raise ValidationError(errors)


def _write_relations(applicatie: Applicatie, data: ApplicatieData, *, replace_autorisaties: bool) -> None:
    ClientIdentifier.objects.filter(applicatie=applicatie).delete()
    ClientIdentifier.objects.bulk_create(
        ClientIdentifier(applicatie=applicatie, client_id=client_id) for client_id in data.client_ids
    )
    if replace_autorisaties:
        applicatie.autorisaties.all().delete()
        Autorisatie.objects.bulk_create(
            Autorisatie(
                applicatie=applicatie,
                component=a.component,
                scopes=list(a.scopes),
                zaaktype=a.zaaktype if a.component == "zrc" else "",
                informatieobjecttype=a.informatieobjecttype if a.component == "drc" else "",
                besluittype=a.besluittype if a.component == "brc" else "",
                max_vertrouwelijkheidaanduiding=a.max_vertrouwelijkheidaanduiding if a.component in NEEDS_LEVEL else "",
            )
            for a in data.autorisaties
        )


def _notify(request, applicatie: Applicatie, actie: str, url: str | None = None) -> None:
    url = url or object_url(request, applicatie)
    outbox.publish(kanaal=KANAAL, hoofd_object=url, resource="applicatie", resource_url=url, actie=actie)


def _changed() -> None:
    invalidate_client_cache()
    after_commit(invalidate_client_cache, name="autorisaties.invalidate_client_cache")


def _validate(data: ApplicatieData, instance: Applicatie | None) -> None:
    validate_ac_001_unique_client_ids(data.client_ids, instance)
    validate_ac_002_autorisaties_specified(data.heeft_alle_autorisaties, data.autorisaties)
    validate_ac_003_required_fields(data.autorisaties)


@transaction.atomic
def create_applicatie(data: ApplicatieData, *, request=None) -> Applicatie:
    _validate(data, None)
    applicatie = Applicatie.objects.create(
        label=data.label,
        heeft_alle_autorisaties=data.heeft_alle_autorisaties,
        alleen_is_gereed_voor_publicatie=data.alleen_is_gereed_voor_publicatie,
    )
    _write_relations(applicatie, data, replace_autorisaties=True)
    _notify(request, applicatie, "create")
    _changed()
    return applicatie


def current_data(applicatie: Applicatie) -> ApplicatieData:
    return ApplicatieData(
        client_ids=applicatie.client_id_list,
        label=applicatie.label,
        heeft_alle_autorisaties=applicatie.heeft_alle_autorisaties,
        alleen_is_gereed_voor_publicatie=applicatie.alleen_is_gereed_voor_publicatie,
        autorisaties=[
            AutorisatieData(
                component=a.component,
                scopes=list(a.scopes),
                zaaktype=a.zaaktype,
                informatieobjecttype=a.informatieobjecttype,
                besluittype=a.besluittype,
                max_vertrouwelijkheidaanduiding=a.max_vertrouwelijkheidaanduiding,
            )
            for a in applicatie.autorisaties.all()
        ],
    )


@transaction.atomic
def update_applicatie(applicatie: Applicatie, changes: dict, *, partial: bool, request=None) -> Applicatie:
    """PUT/PATCH. ``changes`` holds ApplicatieData attributes; given ``autorisaties`` replace the existing ones."""
    merged = current_data(applicatie) if partial else ApplicatieData(client_ids=[], label="")
    for name, value in changes.items():
        setattr(merged, name, value)
    _validate(merged, applicatie)
    applicatie.label = merged.label
    applicatie.heeft_alle_autorisaties = merged.heeft_alle_autorisaties
    applicatie.alleen_is_gereed_voor_publicatie = merged.alleen_is_gereed_voor_publicatie
    applicatie.save()
    _write_relations(applicatie, merged, replace_autorisaties=(not partial) or "autorisaties" in changes)
    _notify(request, applicatie, "partial_update" if partial else "update")
    _changed()
    return applicatie


@transaction.atomic
def delete_applicatie(applicatie: Applicatie, *, request=None) -> None:
    url = object_url(request, applicatie)
    applicatie.delete()
    _notify(request, applicatie, "destroy", url=url)
    _changed()


@transaction.atomic
def set_client_credential(client_id: str, secret: str) -> ClientCredential:
    credential, _ = ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": secret})
    _changed()
    return credential


@transaction.atomic
def ensure_client(
    client_id: str,
    secret: str,
    *,
    label: str | None = None,
    heeft_alle_autorisaties: bool = False,
    autorisaties: list[AutorisatieData] | None = None,
    alleen_is_gereed_voor_publicatie: bool = False,
) -> Applicatie:
    """Create or update the credential and the applicatie of ``client_id`` (management commands, quickstart)."""
    set_client_credential(client_id, secret)
    data = ApplicatieData(
        client_ids=[client_id],
        label=label or client_id,
        heeft_alle_autorisaties=heeft_alle_autorisaties,
        autorisaties=autorisaties or [],
        alleen_is_gereed_voor_publicatie=alleen_is_gereed_voor_publicatie,
    )
    existing = Applicatie.objects.filter(client_identifiers__client_id=client_id).first()
    if existing is None:
        return create_applicatie(data)
    data.client_ids = existing.client_id_list
    return update_applicatie(existing, data.__dict__, partial=False)
