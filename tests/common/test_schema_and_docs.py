"""Each API serves its own OpenAPI document and offline documentation pages."""

import pytest
import yaml

APIS = {
    "autorisaties": "1.0.0",
    "catalogi": "1.3.1",
    "zaken": "1.5.1",
    "documenten": "1.4.2",
    "besluiten": "1.1.0",
    "notificaties": "1.0.1",
}


@pytest.mark.parametrize("api,version", APIS.items())
def test_schema_is_served_per_api(anonymous_client, db, api, version):
    response = anonymous_client.get(f"/{api}/api/v1/schema/openapi.yaml")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["info"]["version"] == version
    # paths are relative to the one server URL, as in the official documents: servers + path is the real URL
    assert document["servers"] == [{"url": f"/{api}/api/v1"}]
    assert document["paths"] and not any(path.startswith(f"/{api}/api/") for path in document["paths"])
    as_json = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json")
    assert as_json.status_code == 200 and as_json.json()["info"]["version"] == version
    assert anonymous_client.get(f"/{api}/api/v1/openapi.yaml").status_code == 200


def test_autorisaties_schema_documents_the_zgw_conventions(anonymous_client, db):
    document = yaml.safe_load(anonymous_client.get("/autorisaties/api/v1/schema/openapi.yaml").content)
    create = document["paths"]["/applicaties"]["post"]
    assert set(create["responses"]) >= {"201", "400", "401", "403", "406", "409", "410", "415", "429", "500"}
    assert "Location" in create["responses"]["201"]["headers"]
    assert "API-version" in create["responses"]["400"]["headers"]
    assert create["security"] == [{"JWT-Claims": ["autorisaties.bijwerken"]}]
    assert document["components"]["schemas"]["ValidatieFout"]["required"][-1] == "invalidParams"


@pytest.mark.parametrize("page", ["schema/", "schema/redoc/"])
def test_documentation_pages_work_offline(anonymous_client, db, page):
    response = anonymous_client.get(f"/zaken/api/v1/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html or "/ref/redoc/redoc.standalone.js" in html
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_redoc_bundle_loads_no_remote_logo(anonymous_client, db):
    """Redoc's menu footer image points at cdn.redoc.ly in the sidecar bundle; the served copy points nowhere."""
    page = anonymous_client.get("/zaken/api/v1/schema/redoc/").content.decode()
    assert '<script src="/ref/redoc/redoc.standalone.js">' in page
    response = anonymous_client.get("/ref/redoc/redoc.standalone.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    bundle = response.content.decode()
    assert "Redoc" in bundle and "cdn.redoc.ly" not in bundle
    assert "sourceMappingURL=/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js.map" in bundle
    again = anonymous_client.get("/ref/redoc/redoc.standalone.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_browsable_api_renders_html(superuser_client):
    response = superuser_client.get("/autorisaties/api/v1/applicaties", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_error_type_pages_exist(anonymous_client, db):
    assert anonymous_client.get("/ref/fouten/ValidationError/").status_code == 200


@pytest.mark.parametrize("api", APIS)
def test_servers_plus_path_is_the_real_url(anonymous_client, superuser_client, db, api):
    """Every list operation, called at servers[0] + path (what Swagger UI and generated clients do), is answered."""
    document = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json").json()
    server = document["servers"][0]["url"]
    lists = [path for path, item in document["paths"].items() if "{" not in path and "get" in item]
    assert lists
    for path in lists:
        response = superuser_client.get(server + path)
        assert response.status_code != 404, (server + path, response.status_code)


@pytest.mark.parametrize("api", APIS)
def test_gemma_zds_client_joins_paths_with_its_api_root(anonymous_client, db, api):
    """gemma-zds-client builds an operation's URL as the API root's path + the schema path (servers ignored)."""
    from zds_client.schema import get_operation_url

    document = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json").json()
    path, item = next((p, i) for p, i in document["paths"].items() if "{" not in p and "get" in i)
    url = get_operation_url(document, item["get"]["operationId"], base_url=f"http://testserver/{api}/api/v1/")
    assert url == f"/{api}/api/v1{path}"
