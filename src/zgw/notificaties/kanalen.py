"""The kanalen this server publishes on (notificaties.md §6, common.md §13)."""

from __future__ import annotations

from dataclasses import dataclass

from . import conf


@dataclass(frozen=True)
class KanaalSpec:
    naam: str
    filters: tuple[str, ...]
    docs_path: str

    @property
    def documentatie_link(self) -> str:
        return f"{conf.KANAAL_DOCS_URL.rstrip('/')}/{self.docs_path}"


KANALEN: tuple[KanaalSpec, ...] = (
    KanaalSpec("zaken", ("bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"), "zaken/index#notificaties"),
    KanaalSpec(
        "documenten",
        ("bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"),
        "documenten/index#notificaties",
    ),
    KanaalSpec("besluiten", ("verantwoordelijke_organisatie", "besluittype"), "besluiten/index#notificaties"),
    KanaalSpec("zaaktypen", ("catalogus",), "catalogi/index#notificaties"),
    KanaalSpec("besluittypen", ("catalogus",), "catalogi/index#notificaties"),
    KanaalSpec("informatieobjecttypen", ("catalogus",), "catalogi/index#notificaties"),
    KanaalSpec("autorisaties", (), "autorisaties/index#notificaties"),
)
