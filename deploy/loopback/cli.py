#!/usr/bin/env python3
"""The command line of the loopback cluster (deploy/loopback/up, down, status): see cluster.py and docs/deployment.md.

The processes outlive the command; ``down`` stops them by the pids (and start times) recorded in cluster.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from deploy.loopback import cluster as _cluster  # noqa: E402 - after the path is set, when run as a script
from deploy.loopback.cluster import (  # noqa: E402 - after the path is set, when run as a script
    DEFAULT_PG,
    DEFAULT_RABBITMQ,
    Cluster,
    Options,
    delete_rabbitmq_vhost,
    start_time,
)

cluster_doc = _cluster.__doc__


def _recorded(state_dir: Path) -> dict[str, list]:
    path = state_dir / "cluster.json"
    if not path.exists():
        return {}
    pids = json.loads(path.read_text()).get("pids", {})
    return {name: entry for name, entry in pids.items() if start_time(entry[0]) == entry[1]}


def _stop_recorded(state_dir: Path) -> list[str]:
    """SIGTERM the process group of every recorded process that still runs (same pid *and* start time)."""
    alive = _recorded(state_dir)
    for _name, (pid, _started) in reversed(list(alive.items())):
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 20
    for pid, started in alive.values():
        while time.monotonic() < deadline and start_time(pid) == started:
            time.sleep(0.1)
        if start_time(pid) == started:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return list(alive)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=cluster_doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start the cluster")
    up.add_argument("--web", type=int, default=2, help="web instances behind HAProxy")
    up.add_argument("--web-workers", type=int, default=2, help="gunicorn workers per instance")
    up.add_argument("--celery-workers", type=int, default=1)
    up.add_argument("--broker", choices=["redis", "rabbitmq"], default="redis")
    up.add_argument("--rabbitmq-url", default=os.environ.get("ZGW_LOOPBACK_RABBITMQ", DEFAULT_RABBITMQ))
    up.add_argument(
        "--rabbitmq-shared-vhost",
        action="store_true",
        help="use the vhost of --rabbitmq-url (a queue named after the run) instead of creating one with rabbitmqctl",
    )
    up.add_argument("--database", default="zgw_loopback")
    up.add_argument("--s3-endpoint", default="", help="an S3-compatible store to use instead of a local moto")
    up.add_argument("--s3-bucket", default="zgw-documenten")
    down = sub.add_parser("down", help="stop what `up` started")
    down.add_argument("--drop", action="store_true", help="also drop the cluster's database")
    sub.add_parser("status", help="addresses and processes")
    args = parser.parse_args(argv)
    state_dir = Path(os.environ.get("ZGW_LOOPBACK_DIR", str(ROOT / "var" / "loopback")))
    state_dir.mkdir(parents=True, exist_ok=True)
    pg_url = os.environ.get("ZGW_LOOPBACK_PG", DEFAULT_PG)

    if args.command == "up":
        if _recorded(state_dir):
            print(f"a cluster from {state_dir} is still running: deploy/loopback/down first", file=sys.stderr)
            return 1
        options = Options(
            web=args.web,
            web_workers=args.web_workers,
            celery_workers=args.celery_workers,
            broker=args.broker,
            rabbitmq_url=args.rabbitmq_url,
            rabbitmq_own_vhost=not args.rabbitmq_shared_vhost,
            pg_url=pg_url,
            database=args.database,
            s3_endpoint=args.s3_endpoint,
            s3_bucket=args.s3_bucket,
            state_dir=str(state_dir),
        )
        cluster = Cluster(options)
        try:
            cluster.up()
        except Exception:
            cluster.down()
            raise
        print(f"ZGW cluster up: {cluster.base_url}  (HAProxy → {len(cluster.ports.web)} web instances)")
        print(f"  state and logs: {state_dir}   environment for manage.py: {state_dir / 'env'}")
        print("  a client: set -a; . var/loopback/env; set +a; python manage.py zgw_client ID SECRET --all")
        return 0
    if args.command == "down":
        stopped = _stop_recorded(state_dir)
        print(f"stopped: {', '.join(stopped) or 'nothing was running'}")
        path = state_dir / "cluster.json"
        vhost = json.loads(path.read_text())["options"].get("rabbitmq_vhost") if path.exists() else ""
        if vhost:
            delete_rabbitmq_vhost(vhost)
            print(f"deleted RabbitMQ vhost {vhost}")
        if args.drop:
            state = json.loads((state_dir / "cluster.json").read_text())
            Cluster(Options(**{**state["options"], "pg_url": pg_url})).drop_database()
            print(f"dropped database {state['options']['database']}")
        return 0
    path = state_dir / "cluster.json"
    if not path.exists():
        print("no cluster state in", state_dir)
        return 1
    state = json.loads(path.read_text())
    print(f"base URL {state['base_url']}  ports {state['ports']}")
    alive = _recorded(state_dir)
    for name, (pid, _started) in state["pids"].items():
        print(f"  {name:10} pid {pid:7}  {'running' if name in alive else 'gone'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
