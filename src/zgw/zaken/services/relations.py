"""Zaakinformatieobjecten (zrc-003..005, zrc-017, mirrored in the Documenten API) and zaakbesluiten (the
mirror of brc-006)."""

from __future__ import annotations

from zgw.common.errors import NON_FIELD, collect_errors
from zgw.common.references import (
    RemoteFetchError,
    json_of,
    match_local,
    remote_call,
    results_of,
)

from .. import typeinfo
from ..models import (
    Zaak,
    ZaakBesluit,
    ZaakInformatieObject,
)
from .common import Render, _log, destroy_sub, error, save_sub, sub_url, zaak_url


def _remote_api_root(url: str) -> str:
    marker = "/enkelvoudiginformatieobjecten/"
    return url.split(marker)[0] if marker in url else url.rsplit("/", 2)[0]


def _mirror_zio(zio: ZaakInformatieObject, request) -> None:
    url = zaak_url(request, zio.zaak)
    if zio.informatieobject is not None:
        from zgw.documenten.relations import link_object

        link_object(informatieobject=zio.informatieobject, object_type="zaak", object_url=url, zaak=zio.zaak)
        return
    root = _remote_api_root(zio.informatieobject_url)
    body = {"informatieobject": zio.informatieobject_url, "object": url, "objectType": "zaak"}
    try:
        remote_call("POST", f"{root}/objectinformatieobjecten", json=body, ok=(200, 201))
    except RemoteFetchError:
        raise error(
            "informatieobject", "De relatie kon niet gespiegeld worden in de Documenten API.", "pending-relations"
        )


def _unmirror_zio(zio: ZaakInformatieObject, request) -> None:
    url = zaak_url(request, zio.zaak)
    if zio.informatieobject is not None:
        from zgw.documenten.relations import unlink_object

        unlink_object(informatieobject=zio.informatieobject, object_type="zaak", object_url=url)
        return
    root = _remote_api_root(zio.informatieobject_url)
    query = {"informatieobject": zio.informatieobject_url, "object": url}
    try:
        found = remote_call("GET", f"{root}/objectinformatieobjecten", params=query)
        for item in results_of(json_of(found), strict=True):
            remote_call("DELETE", item["url"], ok=(200, 204, 404))
    except (RemoteFetchError, KeyError, TypeError):
        raise error(
            "informatieobject", "De relatie kon niet verwijderd worden in de Documenten API.", "pending-relations"
        )


def _informatieobjecttype_of(ref, request):
    """(local InformatieObjectType or None, URL) of the document behind a ZIO reference."""
    if ref.obj is not None:
        return ref.obj.informatieobjecttype, ref.obj.informatieobjecttype_url
    url = (ref.data or {}).get("informatieobjecttype") or ""
    match = match_local(url, request) if isinstance(url, str) and url else None
    if match is not None and match.model is not None and match.uuid:
        return match.model._default_manager.filter(uuid=match.uuid).first(), url
    return None, url if isinstance(url, str) else ""


def validate_zrc_017_informatieobjecttype(zaak: Zaak, ref, request) -> None:
    """zrc-017: the document's informatieobjecttype must be one of the zaaktype's informatieobjecttypen.

    Local types are compared per version (same catalogus + omschrijving, as the zaaktype lists them); a local type
    and a remote one can never belong to the same catalogus.
    """
    iot, iot_url = _informatieobjecttype_of(ref, request)
    if zaak.zaaktype is not None:
        allowed = iot is not None and (
            zaak.zaaktype.ziots.filter(
                informatieobjecttype__catalogus_id=getattr(iot, "catalogus_id", None),
                informatieobjecttype__omschrijving=getattr(iot, "omschrijving", None),
            ).exists()
        )
    else:
        listed = typeinfo.remote(zaak.zaaktype_url).get("informatieobjecttypen") or []
        allowed = iot is None and bool(iot_url) and iot_url in listed
    if not allowed:
        raise error(
            "nonFieldErrors",
            "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.",
            "missing-zaaktype-informatieobjecttype-relation",
        )


def create_zio(values: dict, *, request, render: Render) -> ZaakInformatieObject:
    zaak: Zaak = values["zaak"].obj
    ref = values["informatieobject"]
    if zaak.archiefstatus != "nog_te_archiveren":
        raise error(
            "nonFieldErrors",
            "De archiefstatus van de zaak moet 'nog_te_archiveren' zijn.",
            "zaak-archiefstatus-invalid",
        )
    with collect_errors() as errors:
        exists = ZaakInformatieObject.objects.filter(zaak=zaak)
        exists = (
            exists.filter(informatieobject=ref.obj)
            if ref.obj is not None
            else exists.filter(informatieobject_url=ref.url)
        )
        if exists.exists():
            errors.add(NON_FIELD, "De velden zaak, informatieobject moeten een unieke set zijn.", "unique")
        with errors.check():
            validate_zrc_017_informatieobjecttype(zaak, ref, request)
    zio = ZaakInformatieObject(
        zaak=zaak,
        informatieobject=ref.obj,
        informatieobject_url="" if ref.obj is not None else ref.url,
        titel=values.get("titel", ""),
        beschrijving=values.get("beschrijving", ""),
        vernietigingsdatum=values.get("vernietigingsdatum"),
        status=_status_of(values.get("status"), zaak),
    )
    save_sub(zio, zaak=zaak, resource="zaakinformatieobject", request=request, render=render, actie="create")
    _mirror_zio(zio, request)
    return zio


def _status_of(ref, zaak: Zaak):
    if ref is None:
        return None
    if ref.obj.zaak_id != zaak.pk:
        raise error("status", "De status hoort niet bij deze zaak.", "zaak-mismatch")
    return ref.obj


def update_zio(zio: ZaakInformatieObject, values: dict, *, request, render: Render, partial: bool) -> None:
    oud = render(zio)
    if "zaak" in values and values["zaak"].obj.pk != zio.zaak_id:
        raise error("zaak", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    if "informatieobject" in values:
        ref = values["informatieobject"]
        same = (ref.obj is not None and ref.obj.pk == zio.informatieobject_id) or (
            ref.obj is None and ref.url == zio.informatieobject_url
        )
        if not same:
            raise error("informatieobject", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    for name in ("titel", "beschrijving", "vernietigingsdatum"):
        if name in values:
            setattr(zio, name, values[name])
    if "status" in values:
        zio.status = _status_of(values["status"], zio.zaak)
    actie = "partial_update" if partial else "update"
    save_sub(zio, zaak=zio.zaak, resource="zaakinformatieobject", request=request, render=render, actie=actie, oud=oud)


def destroy_zio(zio: ZaakInformatieObject, *, request, render: Render) -> None:
    _unmirror_zio(zio, request)
    destroy_sub(zio, zaak=zio.zaak, resource="zaakinformatieobject", request=request, render=render)


def zaak_has_informatieobject(object_url: str, informatieobject_url: str, request) -> bool:
    """drc-004 checker registered with common.relations: does this zaak link this document?"""
    zaak_match = match_local(object_url, request)
    if zaak_match is None or not zaak_match.uuid:
        return False
    qs = ZaakInformatieObject.objects.filter(zaak__uuid=zaak_match.uuid)
    io_match = match_local(informatieobject_url, request)
    if io_match is not None:
        return qs.filter(informatieobject__uuid=io_match.uuid).exists()
    return qs.filter(informatieobject_url=informatieobject_url).exists()


def _zaakbesluit_body(request, obj: ZaakBesluit) -> dict:
    return {"url": sub_url(request, obj), "uuid": str(obj.uuid), "besluit": obj.besluit_url}


def link_besluit(*, zaak: Zaak, besluit_url: str, besluit=None, request=None, new: bool = False) -> ZaakBesluit:
    """The ZaakBesluit mirror of ``besluit.zaak`` (brc-006), written by the Besluiten API.

    With ``request`` the new relation is also written to the zaak's audit trail (a change to a related object);
    ``new``: the besluit was created in this transaction, so there is no mirror to look for.
    """
    existing = None if new else ZaakBesluit.objects.filter(zaak=zaak, besluit_url=besluit_url).first()
    if existing is not None:
        return existing
    obj = ZaakBesluit.objects.create(zaak=zaak, besluit=besluit, besluit_url=besluit_url)
    if request is not None:
        _log(request, zaak, "zaakbesluit", sub_url(request, obj), "create", None, _zaakbesluit_body(request, obj), 201)
    return obj


def create_zaakbesluit_direct(zaak: Zaak, besluit_url: str, request, render: Render | None = None) -> ZaakBesluit:
    """A consumer POST on /zaken/{uuid}/besluiten: a local besluit must already point at this zaak.

    A newly stored relation is written to the zaak's audit trail (common.md: every create is logged).
    """
    match = match_local(besluit_url, request)
    besluit = None
    if match is not None:
        besluit = match.model._default_manager.filter(uuid=match.uuid).first() if match.model and match.uuid else None
        if besluit is None or getattr(besluit, "zaak_id", None) != zaak.pk:
            raise error("besluit", "Het besluit verwijst niet naar deze zaak.", "inconsistent-relation")
    existed = ZaakBesluit.objects.filter(zaak=zaak, besluit_url=besluit_url).exists()
    obj = link_besluit(zaak=zaak, besluit_url=besluit_url, besluit=besluit)
    if render is not None and not existed:
        _log(request, zaak, "zaakbesluit", sub_url(request, obj), "create", None, render(obj), 201)
    return obj


def destroy_zaakbesluit_direct(zaakbesluit: ZaakBesluit, request=None, render: Render | None = None) -> None:
    besluit = zaakbesluit.besluit
    if besluit is not None and getattr(besluit, "zaak_id", None) == zaakbesluit.zaak_id:
        raise error("nonFieldErrors", "Het besluit verwijst nog naar deze zaak.", "inconsistent-relation")
    url = sub_url(request, zaakbesluit)
    oud = render(zaakbesluit) if render is not None else None
    zaakbesluit.delete()
    if render is not None:
        _log(request, zaakbesluit.zaak, "zaakbesluit", url, "destroy", oud, None, 204)


def unlink_besluit(*, zaak: Zaak, besluit_url: str, request=None) -> None:
    for obj in ZaakBesluit.objects.filter(zaak=zaak, besluit_url=besluit_url):
        if request is not None:
            body = _zaakbesluit_body(request, obj)
            _log(request, zaak, "zaakbesluit", body["url"], "destroy", body, None, 204)
        obj.delete()
