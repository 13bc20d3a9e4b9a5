"""Writing audit trail entries (common.md §10)."""

from __future__ import annotations

from .models import AuditTrail

ACTIE_WEERGAVE = {
    "create": "Object aangemaakt",
    "update": "Object bijgewerkt",
    "partial_update": "Object deels bijgewerkt",
    "destroy": "Object verwijderd",
    "list": "Lijst van objecten opgehaald",
    "retrieve": "Object opgehaald",
}


def record(
    request,
    *,
    bron: str,
    actie: str,
    resultaat: int,
    hoofd_object: str,
    hoofd_object_uuid,
    resource: str,
    resource_url: str,
    resource_weergave: str = "",
    oud: dict | None = None,
    nieuw: dict | None = None,
) -> AuditTrail:
    """Record one change, attributed to the client and end user of ``request``."""
    user = getattr(request, "user", None)
    client = getattr(request, "auth", None)
    headers = getattr(request, "headers", {})
    return AuditTrail.objects.create(
        bron=bron,
        applicatie_id=(
            client.applicatie_uuid if client and client.applicatie_uuid else getattr(user, "client_id", "")
        )
        or "",
        applicatie_weergave=(client.label if client else "")[:200],
        gebruikers_id=getattr(user, "user_id", "") or "",
        gebruikers_weergave=getattr(user, "user_representation", "") or "",
        actie=actie,
        actie_weergave=ACTIE_WEERGAVE.get(actie, actie),
        resultaat=resultaat,
        hoofd_object=hoofd_object,
        hoofd_object_uuid=hoofd_object_uuid,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=(resource_weergave or "")[:200],
        toelichting=headers.get("X-Audit-Toelichting", "") or "",
        logrecord_id=headers.get("X-NLX-Logrecord-ID", "") or "",
        oud=oud,
        nieuw=nieuw,
    )


def delete_for(bron: str, hoofd_object_uuid) -> None:
    """Remove the audit trail of a main object that is destroyed (zrc-023, drc-008, brc-009)."""
    AuditTrail.objects.filter(bron=bron, hoofd_object_uuid=hoofd_object_uuid).delete()
