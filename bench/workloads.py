"""The workloads of bench/run. Each factory turns the seed's state (bench/state.json) into a request pattern."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@dataclass
class Workload:
    name: str
    title: str
    paths: list[str] = field(default_factory=list)
    method: str = "GET"
    body: object | None = None
    headers: dict[str, str] = field(default_factory=dict)
    duration: int | None = None
    connections: int | None = None
    custom: Callable[[str, str, dict], dict] | None = None  # transfers wrk cannot express (large up/downloads)
    cleanup: Callable[[dict], None] | None = None  # undo what the workload created, so later workloads see the seed

    def probe_request(self, base_url: str, token: str) -> urllib.request.Request:
        data = None
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json", **self.headers}
        if self.body is not None:
            data = self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()
            headers["Content-Type"] = "application/json"
        return urllib.request.Request(base_url + self.paths[0], data=data, headers=headers, method=self.method)


@dataclass
class Factory:
    name: str
    build_fn: Callable[[dict, bool], Workload]

    def build(self, state: dict, quick: bool) -> Workload:
        return self.build_fn(state, quick)


def w0(state: dict, quick: bool) -> Workload:
    return Workload("W0", "ceiling: roltype detail (1 row, same stack)",
                    [f"/catalogi/api/v1/roltypen/{state['roltype_uuid']}"])


def w1(state: dict, quick: bool) -> Workload:
    body = {
        "bronorganisatie": state["bronorganisatie"],
        "verantwoordelijkeOrganisatie": state["bronorganisatie"],
        "zaaktype": state["zaaktypen"][0],
        "startdatum": "2026-01-15",
        "omschrijving": W1_OMSCHRIJVING,
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    return Workload("W1", "create zaak", ["/zaken/api/v1/zaken"], method="POST", body=body, headers=CRS,
                    cleanup=delete_created_zaken)


W1_OMSCHRIJVING = "Benchmark zaak"


def delete_created_zaken(env: dict) -> None:
    """Remove W1's zaken: otherwise the newest (bare) zaken fill page 1 of W2 in the next round.

    Through the ORM in a management shell, so the servers' kept lists are retired like after any delete.
    """
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    python = root / ".venv" / "bin" / "python"
    code = (
        "from zgw.zaken.models import Zaak; "
        f"print('-> removed', Zaak.objects.filter(omschrijving={W1_OMSCHRIJVING!r}).delete()[0], 'rows of W1')"
    )
    command = [str(python) if python.exists() else sys.executable, str(root / "manage.py"), "shell", "-c", code]
    subprocess.run(command, cwd=root, env=env, check=True)


def w2a(state: dict, quick: bool) -> Workload:
    return Workload("W2a", "list zaken, page 1 (100 per page)", ["/zaken/api/v1/zaken"], headers=CRS)


def w2b(state: dict, quick: bool) -> Workload:
    return Workload("W2b", f"list zaken, deep page {state['deep_page']}",
                    [f"/zaken/api/v1/zaken?page={state['deep_page']}"], headers=CRS)


def w2c(state: dict, quick: bool) -> Workload:
    """A filtered list: one zaaktype and a start-date bound (query parameters through the filterset)."""
    return Workload("W2c", "list zaken filtered by zaaktype and startdatum__gte, page 1",
                    [f"/zaken/api/v1/zaken?zaaktype={state['zaaktypen'][0]}&startdatum__gte=2021-01-01"],
                    headers=CRS)


def w3(state: dict, quick: bool) -> Workload:
    expand = "status,resultaat,rollen,zaakinformatieobjecten"
    return Workload("W3", "zaak detail, expand status/resultaat/rollen/zio",
                    [f"/zaken/api/v1/zaken/{uuid}?expand={expand}" for uuid in state["sample_zaken"]],
                    headers=CRS)


def w3d(state: dict, quick: bool) -> Workload:
    """A plain zaak detail: issue 20's W3 (the Open Zaak comparison), where our W3 expands four parts."""
    return Workload("W3d", "zaak detail, no expand",
                    [f"/zaken/api/v1/zaken/{uuid}" for uuid in state["sample_zaken"]], headers=CRS)


W3X_EXPAND = "status,rollen,zaaktype"


def w3x(state: dict, quick: bool) -> Workload:
    """Issue 20's detail-with-expand, measured side by side with Open Zaak: three parts, one level each."""
    return Workload("W3x", "zaak detail, expand status/rollen/zaaktype",
                    [f"/zaken/api/v1/zaken/{uuid}?expand={W3X_EXPAND}" for uuid in state["sample_zaken"]],
                    headers=CRS)


W3B_EXPAND = "status.statustype.zaaktype,rollen.roltype.zaaktype,resultaat.resultaattype.zaaktype"


def w3b(state: dict, quick: bool) -> Workload:
    """Zaken 1.7: expand three levels deep (zrc-026 no longer truncates)."""
    return Workload("W3b", "zaak detail, three-level expand (status/rollen/resultaat → type → zaaktype)",
                    [f"/zaken/api/v1/zaken/{uuid}?expand={W3B_EXPAND}" for uuid in state["sample_zaken"]],
                    headers=CRS)


W4B_FIELDS = ["url", "identificatie", "startdatum", "status"]


def _zoek_100(state: dict) -> dict:
    return {"zaaktype__in": state["zaaktypen"][:3], "startdatum__gte": "2020-01-01"}


def w4b(state: dict, quick: bool) -> Workload:
    """zrc-029: ``fields`` with a few attributes of a page of 100 zaken (compare with W4c, the same search)."""
    return Workload("W4b", "_zoek with fields (4 attributes of 100 zaken)", ["/zaken/api/v1/zaken/_zoek"],
                    method="POST", body={**_zoek_100(state), "fields": W4B_FIELDS}, headers=CRS)


def w4c(state: dict, quick: bool) -> Workload:
    return Workload("W4c", "_zoek without fields (the same 100 zaken, every attribute)", ["/zaken/api/v1/zaken/_zoek"],
                    method="POST", body=_zoek_100(state), headers=CRS)


def w4(state: dict, quick: bool) -> Workload:
    body = {
        "zaaktype__in": state["zaaktypen"][:3],
        "startdatum__gte": "2020-01-01",
        "startdatum__lte": "2026-12-31",
        "zaakgeometrie": {"within": state["search_polygon"]},
    }
    return Workload("W4", "_zoek: zaaktype, date range, geometry", ["/zaken/api/v1/zaken/_zoek"],
                    method="POST", body=body, headers=CRS)


def w5a(state: dict, quick: bool) -> Workload:
    from transfers import small_document_body

    return Workload("W5a", "create document (100 KB base64)", ["/documenten/api/v1/enkelvoudiginformatieobjecten"],
                    method="POST", body=small_document_body(state))


def w5b(state: dict, quick: bool) -> Workload:
    from transfers import download_workload

    size = (10 if quick else 100) * 2**20
    return Workload("W5b", f"download {size // 2**20} MB document",
                    ["/documenten/api/v1/enkelvoudiginformatieobjecten"],
                    custom=download_workload(size, repeats=3 if quick else 10))


def w6(state: dict, quick: bool) -> Workload:
    from transfers import upload_workload

    size = (20 if quick else 1024) * 2**20
    return Workload("W6", f"upload {size // 2**20} MB through bestandsdelen",
                    ["/documenten/api/v1/enkelvoudiginformatieobjecten"], custom=upload_workload(size))


WORKLOADS: list[Factory] = [
    Factory("W0", w0),
    Factory("W1", w1),
    Factory("W2a", w2a),
    Factory("W2b", w2b),
    Factory("W2c", w2c),
    Factory("W3", w3),
    Factory("W3d", w3d),
    Factory("W3x", w3x),
    Factory("W3b", w3b),
    Factory("W4", w4),
    Factory("W4b", w4b),
    Factory("W4c", w4c),
    Factory("W5a", w5a),
    Factory("W5b", w5b),
    Factory("W6", w6),
]


@dataclass(frozen=True)
class Reference:
    """Another server's figure for one of our workloads (``bench/run --reference``)."""

    requests_per_s: float
    target: float | None = None  # the ratio we aim for (issue 20)
    note: str = ""


# Open Zaak 1.30.0 under uwsgi 3 processes x 4 threads, measured by issue 20 side by side with this server on the same
# machine type (2 shared cores, same PostgreSQL, wrk c=8, 5,000 seeded zaken). Issue 20 named W3 a plain detail (our
# W3d), W2 "last page" (our W2b is a deep page) and W5c a 100 KB document create (our W5a).
REFERENCES: dict[str, dict[str, Reference]] = {
    "openzaak": {
        "W0": Reference(83.8, 5.0, "catalogus detail"),
        "W1": Reference(31.0, 8.0),
        "W2a": Reference(9.4),
        "W2b": Reference(11.9, None, "Open Zaak: last page"),
        "W3d": Reference(37.0, None, "issue 20's W3"),
        "W3x": Reference(19.7, 6.0),
        "W4": Reference(9.3),
        "W5a": Reference(35.5, 6.0, "issue 20's W5c"),
    },
}
REFERENCE_TITLES = {"openzaak": "Open Zaak 1.30, measured by issue 20 on the same machine type"}
