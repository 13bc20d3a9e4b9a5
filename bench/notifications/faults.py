#!/usr/bin/env python
"""Notification figures under faults: backlog drain after a worker start, and write latency during a broker outage.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zgw_notificaties_bench \\
    .venv/bin/python bench/notifications/faults.py --scenario backlog --rows 3000 --subscribers 1
    DATABASE_URL=... .venv/bin/python bench/notifications/faults.py --scenario outage --seconds 25 [--black-hole]

Both start a redis-server of their own on a free loopback port as the broker (``tests.testservices.KillableRedis``,
the one the fault tests use; the system Redis is not touched) and use a database of their own (migrated, notificaties
tables emptied at the start).

* ``backlog``: ROWS pending outbox rows (what writes leave behind while no worker runs) and one queued route task;
  then a Celery worker starts. Reported: worker start-up, the first delivery after the worker said "ready", the time
  until every (row, subscriber) pair arrived, deliveries/s, duplicates, lost.
* ``outage``: writes (one committed transaction with its outbox row and the after-commit kick, what a create does
  besides its own rows) with the broker up, then with the broker killed for SECONDS (longer than the publish
  breaker's open period, so its half-open probes are included); ``--black-hole``: the broker's address drops
  packets instead (connects hang for the connect timeout). Reported: median, p95 and max per phase. The HTTP,
  serializer and audit costs of a real create are the same in both phases and left out.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zgw.settings")
QUEUE = "nrc-bench-faults"

from tests.testservices import KillableRedis as Broker  # noqa: E402 - after the path: one killable redis for both


class Receiver:
    """Counts POSTs per (path, resourceUrl) and remembers when the first one came."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: set[tuple[str, str]] = set()
        self.posts = 0
        self.first_at: float | None = None
        self.last_at: float | None = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    resource = json.loads(body)["resourceUrl"]
                except (ValueError, KeyError):
                    resource = ""
                now = time.monotonic()
                with receiver.lock:
                    receiver.posts += 1
                    receiver.seen.add((self.path, resource))
                    receiver.first_at = receiver.first_at or now
                    receiver.last_at = now
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


def start_worker(broker_url: str, pool: str, concurrency: int) -> tuple[subprocess.Popen, Path, float]:
    """A Celery worker; returns it, its log and the moment it logged "ready"."""
    env = {**os.environ, "NOTIFICATIONS_DELIVERY": "celery", "NOTIFICATIES_CELERY_QUEUE": QUEUE,
           "CELERY_BROKER_URL": broker_url, "PYTHONPATH": str(ROOT / "src")}  # fmt: skip
    log = Path(tempfile.mkstemp(prefix="nrc-bench-faults-", suffix=".log")[1])
    command = [str(Path(sys.executable).parent / "celery"), "-A", "zgw", "worker", "-P", pool, "-c", str(concurrency),
               "-Q", QUEUE, "-n", f"nrc-bench-faults-{os.getpid()}@%h", "--loglevel=INFO", "--without-gossip",
               "--without-mingle", "--without-heartbeat"]  # fmt: skip
    with log.open("wb") as handle:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if b" ready." in log.read_bytes():
            return process, log, time.monotonic()
        if process.poll() is not None:
            break
        time.sleep(0.02)
    raise SystemExit(f"worker did not start:\n{log.read_text(errors='replace')[-3000:]}")


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def zaak_url(number: int) -> str:
    return f"http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-{number:012d}"


def backlog(args, broker: Broker, receiver: Receiver) -> dict:
    from zgw.common.models import OutboxMessage
    from zgw.notificaties import dispatch

    rows = [
        OutboxMessage(kanaal="zaken", hoofd_object=zaak_url(n), resource="zaak", resource_url=zaak_url(n),
                      actie="create", kenmerken={"bronorganisatie": "123456782"})
        for n in range(args.rows)
    ]  # fmt: skip
    OutboxMessage.objects.bulk_create(rows, batch_size=1000)
    dispatch.kick_routing(force=True)  # the one route task the writes queued (deduplicated kick)
    expected = args.rows * args.subscribers
    launched = time.monotonic()
    worker, log, ready = start_worker(broker.url, args.pool, args.concurrency)
    try:
        deadline = ready + args.timeout
        while len(receiver.seen) < expected and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop_worker(worker)
        log.unlink(missing_ok=True)
    first = (receiver.first_at - ready) if receiver.first_at else None
    total = (receiver.last_at - ready) if receiver.last_at else None
    return {
        "scenario": "backlog",
        "rows": args.rows,
        "subscribers": args.subscribers,
        "pool": f"{args.pool} x {args.concurrency}",
        "worker_start_seconds": round(ready - launched, 2),
        "first_delivery_after_ready_seconds": None if first is None else round(first, 3),
        "all_delivered_after_ready_seconds": None if total is None else round(total, 2),
        "deliveries_per_second": round(len(receiver.seen) / total, 1) if total else None,
        "duplicates": receiver.posts - len(receiver.seen),
        "lost": expected - len(receiver.seen),
    }


def outage(args, broker: Broker) -> dict:
    from django.db import transaction

    from zgw.common import outbox
    from zgw.notificaties import conf, dispatch

    counter = iter(range(10**9))

    def write() -> float:
        number = next(counter)
        started = time.perf_counter()
        with transaction.atomic():
            outbox.publish(kanaal="zaken", hoofd_object=zaak_url(number), resource="zaak",
                           resource_url=zaak_url(number), actie="create",
                           kenmerken={"bronorganisatie": "123456782"})  # fmt: skip
        return time.perf_counter() - started

    def phase(seconds: float) -> list[float]:
        times: list[float] = []
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            times.append(write())
            time.sleep(args.pause)
        return times

    def summary(times: list[float]) -> dict:
        ordered = sorted(times)
        return {
            "writes": len(times),
            "median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2),
        }

    phase(2)  # warm-up: connections, caches
    up = phase(args.seconds / 2)
    failures_before = dispatch.breaker.failures
    if args.black_hole:  # connects hang (a dead host, a partition) instead of being refused
        from tests.faults.helpers import BlackHole
        from tests.notificaties.worker import use_broker

        from zgw.celery import app

        hole = BlackHole()
        use_broker(app, hole.url)
        down = phase(args.seconds)
        dispatch.kicker.flush(timeout=10)
        hole.close()
    else:
        broker.kill()
        down = phase(args.seconds)
    return {
        "scenario": "outage",
        "broker": "black-holed" if args.black_hole else "killed",
        "breaker_seconds": conf.BROKER_BREAKER_SECONDS,
        "pause_between_writes_s": args.pause,
        "broker_up": summary(up),
        "broker_down": summary(down),
        "breaker_trips_while_down": dispatch.breaker.failures - failures_before,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=["backlog", "outage"], required=True)
    parser.add_argument("--rows", type=int, default=3000, help="backlog: pending outbox rows")
    parser.add_argument("--subscribers", type=int, default=1, help="backlog: abonnementen on kanaal zaken")
    parser.add_argument("--pool", default="threads", help="backlog: worker pool (threads, prefork)")
    parser.add_argument("--concurrency", type=int, default=4, help="backlog: worker concurrency")
    parser.add_argument("--timeout", type=float, default=300, help="backlog: give up after this many seconds")
    parser.add_argument("--seconds", type=float, default=25, help="outage: length of the broker-down phase")
    parser.add_argument("--black-hole", action="store_true", help="outage: the broker's packets dropped, not refused")
    parser.add_argument("--pause", type=float, default=0.02, help="outage: seconds between writes")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()

    broker = Broker()
    broker.start()
    os.environ["CELERY_BROKER_URL"] = broker.url
    os.environ["NOTIFICATIONS_DELIVERY"] = "celery"
    os.environ["NOTIFICATIES_CELERY_QUEUE"] = QUEUE
    import django

    django.setup()
    from django.core.management import call_command

    from zgw.common.models import OutboxMessage
    from zgw.notificaties.models import Abonnement, FilterGroup, Kanaal, Notificatie
    from zgw.notificaties.services import register_kanalen

    try:
        call_command("migrate", verbosity=0)
        Notificatie.objects.all().delete()
        Abonnement.objects.all().delete()
        OutboxMessage.objects.all().delete()
        register_kanalen()
        receiver = Receiver()
        zaken = Kanaal.objects.get(naam="zaken")
        for index in range(args.subscribers):
            abonnement = Abonnement.objects.create(callback_url=f"{receiver.base}/sub-{index}", auth="Bearer bench")
            FilterGroup.objects.create(abonnement=abonnement, kanaal=zaken, filters={"bronorganisatie": "*"})
        result = backlog(args, broker, receiver) if args.scenario == "backlog" else outage(args, broker)
    finally:
        broker.stop()
    result["load_average"] = [round(value, 1) for value in os.getloadavg()]
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result.get("lost", 0) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
