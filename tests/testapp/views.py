from django_filters import rest_framework as filters
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from zgw.common import outbox
from zgw.common.filters import URLReferenceFilter, ZGWFilterSet
from zgw.common.permissions import Scope, authorised_filter, is_allowed_for, required_scope
from zgw.common.references import object_url
from zgw.common.serializers import CamelModelSerializer, SelfURLField, URLReferenceField
from zgw.common.viewsets import RetrieveWithETagMixin, ZGWGenericViewSet

from .models import Thing, ThingType


class ThingSerializer(CamelModelSerializer):
    url = SelfURLField("testapi", "things")
    thingtype = URLReferenceField(
        model=ThingType, collection=("testapi", "thingtypes"), url_field="thingtype_url"
    )

    class Meta:
        model = Thing
        fields = ("url", "naam", "thingtype", "vertrouwelijkheidaanduiding")


class ThingFilter(ZGWFilterSet):
    thingtype = URLReferenceFilter(field_name="thingtype", remote_field="thingtype_url")
    naam = filters.CharFilter()

    class Meta:
        model = Thing
        fields: list[str] = []


class ThingViewSet(RetrieveWithETagMixin, ZGWGenericViewSet):
    serializer_class = ThingSerializer
    filterset_class = ThingFilter
    component = "zrc"
    etag_enabled = True
    required_scopes = {
        "list": Scope("zaken.lezen"),
        "retrieve": Scope("zaken.lezen"),
        "create": Scope("zaken.aanmaken"),
    }

    def get_queryset(self):
        qs = Thing.objects.select_related("thingtype")
        if self.action == "list":
            condition = authorised_filter(
                self.request.auth,
                "zrc",
                required_scope(self),
                local_type_field="thingtype",
                remote_type_field="thingtype_url",
                vertrouwelijkheid_field="vertrouwelijkheidaanduiding",
                request=self.request,
            )
            if condition is not None:
                qs = qs.filter(condition)
        return qs

    def get_autorisatie_subject(self, obj):
        url = obj.thingtype_url or object_url(self.request, obj.thingtype)
        return url, obj.vertrouwelijkheidaanduiding

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ref = data["thingtype"]
        if not is_allowed_for(
            request.auth, "zrc", required_scope(self), ref.url, data["vertrouwelijkheidaanduiding"], request
        ):
            raise exceptions.PermissionDenied()
        thing = Thing.objects.create(
            naam=data["naam"],
            thingtype=ref.obj,
            thingtype_url="" if ref.obj else ref.url,
            vertrouwelijkheidaanduiding=data["vertrouwelijkheidaanduiding"],
        )
        url = object_url(request, thing)
        outbox.publish(kanaal="things", hoofd_object=url, resource="thing", resource_url=url, actie="create")
        if data["naam"] == "explode-after-write":
            raise serializers.ValidationError({"naam": ["rolled back"]})
        body = self.get_serializer(thing).data
        return Response(body, status=status.HTTP_201_CREATED, headers=self.get_success_headers(body))
