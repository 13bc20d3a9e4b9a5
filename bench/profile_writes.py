#!/usr/bin/env python3
"""Profile the create paths in-process: SQL queries and Python function calls per create (load-independent).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zgw_bench bench/profile_writes.py            # every create
    DATABASE_URL=... bench/profile_writes.py --only zaak,document --repeat 20 --top 25 --sql

Needs a seeded database (``bench/seed``, any size) and its bench/state.json. A client of its own (all zaken,
documenten and besluiten scopes on the bench catalogus) sends the requests through Django's test client, so the
whole stack runs (middleware, JWT, autorisatie, serializer, service, renderer) without a network or gunicorn. For
each kind of create it reports the queries of a warmed request (and their SQL with ``--sql``) and the function
calls cProfile counts per request; ``--top`` lists the functions with the most own time. What the script creates
is removed at the end (zaken with the W1 omschrijving, documents with the bench titel).

Instructions per create of the whole in-process stack (load-independent), one kind at a time::

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.0 bench/profile_writes.py --only zaak --plain 0
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.10 bench/profile_writes.py --only zaak --plain 10
    # (total of cg.10 - total of cg.0) / 10; both prepare the same --prepared bodies, neither cleans up
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import json
import os
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zgw.settings")
os.environ.setdefault("NOTIFICATIONS_DISABLED", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from zgw.autorisaties import services as ac_services  # noqa: E402
from zgw.autorisaties.services import AutorisatieData  # noqa: E402
from zgw.catalogi import models as ztc  # noqa: E402
from zgw.common.auth import make_token  # noqa: E402

CLIENT_ID = "profile-writes-client"
SECRET = "profile-writes-secret-of-sufficient-length-0123"
OMSCHRIJVING = "Profile writes zaak"
TITEL = "Profile writes"


def setup_client(base: str, state: dict) -> str:
    """A client allowed every write the script makes (on all 20 bench zaaktypen, the document and besluit types)."""
    catalogus = ztc.Catalogus.objects.get(domein="BENCH")
    zaaktype_urls = [
        f"{base}/catalogi/api/v1/zaaktypen/{z.uuid}" for z in ztc.ZaakType.objects.filter(catalogus=catalogus)
    ]
    besluittype = ztc.BesluitType.objects.get(catalogus=catalogus)
    autorisaties = [
        AutorisatieData(
            component="zrc",
            scopes=["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.statussen.toevoegen"],
            zaaktype=url,
            max_vertrouwelijkheidaanduiding="zeer_geheim",
        )
        for url in zaaktype_urls
    ]
    autorisaties += [
        AutorisatieData(
            component="drc",
            scopes=["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken"],
            informatieobjecttype=state["informatieobjecttype"],
            max_vertrouwelijkheidaanduiding="zeer_geheim",
        ),
        AutorisatieData(
            component="brc",
            scopes=["besluiten.lezen", "besluiten.aanmaken"],
            besluittype=f"{base}/catalogi/api/v1/besluittypen/{besluittype.uuid}",
        ),
        AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
    ]
    ac_services.ensure_client(CLIENT_ID, SECRET, label="Profile writes client", autorisaties=autorisaties)
    return make_token(CLIENT_ID, SECRET)


class Api:
    def __init__(self, base: str, token: str):
        host = base.split("://", 1)[1]
        name, _, port = host.partition(":")
        self.client = Client(
            SERVER_NAME=name,
            SERVER_PORT=port or "80",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_ACCEPT_CRS="EPSG:4326",
            HTTP_CONTENT_CRS="EPSG:4326",
        )

    def post(self, path: str, body: dict) -> dict:
        response = self.client.post(path, data=json.dumps(body), content_type="application/json")
        if response.status_code != 201:
            raise SystemExit(f"POST {path}: {response.status_code} {response.content[:500]!r}")
        return response.json()


def bodies(api: Api, base: str, state: dict) -> dict:
    """One body-maker per kind of create (each call returns a fresh body; dependencies are created on the way)."""
    zaaktype = ztc.ZaakType.objects.get(uuid=state["zaaktypen"][0].rsplit("/", 1)[1])
    statustype = ztc.StatusType.objects.filter(zaaktype=zaaktype).order_by("volgnummer").first()
    roltype = ztc.RolType.objects.filter(zaaktype=zaaktype, omschrijving_generiek="behandelaar").first()
    besluittype = ztc.BesluitType.objects.get(catalogus=zaaktype.catalogus)
    zaak_body = {
        "bronorganisatie": state["bronorganisatie"],
        "verantwoordelijkeOrganisatie": state["bronorganisatie"],
        "zaaktype": state["zaaktypen"][0],
        "startdatum": "2026-01-15",
        "omschrijving": OMSCHRIJVING,
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    content = base64.b64encode((bytes(range(256)) * 400)[: 100 * 1024]).decode()
    document_body = {
        "bronorganisatie": state["bronorganisatie"],
        "creatiedatum": "2026-01-15",
        "titel": TITEL,
        "auteur": "bench",
        "taal": "nld",
        "informatieobjecttype": state["informatieobjecttype"],
        "vertrouwelijkheidaanduiding": "openbaar",
        "bestandsnaam": "bench.bin",
        "formaat": "application/octet-stream",
        "inhoud": content,
        "bestandsomvang": 100 * 1024,
    }

    def zaak() -> dict:
        return dict(zaak_body)

    def document() -> dict:
        return dict(document_body)

    def status() -> dict:
        zaak_url = api.post("/zaken/api/v1/zaken", zaak())["url"]
        return {
            "zaak": zaak_url,
            "statustype": f"{base}/catalogi/api/v1/statustypen/{statustype.uuid}",
            "datumStatusGezet": "2026-01-16T10:00:00Z",
        }

    def rol() -> dict:
        zaak_url = api.post("/zaken/api/v1/zaken", zaak())["url"]
        return {
            "zaak": zaak_url,
            "roltype": f"{base}/catalogi/api/v1/roltypen/{roltype.uuid}",
            "betrokkeneType": "medewerker",
            "roltoelichting": "profile",
            "betrokkeneIdentificatie": {"identificatie": "m1"},
        }

    def zio() -> dict:
        zaak_url = api.post("/zaken/api/v1/zaken", zaak())["url"]
        doc_url = api.post("/documenten/api/v1/enkelvoudiginformatieobjecten", document())["url"]
        return {"zaak": zaak_url, "informatieobject": doc_url}

    def besluit() -> dict:
        zaak_url = api.post("/zaken/api/v1/zaken", zaak())["url"]
        return {
            "verantwoordelijkeOrganisatie": state["bronorganisatie"],
            "zaak": zaak_url,
            "besluittype": f"{base}/catalogi/api/v1/besluittypen/{besluittype.uuid}",
            "datum": "2026-01-15",
            "ingangsdatum": "2026-01-15",
        }

    def bio() -> dict:
        zaak_url = api.post("/zaken/api/v1/zaken", zaak())["url"]
        besluit_url = api.post(
            "/besluiten/api/v1/besluiten",
            {
                "verantwoordelijkeOrganisatie": state["bronorganisatie"],
                "zaak": zaak_url,
                "besluittype": f"{base}/catalogi/api/v1/besluittypen/{besluittype.uuid}",
                "datum": "2026-01-15",
                "ingangsdatum": "2026-01-15",
            },
        )["url"]
        doc_url = api.post("/documenten/api/v1/enkelvoudiginformatieobjecten", document())["url"]
        return {"besluit": besluit_url, "informatieobject": doc_url}

    return {
        "zaak": ("/zaken/api/v1/zaken", zaak),
        "document": ("/documenten/api/v1/enkelvoudiginformatieobjecten", document),
        "status": ("/zaken/api/v1/statussen", status),
        "rol": ("/zaken/api/v1/rollen", rol),
        "zio": ("/zaken/api/v1/zaakinformatieobjecten", zio),
        "besluit": ("/besluiten/api/v1/besluiten", besluit),
        "bio": ("/besluiten/api/v1/besluitinformatieobjecten", bio),
    }


def cleanup() -> None:
    from zgw.besluiten.models import Besluit
    from zgw.documenten.models import EnkelvoudigInformatieObject
    from zgw.zaken.models import Zaak

    Besluit.objects.filter(zaak__omschrijving=OMSCHRIJVING).delete()
    Zaak.objects.filter(omschrijving=OMSCHRIJVING).delete()
    EnkelvoudigInformatieObject.objects.filter(versies__titel=TITEL).distinct().delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--state", default=str(ROOT / "bench" / "state.json"))
    parser.add_argument("--only", default="", help="comma-separated kinds (zaak,document,status,rol,zio,besluit,bio)")
    parser.add_argument("--repeat", type=int, default=10, help="profiled requests per kind")
    parser.add_argument("--top", type=int, default=0, help="list the functions with the most own time")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one warmed request")
    parser.add_argument("--sort", default="tottime", help="pstats order for --top (tottime, cumulative, ncalls)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument(
        "--plain",
        type=int,
        default=-1,
        help="send this many creates per kind without cProfile or query capture, for callgrind (see the docstring)",
    )
    parser.add_argument("--prepared", type=int, default=10, help="bodies prepared per kind with --plain")
    args = parser.parse_args()
    state = json.loads(Path(args.state).read_text())
    base = state["base_url"]
    api = Api(base, setup_client(base, state))
    makers = bodies(api, base, state)
    kinds = [k for k in args.only.split(",") if k] or list(makers)
    figures = {}
    try:
        for kind in kinds:
            path, make = makers[kind]
            for _ in range(3):  # warm: autorisaties, catalogus caches, compiled statements
                api.post(path, make())
            if args.plain >= 0:
                prepared = [make() for _ in range(args.prepared)]
                for body in prepared[: args.plain]:
                    api.post(path, body)
                print(f"{kind:<9} {min(args.plain, args.prepared)} plain creates", file=sys.stderr)
                continue
            prepared = [make() for _ in range(args.repeat)]
            with CaptureQueriesContext(connection) as captured:
                api.post(path, prepared.pop())
            queries = [q["sql"] for q in captured.captured_queries]
            profiler = cProfile.Profile()
            profiler.enable()
            for body in prepared:
                api.post(path, body)
            profiler.disable()
            stats = pstats.Stats(profiler)
            calls = stats.total_calls // max(len(prepared), 1)  # type: ignore[attr-defined]
            figures[kind] = {"queries": len(queries), "calls": calls}
            print(f"{kind:<9} {len(queries):>3} queries  {calls:>8,} function calls per create")
            if args.sql:
                for sql in queries:
                    print("    ", sql[:300])
            if args.top:
                stats.sort_stats(args.sort).print_stats(args.top)
    finally:
        if args.plain < 0:  # a callgrind pair must do the same work apart from the creates: the next run cleans up
            cleanup()
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
