#!/usr/bin/env python3
"""A multi-process ZGW deployment on 127.0.0.1 from distribution packages only (no Docker).

    HAProxy ──> N × bin/serve (gunicorn) ──> PgBouncer (transaction pooling) ──> PostgreSQL
                     │        │                                                 ▲
                     │        └── Redis (shared cache, own redis-server)        │
                     └── S3-compatible object store (documents)                 │
    Celery worker(s) + beat <── broker (Redis, or RabbitMQ) ────────────────────┘

    deploy/loopback/up                      # 2 web instances, Redis broker, a local S3 server (moto)
    deploy/loopback/up --web 3 --broker rabbitmq
    deploy/loopback/status                  # addresses, pids
    deploy/loopback/down [--drop]           # stop everything it started (--drop: also its database)

PostgreSQL is an existing server (``ZGW_LOOPBACK_PG``, default ``postgres://postgres@127.0.0.1:5432/postgres``): the
cluster creates a database of its own on it (``--database``, default ``zgw_loopback``). Ports are free ports chosen
at start. State, configuration files and logs live in ``var/loopback`` (``ZGW_LOOPBACK_DIR``). Everything else is
started here and stopped by ``down`` (only the pids this script wrote). See docs/deployment.md.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from string import Template
from urllib.parse import quote, urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"
S3_KEY, S3_SECRET = "loopback-access-key", "loopback-secret-key"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(
    check: Callable[[], bool],
    what: str,
    timeout: float,
    process: subprocess.Popen | None = None,
    log: Path | None = None,
) -> None:
    """Poll ``check`` until it holds; fail with the log's tail when the process died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if process is not None and process.poll() is not None:
            break
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s\n{tail}")


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


def _unprivileged_user() -> str:
    """The user PgBouncer switches to when started as root: ``postgres`` where the server package made it."""
    import pwd

    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("PgBouncer must not run as root and there is no postgres or nobody user to switch to")


@dataclass
class Options:
    web: int = 2
    web_workers: int = 2
    celery_workers: int = 1
    broker: str = "redis"  # or "rabbitmq"
    rabbitmq_url: str = DEFAULT_RABBITMQ
    # a virtual host of its own on that RabbitMQ, created at start and deleted at stop (with rabbitmqctl on this
    # host): the broker's other users and vhosts stay untouched. The name is recorded here once created.
    rabbitmq_own_vhost: bool = True
    rabbitmq_vhost: str = ""
    pg_url: str = DEFAULT_PG
    database: str = "zgw_loopback"
    s3_endpoint: str = ""  # empty: start a local moto server
    s3_bucket: str = "zgw-documenten"
    state_dir: str = str(ROOT / "var" / "loopback")
    haproxy_port: int = 0  # 0: a free port (the base URL is part of every resource URL: keep it to reuse a database)
    python: str = sys.executable
    extra_env: dict = field(default_factory=dict)


@dataclass
class Ports:
    haproxy: int = 0
    pgbouncer: int = 0
    redis: int = 0
    s3: int = 0
    web: list[int] = field(default_factory=list)


class Cluster:
    """Start, inspect and stop the loopback deployment. ``popen_kwargs`` lets a test tie the children to itself."""

    def __init__(
        self,
        options: Options,
        popen_kwargs: dict | None = None,
        on_spawn: Callable[[subprocess.Popen], object] | None = None,
    ):
        self.options = options
        self.dir = Path(options.state_dir)
        self.popen_kwargs = popen_kwargs or {}
        self.on_spawn = on_spawn
        self.ports = Ports()
        self.processes: dict[str, subprocess.Popen] = {}
        self.run_id = secrets.token_hex(4)
        self.secret_key = secrets.token_urlsafe(48)

    # --- addresses and environment ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.haproxy}"

    def web_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports.web[index]}"

    def _pg(self) -> dict:
        parts = urlsplit(self.options.pg_url)
        return {
            "user": parts.username or "postgres",
            "password": parts.password or "",
            "host": parts.hostname or "127.0.0.1",
            "port": parts.port or 5432,
        }

    def direct_database_url(self) -> str:
        """The database without PgBouncer: for migrations and bulk seeding (session features allowed)."""
        parts = urlsplit(self.options.pg_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{self.options.database}", "", ""))

    def pooled_database_url(self) -> str:
        pg = self._pg()
        return f"postgres://{pg['user']}@127.0.0.1:{self.ports.pgbouncer}/{self.options.database}"

    def broker_url(self) -> str:
        if self.options.broker == "rabbitmq":
            if self.options.rabbitmq_vhost:
                parts = urlsplit(self.options.rabbitmq_url)
                return urlunsplit((parts.scheme, parts.netloc, f"/{quote(self.options.rabbitmq_vhost)}", "", ""))
            return self.options.rabbitmq_url
        return f"redis://127.0.0.1:{self.ports.redis}/0"

    def queue(self) -> str:
        return f"zgw-loopback-{self.run_id}"

    def s3_endpoint(self) -> str:
        return self.options.s3_endpoint or f"http://127.0.0.1:{self.ports.s3}"

    def app_env(self, pooled: bool = True) -> dict:
        """The environment every application process (web, worker, beat, management commands) gets."""
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "ZGW_TEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="zgw.settings",
            PYTHONPATH=str(ROOT / "src"),
            PYTHON=self.options.python,
            SECRET_KEY=self.secret_key,
            DATABASE_URL=self.pooled_database_url() if pooled else self.direct_database_url(),
            DATABASE_PGBOUNCER="1" if pooled else "0",
            DB_CONN_MAX_AGE="60",
            ZGW_BASE_URL=self.base_url,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            USE_X_FORWARDED_HOST="false",
            CACHE_URL=f"redis://127.0.0.1:{self.ports.redis}/1",
            CACHE_KEY_PREFIX="zgw-loopback",
            CELERY_BROKER_URL=self.broker_url(),
            NOTIFICATIONS_DELIVERY="celery",
            NOTIFICATIES_CELERY_QUEUE=self.queue(),
            ZGW_STORAGE="s3",
            ZGW_S3_BUCKET=self.options.s3_bucket,
            ZGW_S3_ENDPOINT_URL=self.s3_endpoint(),
            ZGW_S3_REGION="us-east-1",
            ZGW_S3_ADDRESSING_STYLE="path",
            AWS_ACCESS_KEY_ID=env.get("AWS_ACCESS_KEY_ID", S3_KEY) if self.options.s3_endpoint else S3_KEY,
            AWS_SECRET_ACCESS_KEY=env.get("AWS_SECRET_ACCESS_KEY", S3_SECRET)
            if self.options.s3_endpoint
            else S3_SECRET,
            ZGW_VAR_DIR=str(self.dir / "var"),
            STATIC_ROOT=str(self.dir / "static"),
            STATIC_MANIFEST="true",
            MIGRATE_ON_START="false",
            COLLECTSTATIC_ON_START="false",
            LOG_LEVEL="WARNING",
        )
        env.update(self.options.extra_env)
        return env

    # --- processes ----------------------------------------------------------------------------------------------

    def _spawn(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = self.dir / "logs" / f"{name}.log"
        handle = log.open("ab")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or dict(os.environ),
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **self.popen_kwargs,
        )
        handle.close()
        self.processes[name] = process
        if self.on_spawn is not None:
            self.on_spawn(process)
        self._save()
        return process

    def _log(self, name: str) -> Path:
        return self.dir / "logs" / f"{name}.log"

    def manage(self, *args: str, pooled: bool = False) -> None:
        command = [self.options.python, str(ROOT / "manage.py"), *args]
        completed = subprocess.run(command, cwd=ROOT, env=self.app_env(pooled=pooled), capture_output=True, text=True)
        if completed.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{completed.stdout[-2000:]}{completed.stderr[-3000:]}"
            )

    def _save(self) -> None:
        state = {
            "run_id": self.run_id,
            "options": asdict(self.options),
            "ports": asdict(self.ports),
            "base_url": self.base_url,
            "pids": {name: [p.pid, start_time(p.pid)] for name, p in self.processes.items() if p.poll() is None},
        }
        (self.dir / "cluster.json").write_text(json.dumps(state, indent=2))
        env = self.app_env() if self.ports.redis else {}
        keys = [k for k in env if k.startswith(("DATABASE_", "CACHE_", "CELERY_", "ZGW_", "AWS_", "NOTIFIC"))]
        lines = [f"{key}={env[key]}" for key in sorted(keys)] + ([f"SECRET_KEY={self.secret_key}"] if env else [])
        (self.dir / "env").write_text("\n".join(lines) + "\n")
        (self.dir / "env").chmod(0o600)

    # --- the parts ----------------------------------------------------------------------------------------------

    def start_redis(self) -> None:
        self.ports.redis = free_port()
        data = self.dir / "redis"
        data.mkdir(exist_ok=True)
        command = [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(self.ports.redis),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data),
        ]
        process = self._spawn("redis", command)
        wait_for(lambda: port_open(self.ports.redis), "redis-server", 20, process, self._log("redis"))

    def start_s3(self) -> None:
        if not self.options.s3_endpoint:
            self.ports.s3 = free_port()
            command = [self.options.python, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports.s3)]
            process = self._spawn("s3", command)
            wait_for(lambda: port_open(self.ports.s3), "the local S3 server (moto)", 60, process, self._log("s3"))
        import boto3
        from botocore.exceptions import ClientError

        env = self.app_env()
        client = boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint(),
            region_name="us-east-1",
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )
        try:
            client.create_bucket(Bucket=self.options.s3_bucket)
        except ClientError as exc:  # an existing bucket of an external store is fine
            if exc.response.get("Error", {}).get("Code") not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise

    def create_rabbitmq_vhost(self) -> None:
        """A vhost named after this run, with all permissions for the broker URL's user (rabbitmqctl, local node)."""
        ctl = shutil.which("rabbitmqctl")
        if not ctl:
            raise RuntimeError("--broker rabbitmq creates a vhost of its own with rabbitmqctl, which is not installed")
        vhost = f"zgw-loopback-{self.run_id}"
        user = urlsplit(self.options.rabbitmq_url).username or "guest"
        for command in (["add_vhost", vhost], ["set_permissions", "-p", vhost, user, ".*", ".*", ".*"]):
            completed = subprocess.run([ctl, "-q", *command], capture_output=True, text=True, timeout=60)
            if completed.returncode:
                raise RuntimeError(f"rabbitmqctl {' '.join(command)} failed: {completed.stdout}{completed.stderr}")
            self.options.rabbitmq_vhost = vhost  # recorded as soon as it exists, so that down() removes it
            self._save()

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(self.options.pg_url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.options.database]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{self.options.database}"')
            # the server connections PgBouncer hands around never need Django's per-connection SET TIME ZONE
            conn.execute(f"ALTER DATABASE \"{self.options.database}\" SET timezone TO 'UTC'")

    def drop_database(self) -> None:
        import psycopg

        with psycopg.connect(self.options.pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.options.database}" WITH (FORCE)')

    def start_pgbouncer(self) -> None:
        self.ports.pgbouncer = free_port()
        pg = self._pg()
        password = f" password={pg['password']}" if pg["password"] else ""
        config = Template((HERE / "pgbouncer.ini.tmpl").read_text()).substitute(
            database=self.options.database,
            pg_host=pg["host"],
            pg_port=pg["port"],
            pg_user=pg["user"],
            pg_password=password,
            port=self.ports.pgbouncer,
            # PgBouncer refuses to run as root; it drops to this user after start
            run_as=f"user = {_unprivileged_user()}" if os.geteuid() == 0 else "",
        )
        path = self.dir / "pgbouncer.ini"
        path.write_text(config)
        path.chmod(0o644)
        process = self._spawn("pgbouncer", [shutil.which("pgbouncer") or "pgbouncer", str(path)])
        wait_for(lambda: port_open(self.ports.pgbouncer), "PgBouncer", 20, process, self._log("pgbouncer"))

    def prepare_database(self) -> None:
        """Migrations on a direct connection (DDL and long transactions do not belong in the pool), static files."""
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")

    def start_web(self, index: int) -> None:
        while len(self.ports.web) <= index:
            self.ports.web.append(free_port())
        env = dict(
            self.app_env(),
            BIND=f"127.0.0.1:{self.ports.web[index]}",
            WEB_CONCURRENCY=str(self.options.web_workers),
            WEB_ACCESS_LOG=str(self._log(f"web{index + 1}-access")),
            WEB_CONTROL_SOCKET=str(self.dir / "var" / f"web{index + 1}.ctl"),
        )
        env.update(self.options.extra_env)
        self._spawn(f"web{index + 1}", [str(ROOT / "bin" / "serve")], env)

    def wait_web(self, index: int, timeout: float = 90) -> None:
        wait_for(
            lambda: http_ok(f"{self.web_url(index)}/health/ready"),
            f"web instance {index + 1}",
            timeout,
            self.processes.get(f"web{index + 1}"),
            self._log(f"web{index + 1}"),
        )

    def kill_web(self, index: int, sig: int = signal.SIGKILL) -> None:
        """Kill one web instance (gunicorn master and workers: its whole process group) without warning."""
        process = self.processes[f"web{index + 1}"]
        os.killpg(process.pid, sig)
        process.wait(timeout=30)
        self._save()

    def start_celery(self) -> None:
        env = self.app_env()
        for number in range(1, self.options.celery_workers + 1):
            command = [
                self.options.python,
                "-m",
                "celery",
                "-A",
                "zgw",
                "worker",
                "-P",
                "threads",
                "-c",
                "4",
                "-Q",
                self.queue(),
                "-n",
                f"loopback{number}-{self.run_id}@%h",
                "--loglevel",
                "INFO",
            ]
            self._spawn(f"worker{number}", command, env)
        schedule = self.dir / "var" / "celerybeat-schedule"
        self._spawn(
            "beat",
            [self.options.python, "-m", "celery", "-A", "zgw", "beat", "-s", str(schedule), "--loglevel", "INFO"],
            env,
        )
        for number in range(1, self.options.celery_workers + 1):
            log = self._log(f"worker{number}")
            wait_for(
                lambda log=log: b" ready." in log.read_bytes(),
                f"Celery worker {number}",
                60,
                self.processes[f"worker{number}"],
                log,
            )

    def haproxy_config(self) -> str:
        servers = "\n".join(f"    server web{i + 1} 127.0.0.1:{port} check" for i, port in enumerate(self.ports.web))
        return Template((HERE / "haproxy.cfg.tmpl").read_text()).substitute(port=self.ports.haproxy, servers=servers)

    def start_haproxy(self) -> None:
        self.ports.haproxy = self.ports.haproxy or free_port()
        path = self.dir / "haproxy.cfg"
        path.write_text(self.haproxy_config())
        check = subprocess.run(
            [shutil.which("haproxy") or "haproxy", "-c", "-q", "-f", str(path)], capture_output=True, text=True
        )
        if check.returncode:
            raise RuntimeError(f"haproxy.cfg is invalid:\n{check.stdout}{check.stderr}")
        process = self._spawn("haproxy", [shutil.which("haproxy") or "haproxy", "-db", "-f", str(path)])
        wait_for(
            lambda: http_ok(f"{self.base_url}/health/ready"),
            "HAProxy with a ready backend",
            30,
            process,
            self._log("haproxy"),
        )

    def pgbouncer_stats(self) -> dict:
        """PgBouncer's ``SHOW STATS`` row of the cluster's database (its admin console, as the stats user)."""
        import psycopg

        pg = self._pg()
        url = f"postgres://{pg['user']}@127.0.0.1:{self.ports.pgbouncer}/pgbouncer"
        with psycopg.connect(url, autocommit=True, prepare_threshold=None) as conn:
            cursor = conn.execute("SHOW STATS")
            columns = [column.name for column in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        return next((row for row in rows if row["database"] == self.options.database), {})

    def web_pids(self) -> list[int]:
        """The gunicorn masters of the running web instances (bench: CPU and memory of their process trees)."""
        return [p.pid for name, p in self.processes.items() if name.startswith("web") and p.poll() is None]

    def haproxy_summary(self) -> dict:
        """From HAProxy's log (httplog format), API requests only: how many, per server, and how many were retried
        (the ``retries`` counter; a leading ``+`` means redispatched to another server)."""
        summary = {"requests": 0, "retried": 0, "redispatched": 0, "servers": {}, "statuses": {}}
        for line in self._log("haproxy").read_text(errors="replace").splitlines():
            fields = line.split()
            if len(fields) < 11 or '"' not in line or "/health/" in line:
                continue
            server, status, counters = fields[3].partition("/")[2], fields[5], fields[10].split("/")
            if len(counters) != 5:
                continue
            summary["requests"] += 1
            summary["servers"][server] = summary["servers"].get(server, 0) + 1
            summary["statuses"][status] = summary["statuses"].get(status, 0) + 1
            retries = counters[4]
            if retries.startswith("+"):
                summary["redispatched"] += 1
            if retries.lstrip("+") not in ("", "0"):
                summary["retried"] += 1
        return summary

    # --- whole cluster ------------------------------------------------------------------------------------------

    def up(self) -> Cluster:
        missing = [name for name in ("haproxy", "pgbouncer", "redis-server") if not shutil.which(name)]
        if missing:
            raise RuntimeError(f"missing: {', '.join(missing)} (apt-get install {' '.join(missing)})")
        for sub in ("logs", "var", "static"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        # the base URL is part of every resource URL: fixed before anything starts
        self.ports.haproxy = self.options.haproxy_port or free_port()
        if self.options.broker == "rabbitmq" and self.options.rabbitmq_own_vhost:
            self.create_rabbitmq_vhost()
        self.start_redis()
        self.create_database()
        self.start_pgbouncer()
        self.start_s3()
        self.prepare_database()
        for index in range(self.options.web):
            self.start_web(index)
        self.start_celery()
        for index in range(self.options.web):
            self.wait_web(index)
        self.start_haproxy()
        self._save()
        return self

    def down(self, drop: bool = False) -> None:
        for name in reversed(list(self.processes)):
            process = self.processes[name]
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if self.options.broker == "rabbitmq":
            if self.options.rabbitmq_vhost:
                delete_rabbitmq_vhost(self.options.rabbitmq_vhost)
            else:
                self._delete_rabbitmq_queue()
        if drop:
            self.drop_database()

    def _delete_rabbitmq_queue(self) -> None:
        try:
            from kombu import Connection

            with Connection(self.options.rabbitmq_url, connect_timeout=3) as conn:
                conn.default_channel.queue_delete(self.queue())
        except Exception:  # noqa: BLE001 - best effort: the queue is named after this run only
            pass


# --- helpers the command line (cli.py) shares ---------------------------------------------------------------------


def delete_rabbitmq_vhost(vhost: str) -> None:
    """Remove a vhost this script created (with its queues and exchanges); only names of our own pattern."""
    ctl = shutil.which("rabbitmqctl")
    if ctl and vhost.startswith("zgw-loopback-"):
        subprocess.run([ctl, "-q", "delete_vhost", vhost], capture_output=True, text=True, timeout=60)


def start_time(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (field 22 of /proc/PID/stat): tells our process from a reused pid."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None
