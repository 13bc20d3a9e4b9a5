"""Reads of the Documenten API: querysets with their joins and the autorisatie filter in SQL."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound, ValidationError

from zgw.catalogi.models import InformatieObjectType
from zgw.common.permissions import ScopeExpr, authorised_filter, publication_limited

from .models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
    ObjectInformatieObject,
    Verzending,
)

COMPONENT = "drc"


def authorised(client, scope: ScopeExpr | None, prefix: str = "", request=None) -> Q | None:
    """The SQL condition on documents (or on rows with an ``informatieobject`` FK via ``prefix``): the client's
    types and levels, and for an application with ``alleenIsGereedVoorPublicatie`` on a read only documents with
    ``isGereedVoorPublicatie = true`` (Autorisaties 1.1.0)."""
    condition = authorised_filter(
        client,
        COMPONENT,
        scope,
        local_type_field=f"{prefix}informatieobjecttype",
        remote_type_field=f"{prefix}informatieobjecttype_url",
        vertrouwelijkheid_field=f"{prefix}vertrouwelijkheidaanduiding",
        request=request,
        type_model=InformatieObjectType,
    )
    if not publication_limited(client, scope):
        return condition
    ready = Q(**{f"{prefix}is_gereed_voor_publicatie": True})
    return ready if condition is None else condition & ready


def _restrict(qs: QuerySet, condition: Q | None) -> QuerySet:
    return qs if condition is None else qs.filter(condition)


def documents() -> QuerySet[EnkelvoudigInformatieObject]:
    return EnkelvoudigInformatieObject.objects.select_related(
        "latest_version", "informatieobjecttype", "latest_version__informatieobjecttype"
    ).prefetch_related(Prefetch("bestandsdelen", queryset=BestandsDeel.objects.order_by("volgnummer")))


def visible_documents(client, scope, request=None) -> QuerySet[EnkelvoudigInformatieObject]:
    return _restrict(documents(), authorised(client, scope, request=request)).order_by("-id")


def gebruiksrechten(client=None, scope=None, request=None) -> QuerySet[Gebruiksrechten]:
    qs = Gebruiksrechten.objects.select_related("informatieobject", "informatieobject__informatieobjecttype")
    return _restrict(qs, authorised(client, scope, "informatieobject__", request)) if client is not None else qs


def objectinformatieobjecten(client=None, scope=None, request=None) -> QuerySet[ObjectInformatieObject]:
    qs = ObjectInformatieObject.objects.select_related("informatieobject", "informatieobject__informatieobjecttype")
    return _restrict(qs, authorised(client, scope, "informatieobject__", request)) if client is not None else qs


def verzendingen(client=None, scope=None, request=None) -> QuerySet[Verzending]:
    qs = Verzending.objects.select_related("informatieobject", "informatieobject__informatieobjecttype")
    return _restrict(qs, authorised(client, scope, "informatieobject__", request)) if client is not None else qs


def version_for(document: EnkelvoudigInformatieObject, query_params) -> EnkelvoudigInformatieObjectVersie:
    """The version asked for by ``?versie=`` or ``?registratieOp=`` (default: the latest); 404 if none."""
    versie = query_params.get("versie")
    registratie_op = query_params.get("registratieOp")
    if not versie and not registratie_op:
        return document.latest_version
    qs = EnkelvoudigInformatieObjectVersie.objects.select_related("informatieobjecttype").filter(document=document)
    if versie:
        try:
            number = int(versie)
        except ValueError:
            raise ValidationError({"versie": ["Voer een geheel getal in."]})
        qs = qs.filter(versie=number)
    if registratie_op:
        try:
            # an unencoded "+01:00" offset arrives as " 01:00"
            moment = parse_datetime(registratie_op.strip().replace(" ", "+"))
        except ValueError:
            moment = None
        if moment is None:
            raise ValidationError({"registratieOp": ["Voer een geldige datum/tijd in."]})
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        qs = qs.filter(begin_registratie__lte=moment)
    found = qs.order_by("-begin_registratie", "-versie").first()
    if found is None:
        raise NotFound("De gevraagde versie bestaat niet.")
    return found


def bestandsdelen() -> QuerySet[BestandsDeel]:
    return BestandsDeel.objects.select_related("informatieobject", "informatieobject__informatieobjecttype")


def with_expanded_document(qs: QuerySet) -> QuerySet:
    """Join what ``expand=informatieobject`` renders (current version, its type, the parts) for a whole page."""
    return qs.select_related(
        "informatieobject__latest_version", "informatieobject__latest_version__informatieobjecttype"
    ).prefetch_related(
        Prefetch("informatieobject__bestandsdelen", queryset=BestandsDeel.objects.order_by("volgnummer"))
    )
