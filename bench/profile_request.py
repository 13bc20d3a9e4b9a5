#!/usr/bin/env python3
"""Profile one request through the real WSGI stack in-process: load-independent figures for the request path.

    bench/profile_request.py --path /catalogi/api/v1/roltypen/<uuid> --requests 500            # µs/request
    bench/profile_request.py --path ... --cprofile 40                                          # top functions
    valgrind --tool=callgrind --callgrind-out-file=/dev/null bench/profile_request.py --path ... --requests N

The token and the default path (W0, a roltype detail) come from bench/state.json (``bench/seed``); the server's
environment (DATABASE_URL, CACHE_URL) is the caller's. Under callgrind run it twice (e.g. 0 and 200 requests after
the warm-up) and divide the difference of the instruction totals by the difference of the request counts: that is
the instructions per request, repeatable on a loaded machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path and not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--state", default=str(ROOT / "bench" / "state.json"))
    parser.add_argument("--path", default="", help="request path (default: W0's roltype detail)")
    parser.add_argument("--workload", default="", help="take the first path of this bench workload (e.g. W3x)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cprofile", type=int, default=0, help="print the top N functions by cumulative time")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one (warm) request")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zgw.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    state = json.loads(Path(args.state).read_text())
    path = args.path or f"/catalogi/api/v1/roltypen/{state['roltype_uuid']}"
    method, body = "GET", b""
    if args.workload:
        sys.path.insert(0, str(ROOT / "bench"))
        from workloads import WORKLOADS

        workload = next(f for f in WORKLOADS if f.name == args.workload).build(state, quick=True)
        path, method = workload.paths[0], workload.method
        if workload.body is not None:  # _zoek (W4) and the creates: the workload's JSON body
            body = workload.body if isinstance(workload.body, bytes) else json.dumps(workload.body).encode()
    app = WSGIHandler()
    path_info, _, query = path.partition("?")

    def request() -> int:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/json",
            "wsgi.errors": sys.stderr,
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_AUTHORIZATION": f"Bearer {state['token']}",
            "HTTP_ACCEPT": "application/json",
            "HTTP_ACCEPT_CRS": "EPSG:4326",
            "HTTP_CONTENT_CRS": "EPSG:4326",
            "REMOTE_ADDR": "127.0.0.1",
        }
        status: list[str] = []
        answer = b"".join(app(environ, lambda s, h, exc_info=None: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{path}: {status[0]} {answer[:300]!r}")
        return len(answer)

    for _ in range(args.warmup):
        request()
    if args.queries:
        from django.db import connection

        def show(execute, sql, params, many, context):
            print(f"-- {sql[:400]}", file=sys.stderr)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(show):
            request()
    profiler = cProfile.Profile() if args.cprofile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for _ in range(args.requests):
        request()
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    if args.requests:
        print(f"{path}: {args.requests} requests, {elapsed / args.requests * 1e6:.0f} µs/request", file=sys.stderr)
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.cprofile)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
