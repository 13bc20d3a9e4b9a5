"""Problem-JSON for every error, pagination, headers, ETag/HEAD, query-parameter validation (common.md §5-9)."""

import uuid

import pytest
import responses

from tests.testapp.models import Thing, ThingType
from zgw.common.models import OutboxMessage

THINGS = "/testapi/api/v1/things"


@pytest.fixture
def thingtype(db):
    return ThingType.objects.create(omschrijving="A")


def type_url(thingtype):
    return f"http://testserver/testapi/api/v1/thingtypes/{thingtype.uuid}"


def make_things(thingtype, count):
    Thing.objects.bulk_create(
        Thing(naam=f"t{i}", thingtype=thingtype, vertrouwelijkheidaanduiding="openbaar") for i in range(count)
    )


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].endswith("/")
    return body


# --- errors -----------------------------------------------------------------------------------------------------


def test_path_id_that_is_no_uuid_is_a_problem_404(superuser_client):
    body = problem(superuser_client.get(f"{THINGS}/not-a-uuid"), 404)
    assert body["code"] == "not_found"


def test_unknown_uuid_is_404(superuser_client):
    assert problem(superuser_client.get(f"{THINGS}/{uuid.uuid4()}"), 404)["code"] == "not_found"


def test_405_comes_before_authentication(anonymous_client, db):
    body = problem(anonymous_client.delete(THINGS), 405)
    assert body["code"] == "method_not_allowed"


def test_406_for_unsatisfiable_accept(superuser_client, db):
    body = problem(superuser_client.get(THINGS, HTTP_ACCEPT="application/xml"), 406)
    assert body["code"] == "not_acceptable"


def test_415_for_a_non_json_body(superuser_client, thingtype):
    response = superuser_client.generic("POST", THINGS, "naam=x", content_type="text/plain")
    assert problem(response, 415)["code"] == "unsupported_media_type"


def test_malformed_json_is_400_parse_error(superuser_client, thingtype):
    response = superuser_client.generic("POST", THINGS, "{not json", content_type="application/json")
    body = problem(response, 400)
    assert body["code"] == "parse_error"
    assert body["invalidParams"][0]["code"] == "parse_error"


def test_json_body_that_is_no_object_is_400(superuser_client, thingtype):
    body = problem(superuser_client.post(THINGS, [1, 2], format="json"), 400)
    assert body["code"] == "invalid"
    assert body["invalidParams"][0]["name"] == "nonFieldErrors"


def test_validation_errors_have_camelcase_names_and_codes(superuser_client, thingtype):
    body = problem(
        superuser_client.post(THINGS, {"naam": "x" * 41, "thingtype": "no url"}, format="json"), 400
    )
    params = {p["name"]: p["code"] for p in body["invalidParams"]}
    assert params == {"naam": "max_length", "thingtype": "bad-url", "vertrouwelijkheidaanduiding": "required"}
    assert body["title"] and body["detail"] and body["instance"].startswith("urn:uuid:")


def test_api_version_header_on_errors_too(anonymous_client, db):
    response = anonymous_client.get("/autorisaties/api/v1/applicaties/not-a-uuid")
    assert response.status_code == 404
    assert response["API-version"] == "1.1.0"


def test_unknown_query_parameter_is_400(superuser_client, db):
    body = problem(superuser_client.get(THINGS, {"bogus": "1"}), 400)
    assert body["invalidParams"] == [
        {"name": "nonFieldErrors", "code": "unknown-parameters", "reason": body["invalidParams"][0]["reason"]}
    ]
    assert "bogus" in body["invalidParams"][0]["reason"]


def test_malformed_url_filter_is_400(superuser_client, db):
    body = problem(superuser_client.get(THINGS, {"thingtype": "no-url"}), 400)
    assert body["invalidParams"][0]["name"] == "thingtype"


def test_url_filter_that_resolves_to_nothing_gives_empty_result(superuser_client, thingtype):
    make_things(thingtype, 2)
    missing = f"http://testserver/testapi/api/v1/thingtypes/{uuid.uuid4()}"
    assert superuser_client.get(THINGS, {"thingtype": missing}).json()["count"] == 0
    assert superuser_client.get(THINGS, {"thingtype": type_url(thingtype)}).json()["count"] == 2


# --- pagination -------------------------------------------------------------------------------------------------


def test_pagination_shape_and_links(superuser_client, thingtype):
    make_things(thingtype, 150)
    first = superuser_client.get(THINGS, {"naam": ""}).json()
    assert first["count"] == 150
    assert len(first["results"]) == 100
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/testapi/api/v1/things?") and "page=2" in first["next"]
    second = superuser_client.get(first["next"]).json()
    assert len(second["results"]) == 50 and second["next"] is None
    assert superuser_client.get(THINGS, {"page": 1}).json() == superuser_client.get(THINGS).json()


def test_page_beyond_the_end_is_404(superuser_client, thingtype):
    make_things(thingtype, 3)
    assert problem(superuser_client.get(THINGS, {"page": 5}), 404)["code"] == "not_found"


# --- headers ----------------------------------------------------------------------------------------------------


def test_location_header_on_201(superuser_client, thingtype):
    response = superuser_client.post(
        THINGS, {"naam": "x", "thingtype": type_url(thingtype), "vertrouwelijkheidaanduiding": "openbaar"}
    )
    assert response.status_code == 201
    assert response["Location"] == response.json()["url"]
    assert response.json()["url"].startswith("http://testserver/testapi/api/v1/things/")


def test_urls_follow_the_configured_base_url(superuser_client, thingtype, settings):
    settings.ZGW_BASE_URL = "https://zgw.example.nl"
    response = superuser_client.post(
        THINGS, {"naam": "x", "thingtype": type_url(thingtype), "vertrouwelijkheidaanduiding": "openbaar"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["url"].startswith("https://zgw.example.nl/testapi/api/v1/things/")
    assert (
        response.json()["thingtype"] == f"https://zgw.example.nl/testapi/api/v1/thingtypes/{thingtype.uuid}"
    )


def test_urls_follow_forwarded_host_behind_a_proxy(superuser_client, thingtype, settings):
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["testserver", "zaken.gemeente.nl"]
    make_things(thingtype, 1)
    body = superuser_client.get(THINGS, HTTP_X_FORWARDED_HOST="zaken.gemeente.nl").json()
    assert body["results"][0]["url"].startswith("http://zaken.gemeente.nl/testapi/api/v1/things/")


def test_etag_and_if_none_match(superuser_client, thingtype):
    make_things(thingtype, 1)
    thing = Thing.objects.get()
    response = superuser_client.get(f"{THINGS}/{thing.uuid}")
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    cached = superuser_client.get(f"{THINGS}/{thing.uuid}", HTTP_IF_NONE_MATCH=f'"other", {etag}')
    assert cached.status_code == 304 and cached.content == b""
    Thing.objects.filter(pk=thing.pk).update(naam="changed")
    assert superuser_client.get(f"{THINGS}/{thing.uuid}", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_etag_depends_on_the_host(superuser_client, thingtype, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    make_things(thingtype, 1)
    thing = Thing.objects.get()
    one = superuser_client.get(f"{THINGS}/{thing.uuid}")["ETag"]
    two = superuser_client.get(f"{THINGS}/{thing.uuid}", HTTP_HOST="other.example")["ETag"]
    assert one != two


def test_head_returns_the_headers_without_body(superuser_client, thingtype):
    make_things(thingtype, 1)
    thing = Thing.objects.get()
    get = superuser_client.get(f"{THINGS}/{thing.uuid}")
    head = superuser_client.head(f"{THINGS}/{thing.uuid}")
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head.content == b""


# --- transactions and the outbox --------------------------------------------------------------------------------


def test_outbox_row_is_written_with_the_change(superuser_client, thingtype):
    response = superuser_client.post(
        THINGS, {"naam": "x", "thingtype": type_url(thingtype), "vertrouwelijkheidaanduiding": "openbaar"}
    )
    message = OutboxMessage.objects.get(kanaal="things")
    assert message.resource_url == response.json()["url"]
    assert message.as_message()["actie"] == "create"


def test_failed_request_leaves_nothing_behind(superuser_client, thingtype):
    response = superuser_client.post(
        THINGS,
        {
            "naam": "explode-after-write",
            "thingtype": type_url(thingtype),
            "vertrouwelijkheidaanduiding": "openbaar",
        },
    )
    assert response.status_code == 400
    assert not Thing.objects.exists()
    assert not OutboxMessage.objects.filter(kanaal="things").exists()


# --- remote references ------------------------------------------------------------------------------------------

REMOTE = "https://catalogi.elders.nl/api/v1/thingtypes/3f1b7e4c-0000-4000-8000-000000000001"


@responses.activate
def test_remote_reference_is_fetched_validated_and_stored_as_url(superuser_client, db):
    responses.get(REMOTE, json={"url": REMOTE, "omschrijving": "remote"})
    response = superuser_client.post(
        THINGS, {"naam": "r", "thingtype": REMOTE, "vertrouwelijkheidaanduiding": "intern"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["thingtype"] == REMOTE
    assert Thing.objects.get().thingtype_url == REMOTE
    assert superuser_client.get(THINGS, {"thingtype": REMOTE}).json()["count"] == 1


@responses.activate
def test_remote_reference_that_does_not_answer_200_is_bad_url(superuser_client, db):
    responses.get(REMOTE, status=404)
    body = problem(
        superuser_client.post(
            THINGS, {"naam": "r", "thingtype": REMOTE, "vertrouwelijkheidaanduiding": "intern"}
        ),
        400,
    )
    assert body["invalidParams"][0] == {
        "name": "thingtype",
        "code": "bad-url",
        "reason": body["invalidParams"][0]["reason"],
    }


@responses.activate
def test_remote_reference_that_is_no_resource_is_invalid_resource(superuser_client, db):
    responses.get(REMOTE, body="<html>hello</html>", content_type="text/html")
    body = problem(
        superuser_client.post(
            THINGS, {"naam": "r", "thingtype": REMOTE, "vertrouwelijkheidaanduiding": "intern"}
        ),
        400,
    )
    assert body["invalidParams"][0]["code"] == "invalid-resource"


@responses.activate
def test_remote_fetch_uses_the_service_credentials(superuser_client, db):
    from zgw.common.models import Service

    Service.objects.create(
        label="elders",
        api_root="https://catalogi.elders.nl/api/v1/",
        client_id="wij",
        secret="geheim-geheim-geheim-geheim-geheim-geheim",
    )
    responses.get(REMOTE, json={"url": REMOTE})
    superuser_client.post(THINGS, {"naam": "r", "thingtype": REMOTE, "vertrouwelijkheidaanduiding": "intern"})
    assert responses.calls[0].request.headers["Authorization"].startswith("Bearer ")


def test_local_reference_to_missing_object_is_does_not_exist(superuser_client, db):
    missing = f"http://testserver/testapi/api/v1/thingtypes/{uuid.uuid4()}"
    body = problem(
        superuser_client.post(
            THINGS, {"naam": "r", "thingtype": missing, "vertrouwelijkheidaanduiding": "intern"}
        ),
        400,
    )
    assert body["invalidParams"][0]["code"] == "does_not_exist"


def test_local_reference_of_the_wrong_kind_is_rejected(superuser_client, thingtype):
    make_things(thingtype, 1)
    wrong_kind = f"http://testserver/testapi/api/v1/things/{Thing.objects.get().uuid}"
    body = problem(
        superuser_client.post(
            THINGS, {"naam": "r", "thingtype": wrong_kind, "vertrouwelijkheidaanduiding": "intern"}
        ),
        400,
    )
    assert body["invalidParams"][0]["code"] == "bad-url"


def test_base_url_from_the_site_configuration(superuser_client, thingtype):
    from zgw.common.models import SiteConfiguration
    from zgw.common.references import forget_configured_base_url

    SiteConfiguration.objects.create(pk=1, base_url="https://zaken.gemeente.nl/")
    forget_configured_base_url()
    make_things(thingtype, 1)
    body = superuser_client.get(THINGS).json()
    assert body["results"][0]["url"].startswith("https://zaken.gemeente.nl/testapi/api/v1/things/")
    # URLs on the configured base resolve locally
    local = f"https://zaken.gemeente.nl/testapi/api/v1/thingtypes/{thingtype.uuid}"
    assert superuser_client.get(THINGS, {"thingtype": local}).json()["count"] == 1


def test_url_filter_of_the_wrong_resource_kind_is_400(superuser_client, thingtype):
    make_things(thingtype, 1)
    thing_url = f"http://testserver/testapi/api/v1/things/{Thing.objects.get().uuid}"
    body = problem(superuser_client.get(THINGS, {"thingtype": thing_url}), 400)
    assert body["invalidParams"][0]["name"] == "thingtype"
    other_api = f"http://testserver/autorisaties/api/v1/applicaties/{uuid.uuid4()}"
    assert superuser_client.get(THINGS, {"thingtype": other_api}).status_code == 400


def test_too_large_body_is_413(superuser_client, thingtype, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = superuser_client.post(
        THINGS, {"naam": "x" * 2000, "thingtype": type_url(thingtype), "vertrouwelijkheidaanduiding": "openbaar"}
    )
    assert problem(response, 413)["code"] == "request_too_large"


def test_deleting_a_protected_object_is_409(rf, thingtype):
    from django.db.models import ProtectedError

    from zgw.common.exceptions import problem_exception_handler

    make_things(thingtype, 1)
    try:
        thingtype.delete()
    except ProtectedError as exc:
        response = problem_exception_handler(exc, {"request": rf.delete("/x")})
    assert response.status_code == 409
    assert response.data["code"] == "protected"
