"""The one renderer of an EnkelvoudigInformatieObject: detail, list, ``_zoek``, expand and the answers of writes.

The input is always a *version* (``EnkelvoudigInformatieObjectVersie``) with its ``document`` attached (the stable
URL, the lock and the bestandsdelen are the document's). ``EnkelvoudigInformatieObjectSerializer`` keeps input
validation and the schema; its ``to_representation`` is :func:`render_version`, so nothing renders a document
another way. ``_expand`` (Documenten 1.6+) is resolved for a whole page at once by :func:`render_versions`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework.fields import DateTimeField

from zgw.common.references import object_url, request_base_url

_DATETIME = DateTimeField()  # DRF's own formatting (current timezone, "Z" for UTC)


def _date(value: date | str | None) -> str | None:
    if not value:
        return None
    return value if isinstance(value, str) else value.isoformat()


def _group(value: dict | None, dates: tuple[str, ...]) -> dict | None:
    """A group attribute (ondertekening, integriteit) as the model's property gives it, its dates as text."""
    if value is None:
        return None
    return {key: (_date(item) if key in dates else item) for key, item in value.items()}


def _type_url(version, request) -> str | None:
    if version.informatieobjecttype_id is not None:
        return object_url(request, version.informatieobjecttype)
    return version.informatieobjecttype_url or None


def render_version(version, request, *, lock: bool = False) -> dict[str, Any]:
    """The JSON object of one version under its document's URL; ``lock``: with the lock (the create answer)."""
    document = version.document
    base = request_base_url(request)
    url = f"{base}/documenten/api/v1/enkelvoudiginformatieobjecten/{document.uuid}"
    parts = f"{base}/documenten/api/v1/bestandsdelen/"
    data = {
        "url": url,
        "identificatie": version.identificatie,
        "bronorganisatie": version.bronorganisatie,
        "creatiedatum": _date(version.creatiedatum),
        "titel": version.titel,
        "vertrouwelijkheidaanduiding": version.vertrouwelijkheidaanduiding,
        "auteur": version.auteur,
        "status": version.status,
        "formaat": version.formaat,
        "taal": version.taal,
        "versie": version.versie,
        "beginRegistratie": _DATETIME.to_representation(version.begin_registratie),
        "bestandsnaam": version.bestandsnaam,
        "inhoud": f"{url}/download?versie={version.versie}" if version.inhoud else None,
        "bestandsomvang": version.bestandsomvang,
        "link": version.link,
        "beschrijving": version.beschrijving,
        "ontvangstdatum": _date(version.ontvangstdatum),
        "verzenddatum": _date(version.verzenddatum),
        "indicatieGebruiksrecht": version.indicatie_gebruiksrecht,
        "verschijningsvorm": version.verschijningsvorm,
        "ondertekening": _group(version.ondertekening, ("datum",)),
        "integriteit": _group(version.integriteit, ("datum",)),
        "informatieobjecttype": _type_url(version, request),
        "locked": bool(document.lock),
        "bestandsdelen": [
            {
                "url": parts + str(part.uuid),
                "volgnummer": part.volgnummer,
                "omvang": part.omvang,
                "voltooid": part.voltooid,
                "lock": document.lock,
            }
            for part in document.bestandsdelen.all()
        ],
        "trefwoorden": [str(word) if word is not None else None for word in version.trefwoorden or []],
        "inhoudIsVervallen": version.inhoud_is_vervallen,
        "tonenAanInitiator": version.tonen_aan_initiator,
        "isGereedVoorPublicatie": version.is_gereed_voor_publicatie,
    }
    if lock:
        data["lock"] = document.lock
    return data


def latest(document):
    """The current version of ``document``, with the document attached."""
    version = document.latest_version
    version.document = document
    return version


def render_document(document, request) -> dict[str, Any]:
    """The current version of ``document`` (without ``_expand``): expand of a document, audit trail."""
    return render_version(latest(document), request)


def render_versions(versions: list, request, expand: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The JSON objects of some versions (a page, or one detail), each with ``_expand`` when ``expand`` is asked."""
    items = [render_version(version, request) for version in versions]
    if expand:
        from .expand import DOCUMENT, expand_batch

        paths = [tuple(path.split(".")) for path in sorted(expand)]
        embedded = expand_batch(DOCUMENT, versions, paths, {"request": request})
        for version, item in zip(versions, items, strict=True):
            item["_expand"] = embedded.get(id(version), {})
    return items
