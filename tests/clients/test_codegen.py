"""Code generators on every served schema, offline: openapi-python-client and datamodel-code-generator.

Both run once per session on the six documents fetched from the live server (in parallel subprocesses, into a tmp
dir). A generator that drops a response model (e.g. one behind a ``$ref`` to another host) or refuses to run fails
here; then a generated Zaken client creates, reads and patches a zaak against the live server.
"""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import attrs
import pytest
import requests
import yaml

from .conftest import APIS, LiveZGW

pytestmark = pytest.mark.django_db(transaction=True)

BIN = Path(sys.executable).parent
# per API: the operationId prefix, its retrieve suffix (as in the official document), a field of that resource
# (camelCase as served), whether it has _zoek
RESOURCE = {
    "zaken": ("zaak", "_retrieve", "identificatie", True),
    "catalogi": ("zaaktype", "_retrieve", "identificatie", False),
    "documenten": ("enkelvoudiginformatieobject", "_retrieve", "identificatie", True),
    "besluiten": ("besluit", "_read", "identificatie", False),
    "autorisaties": ("applicatie", "_read", "clientIds", False),
    "notificaties": ("kanaal", "_read", "naam", False),
}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


@dataclass
class Generated:
    """The outcome of both generators for one API."""

    schema: dict
    client_package: str
    client_run: subprocess.CompletedProcess
    models_module: str
    models_run: subprocess.CompletedProcess


@dataclass
class Codegen:
    directory: Path
    results: dict[str, Generated] = field(default_factory=dict)

    def all(self, live: LiveZGW) -> dict[str, Generated]:
        """Generate for all six APIs on first use (the schemas are fetched over the live server's socket)."""
        if self.results:
            return self.results
        config = self.directory / "opc.yaml"
        config.write_text("post_hooks: []\n")  # no formatter run: faster, and the output is imported, not read
        running = {}
        schemas = {}
        for api in APIS:
            response = requests.get(f"{live.root(api)}schema/openapi.yaml", timeout=60)
            response.raise_for_status()
            path = self.directory / f"{api}.yaml"
            path.write_bytes(response.content)
            schemas[api] = yaml.safe_load(response.content)
            opc = [BIN / "openapi-python-client", "generate", "--path", path, "--meta", "none"]
            opc += ["--output-path", self.directory / f"gen_client_{api}", "--config", config]
            dmc = [BIN / "datamodel-codegen", "--input", path, "--input-file-type", "openapi"]
            dmc += ["--output", self.directory / f"gen_models_{api}.py", "--formatters", "builtin"]
            dmc += ["--output-model-type", "pydantic_v2.BaseModel"]
            running[api] = [
                subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=self.directory)
                for cmd in (opc, dmc)
            ]
        for api, processes in running.items():
            runs = []
            for process in processes:
                output, _ = process.communicate(timeout=300)
                runs.append(subprocess.CompletedProcess(process.args, process.returncode, output))
            self.results[api] = Generated(schemas[api], f"gen_client_{api}", runs[0], f"gen_models_{api}", runs[1])
        sys.path.insert(0, str(self.directory))
        return self.results


@pytest.fixture(scope="session")
def codegen(tmp_path_factory) -> Codegen:
    generated = Codegen(tmp_path_factory.mktemp("codegen"))
    yield generated
    if str(generated.directory) in sys.path:
        sys.path.remove(str(generated.directory))


def _returned(module) -> list[type]:
    """The generated model classes an operation's ``sync`` may return (errors and the resource)."""
    return [arg for arg in _union(typing.get_type_hints(module.sync)["return"]) if attrs.has(arg)]


def _has_field(cls, name: str) -> bool:
    return attrs.has(cls) and name in attrs.fields_dict(cls)


def _operation(codegen: Codegen, package: str, name: str):
    """The generated module of one operation (the generator puts it in a folder named after its tag)."""
    (found,) = (codegen.directory / package / "api").glob(f"*/{name}.py")
    return importlib.import_module(f"{package}.api.{found.parent.name}.{name}")


def _union(hint) -> tuple:
    return typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)


def _hints(cls) -> dict:
    # generated models import their related models only for type checkers: resolve names in the models package
    models = importlib.import_module(cls.__module__.rsplit(".", 1)[0])
    return typing.get_type_hints(cls, localns=vars(models))


@pytest.mark.parametrize("api", APIS)
def test_openapi_python_client_generates_complete_client(zgw_live, codegen, api):
    result = codegen.all(zgw_live)[api]
    output = result.client_run.stdout
    assert result.client_run.returncode == 0, output
    assert "WARNING" not in output and "Unable to" not in output, output
    resource, retrieve, camel_field, has_zoek = RESOURCE[api]
    field_name = snake(camel_field)

    def operation(name: str):
        return _operation(codegen, result.client_package, name)

    retrieved = _returned(operation(f"{resource}{retrieve}"))
    assert any(_has_field(cls, field_name) for cls in retrieved), retrieved

    listed = _union(typing.get_type_hints(operation(f"{resource}_list").sync)["return"])
    items = [item for arg in listed if typing.get_origin(arg) is list for item in typing.get_args(arg)]
    for page in (arg for arg in listed if _has_field(arg, "results")):  # paginated: results is a typed list
        results = _union(_hints(page)["results"])
        items += [item for arg in results if typing.get_origin(arg) is list for item in typing.get_args(arg)]
    assert any(_has_field(cls, field_name) for cls in items), (listed, items)

    if has_zoek:
        searched = _returned(operation(f"{resource}_zoek"))
        assert any(_has_field(cls, "results") for cls in searched), searched


@pytest.mark.parametrize("api", APIS)
def test_datamodel_code_generator_generates_every_component(zgw_live, codegen, api):
    result = codegen.all(zgw_live)[api]
    assert result.models_run.returncode == 0, result.models_run.stdout[-3000:]
    module = importlib.import_module(result.models_module)
    components = result.schema["components"]["schemas"]
    # the generator writes each component as a class; names that are not PascalCase are normalised
    generated = {name.replace("_", "").lower() for name in vars(module)}
    assert [name for name in components if name.replace("_", "").lower() not in generated] == []
    pages = [name for name in components if name.startswith("Paginated")]
    for name in pages:
        results = getattr(module, name).model_fields["results"].annotation
        assert typing.get_origin(results) is list, (name, results)
        (item,) = typing.get_args(results)
        assert inspect.isclass(item) and item.model_fields, (name, item)
    resource, _, camel_field, _ = RESOURCE[api]
    by_lower = {name.lower(): getattr(module, name) for name in components if hasattr(module, name)}
    assert camel_field in by_lower[resource].model_fields


def test_generated_zaken_client_creates_reads_and_patches_a_zaak(zgw_live, codegen):
    from tests.catalogi.conftest import make_zaaktype
    from zgw.catalogi import models as cm

    generated = codegen.all(zgw_live)["zaken"]
    assert generated.client_run.returncode == 0, generated.client_run.stdout
    package = generated.client_package
    client_module = importlib.import_module(package)
    ops = {name: _operation(codegen, package, f"zaak_{name}") for name in ("create", "retrieve", "partial_update")}
    models = importlib.import_module(f"{package}.models")

    catalogus = cm.Catalogus.objects.create(domein="GEN", rsin="002564440", contactpersoon_beheer_naam="Beheer")
    zaaktype = make_zaaktype(catalogus, concept=False, identificatie="ZT-GEN")
    # the generated client joins the document's servers URL and paths: that is the URL contract under test
    server = generated.schema["servers"][0]["url"]
    client = client_module.AuthenticatedClient(base_url=f"{zgw_live.base_url}{server}", token=zgw_live.token())

    def headers(operation) -> dict:
        hints = typing.get_type_hints(operation.sync)
        values = {"accept_crs": "EPSG:4326", "content_crs": "EPSG:4326", "content_type": "application/json"}
        return {name: hints[name](value) for name, value in values.items() if name in hints}

    body = models.ZaakRequest.from_dict(
        {
            "zaaktype": f"{zgw_live.root('catalogi')}zaaktypen/{zaaktype.uuid}",
            "bronorganisatie": "002564440",
            "verantwoordelijkeOrganisatie": "002564440",
            "startdatum": "2024-03-01",
            "omschrijving": "Gegenereerde client",
        }
    )
    created = ops["create"].sync(client=client, body=body, **headers(ops["create"]))
    assert isinstance(created, models.Zaak), created
    assert created.identificatie

    read = ops["retrieve"].sync(created.uuid, client=client, **headers(ops["retrieve"]))
    assert read is not None and read.identificatie == created.identificatie, read

    patch = models.PatchedZaakRequest.from_dict({"toelichting": "bijgewerkt"})
    patched = ops["partial_update"].sync(created.uuid, client=client, body=patch, **headers(ops["partial_update"]))
    assert isinstance(patched, models.Zaak) and patched.toelichting == "bijgewerkt", patched
