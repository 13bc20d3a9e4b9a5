#!/usr/bin/env python
"""Notification delivery benchmark: N notificaties to M subscribers, through the real pipeline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zgw_notificaties_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/5 \\
    .venv/bin/python bench/notifications/run.py --mode celery --messages 10000 --subscribers 10

Each message is published like a component does it (``common.outbox.publish`` in a committed transaction, 100 per
transaction); routing and delivery run in Celery workers (``--mode celery``, started here as subprocesses) or in
this process (``--mode inprocess``). A local HTTP receiver counts every POST per subscriber. The report gives the
wall time until every (message, subscriber) pair arrived, the throughput, duplicates and how many were lost.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zgw.settings")
QUEUE = "nrc-bench"


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.seen: set[tuple[str, str]] = set()
        self.posts = 0

    def add(self, path: str, resource_url: str) -> None:
        with self.lock:
            self.posts += 1
            self.seen.add((path, resource_url))


def start_receiver(counter: Counter) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the workers reuse their connections

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                counter.add(self.path, json.loads(body)["resourceUrl"])
            except (ValueError, KeyError):
                pass
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_workers(count: int, concurrency: int) -> list[subprocess.Popen]:
    env = {**os.environ, "NOTIFICATIONS_DELIVERY": "celery", "NOTIFICATIES_CELERY_QUEUE": QUEUE}
    celery = Path(sys.executable).parent / "celery"
    workers = []
    for index in range(count):
        log = open(Path(tempfile.gettempdir()) / f"nrc-bench-worker-{index}.log", "wb")  # noqa: SIM115
        command = [str(celery), "-A", "zgw", "worker", "-P", "prefork", "-c", str(concurrency), "-Q", QUEUE,
                   "-n", f"nrc-bench-{index}@%h", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
                   "--without-heartbeat"]  # fmt: skip
        workers.append(
            subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        )
    time.sleep(4)
    return workers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["celery", "inprocess"], default="celery")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--subscribers", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes (celery mode)")
    parser.add_argument("--concurrency", type=int, default=8, help="prefork children per worker / threads")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()

    os.environ["NOTIFICATIONS_DELIVERY"] = args.mode
    os.environ["NOTIFICATIES_CELERY_QUEUE"] = QUEUE
    os.environ.setdefault("NOTIFICATIES_INPROCESS_WORKERS", str(args.concurrency))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from zgw.common import outbox
    from zgw.common.models import OutboxMessage
    from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal, Notificatie
    from zgw.notificaties.services import register_kanalen

    call_command("migrate", verbosity=0)
    Notificatie.objects.all().delete()
    Abonnement.objects.all().delete()
    OutboxMessage.objects.all().delete()
    register_kanalen()

    counter = Counter()
    server = start_receiver(counter)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    zaken = Kanaal.objects.get(naam="zaken")
    for index in range(args.subscribers):
        abonnement = Abonnement.objects.create(callback_url=f"{base}/sub-{index}", auth=f"Bearer bench-{index}")
        FilterGroup.objects.create(abonnement=abonnement, kanaal=zaken, filters={"bronorganisatie": "*"})

    workers: list[subprocess.Popen] = []
    if args.mode == "celery":
        import redis
        from django.conf import settings

        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(QUEUE)
        workers = start_workers(args.workers, args.concurrency)

    expected = args.messages * args.subscribers
    started = time.monotonic()
    try:
        for start in range(0, args.messages, 100):
            with transaction.atomic():
                for number in range(start, min(start + 100, args.messages)):
                    url = f"http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-{number:012d}"
                    outbox.publish(kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url,
                                   actie="create", kenmerken={"bronorganisatie": "123456782"})  # fmt: skip
        published = time.monotonic() - started
        deadline = started + args.timeout
        while len(counter.seen) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        elapsed = time.monotonic() - started
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=30)

    statuses = {s: Delivery.objects.filter(status=s).count() for s in Delivery.Status.values}
    result = {
        "mode": args.mode,
        "messages": args.messages,
        "subscribers": args.subscribers,
        "expected_deliveries": expected,
        "received_unique": len(counter.seen),
        "received_posts": counter.posts,
        "duplicates": counter.posts - len(counter.seen),
        "lost": expected - len(counter.seen),
        "publish_seconds": round(published, 2),
        "total_seconds": round(elapsed, 2),
        "deliveries_per_second": round(len(counter.seen) / elapsed, 1),
        "delivery_status": statuses,
    }
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    server.shutdown()
    return 0 if result["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
