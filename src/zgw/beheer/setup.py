"""Declarative set-up: apply a YAML file describing a deployment, idempotently.

```yaml
site:
  base_url: https://zgw.example.nl
applicaties:
  - label: Zaaksysteem
    client_ids: [zaaksysteem]
    secret: ${ZAAKSYSTEEM_SECRET}          # ${VAR} is read from the environment
    heeft_alle_autorisaties: false
    autorisaties:
      - component: zrc
        scopes: [zaken.lezen, zaken.aanmaken]
        zaaktype: https://zgw.example.nl/catalogi/api/v1/zaaktypen/<uuid>
        max_vertrouwelijkheidaanduiding: zaakvertrouwelijk
services:
  - label: Documenten API elders
    api_root: https://drc.example.nl/api/v1/
    auth_type: zgw                         # zgw | api_key | none
    client_id: zgw-server
    secret: ${DRC_SECRET}
notificaties:
  kanalen:
    - naam: zaken
      documentatie_link: https://example.nl/kanalen/zaken
      filters: [bronorganisatie, zaaktype, vertrouwelijkheidaanduiding]
  abonnementen:
    - callback_url: https://ontvanger.example.nl/callback
      auth: Bearer ${CALLBACK_TOKEN}
      kanalen:
        - naam: zaken
          filters: {bronorganisatie: "123456782"}
```

Applicaties are matched by their client ids, services by ``api_root``, kanalen by ``naam`` and abonnementen by
``callback_url``: applying the same file twice changes nothing the second time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.db import transaction

from zgw.autorisaties import services as ac_services
from zgw.autorisaties.models import Applicatie
from zgw.autorisaties.services import ApplicatieData, AutorisatieData
from zgw.common.models import Service, SiteConfiguration
from zgw.common.references import forget_configured_base_url

_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class SetupError(Exception):
    pass


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def note(self, outcome: str, what: str) -> None:
        getattr(self, outcome).append(what)


def _interpolate(value: Any) -> Any:
    if isinstance(value, str):
        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in os.environ:
                raise SetupError(f"environment variable {name} is not set")
            return os.environ[name]

        return _ENV.sub(replace, value)
    if isinstance(value, list):
        return [_interpolate(item) for item in value]
    if isinstance(value, dict):
        return {key: _interpolate(item) for key, item in value.items()}
    return value


def load(text: str) -> dict:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise SetupError("the set-up file must be a mapping")
    return _interpolate(data)


def _apply_site(site: dict, report: Report) -> None:
    config = SiteConfiguration.get()
    base_url = (site.get("base_url") or "").rstrip("/")
    if config.base_url == base_url:
        report.note("unchanged", "site")
        return
    config.base_url = base_url
    config.save()
    forget_configured_base_url()
    report.note("updated", "site")


def _applicatie_data(item: dict) -> ApplicatieData:
    return ApplicatieData(
        client_ids=list(item.get("client_ids") or []),
        label=item.get("label") or (item.get("client_ids") or ["?"])[0],
        heeft_alle_autorisaties=bool(item.get("heeft_alle_autorisaties", False)),
        autorisaties=[
            AutorisatieData(
                component=a["component"],
                scopes=list(a.get("scopes") or []),
                zaaktype=a.get("zaaktype", ""),
                informatieobjecttype=a.get("informatieobjecttype", ""),
                besluittype=a.get("besluittype", ""),
                max_vertrouwelijkheidaanduiding=a.get("max_vertrouwelijkheidaanduiding", ""),
            )
            for a in item.get("autorisaties") or []
        ],
    )


def _apply_applicatie(item: dict, report: Report) -> None:
    data = _applicatie_data(item)
    if not data.client_ids:
        raise SetupError(f"applicatie {data.label!r} has no client_ids")
    credentials = dict(item.get("credentials") or {})
    if item.get("secret"):
        credentials.update({client_id: item["secret"] for client_id in data.client_ids if client_id not in credentials})
    for client_id, secret in credentials.items():
        ac_services.set_client_credential(client_id, str(secret))
    existing = Applicatie.objects.filter(client_identifiers__client_id__in=data.client_ids).distinct().first()
    if existing is None:
        ac_services.create_applicatie(data)
        report.note("created", f"applicatie {data.label}")
        return
    if ac_services.current_data(existing) == data:
        report.note("unchanged", f"applicatie {data.label}")
        return
    ac_services.update_applicatie(existing, data.__dict__, partial=False)
    report.note("updated", f"applicatie {data.label}")


SERVICE_FIELDS = ("label", "auth_type", "client_id", "secret", "header_key", "header_value")


def _apply_service(item: dict, report: Report) -> None:
    api_root = item.get("api_root")
    if not api_root:
        raise SetupError(f"service {item.get('label', '?')!r} has no api_root")
    values = {name: item.get(name, "") for name in SERVICE_FIELDS}
    values["auth_type"] = values["auth_type"] or Service.AuthType.zgw
    values["label"] = values["label"] or api_root
    service = Service.objects.filter(api_root=api_root).first()
    if service is None:
        Service.objects.create(api_root=api_root, **values)
        report.note("created", f"service {api_root}")
        return
    if all(getattr(service, name) == value for name, value in values.items()):
        report.note("unchanged", f"service {api_root}")
        return
    for name, value in values.items():
        setattr(service, name, value)
    service.save()
    report.note("updated", f"service {api_root}")


@transaction.atomic
def apply(data: dict) -> Report:
    """Apply a parsed set-up file in one transaction; nothing is changed when any part is invalid."""
    report = Report()
    if "site" in data:
        _apply_site(data["site"] or {}, report)
    for item in data.get("applicaties") or []:
        _apply_applicatie(item, report)
    for item in data.get("services") or []:
        _apply_service(item, report)
    if data.get("notificaties"):
        from . import setup_notificaties

        setup_notificaties.apply(data["notificaties"], report)
    return report
