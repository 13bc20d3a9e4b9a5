"""The ``notificaties`` section of a set-up file: kanalen (by naam) and abonnementen (by callback_url)."""

from __future__ import annotations

from zgw.notificaties import services
from zgw.notificaties.models import Abonnement, Kanaal
from zgw.notificaties.services import FilterGroupData


def _apply_kanaal(item: dict, report) -> None:
    naam = item["naam"]
    link = item.get("documentatie_link", "")
    filters = list(item.get("filters") or [])
    kanaal = Kanaal.objects.filter(naam=naam).first()
    if kanaal is None:
        services.create_kanaal(naam, link, filters)
        report.note("created", f"kanaal {naam}")
    elif kanaal.documentatie_link == link and list(kanaal.filters) == filters:
        report.note("unchanged", f"kanaal {naam}")
    else:
        kanaal.documentatie_link, kanaal.filters = link, filters
        kanaal.save(update_fields=["documentatie_link", "filters"])
        report.note("updated", f"kanaal {naam}")


def _groups(item: dict) -> list[FilterGroupData]:
    return [FilterGroupData(naam=k["naam"], filters=dict(k.get("filters") or {})) for k in item.get("kanalen") or []]


def _current_groups(abonnement: Abonnement) -> list[tuple[str, dict]]:
    return sorted((g.kanaal.naam, dict(g.filters)) for g in abonnement.filter_groups.select_related("kanaal"))


def _apply_abonnement(item: dict, report) -> None:
    callback_url = item["callback_url"]
    auth = item.get("auth", "")
    groups = _groups(item)
    abonnement = Abonnement.objects.filter(callback_url=callback_url, verwijderd__isnull=True).first()
    if abonnement is None:
        services.create_abonnement(callback_url, auth, groups)
        report.note("created", f"abonnement {callback_url}")
        return
    wanted = sorted((g.naam, g.filters) for g in groups)
    if abonnement.auth == auth and _current_groups(abonnement) == wanted:
        report.note("unchanged", f"abonnement {callback_url}")
        return
    changes: dict = {"kanalen": groups}
    if abonnement.auth != auth:
        changes["auth"] = auth
    services.update_abonnement(abonnement, changes)
    report.note("updated", f"abonnement {callback_url}")


def apply(section: dict, report) -> None:
    for item in section.get("kanalen") or []:
        _apply_kanaal(item, report)
    for item in section.get("abonnementen") or []:
        _apply_abonnement(item, report)
