"""The loopback cluster (deploy/loopback): HAProxy, two web instances, PgBouncer in transaction pooling, Celery on
a broker, Redis as shared cache and documents in an S3-compatible store (moto) - started for real, driven over HTTP.

While three clients run the zaak flow (create zaak, set a status, upload a document, download it) through the
balancer, one web instance is killed (SIGKILL, whole process group). Then: HAProxy retried or redispatched what hit
the dead instance (0 failed requests), every notification reached a local subscriber, and an
autorisatie change made through one instance holds at once on every instance (the generation key in the shared
Redis: the bound is "the next request", docs/deployment.md).
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests import testservices
from tests.notificaties.receiver import Receiver
from zgw.common.auth import make_token

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
FLOWS = 24  # zaak flows in all (4 requests each, plus the download)
KILL_AFTER = 5  # flows completed before web instance 1 is killed
ADMIN_ID, ADMIN_SECRET = "loopback-admin", "loopback-admin-secret-" + uuid.uuid4().hex


def _requirements() -> str:
    """The admin URL of the PostgreSQL server the tests use; skips (fails in full mode) when a part is missing."""
    missing = [name for name in ("haproxy", "pgbouncer", "redis-server") if not shutil.which(name)]
    if missing:
        testservices.unavailable(
            f"the loopback cluster needs {' '.join(missing)} (apt-get install {' '.join(missing)})"
        )
    try:
        import boto3  # noqa: F401
        import moto  # noqa: F401
        import storages  # noqa: F401
    except ImportError as exc:
        testservices.unavailable(f"the loopback cluster needs the s3 extra and moto[server] ({exc.name} missing)")
    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        testservices.unavailable("the loopback cluster needs PostgreSQL (DATABASE_URL)")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    server = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{db.get('USER') or 'postgres'}{password}@{server}/postgres"


def _start(tmp_path: Path, **options):
    from deploy.loopback.cluster import Cluster, Options

    database = f"zgw_loopback_{testservices.RUN_ID}".replace("-", "_")
    cluster = Cluster(
        Options(pg_url=_requirements(), database=database, state_dir=str(tmp_path / "cluster"), **options),
        popen_kwargs=testservices.spawn_kwargs(),
        on_spawn=testservices.track,
    )
    try:
        cluster.up()
    except Exception:
        _stop(cluster)
        raise
    return cluster


def _stop(cluster) -> None:
    cluster.down()
    try:
        cluster.drop_database()
    except Exception as exc:  # noqa: BLE001 - report, but do not hide the test's own outcome
        print(f"could not drop {cluster.options.database}: {exc}", file=sys.stderr)


@pytest.fixture
def cluster(tmp_path):
    started = _start(tmp_path, web=2, web_workers=2)
    yield started
    _stop(started)


def _seed(cluster, tmp_path: Path) -> dict:
    """bench/seed's catalogus and scoped client (10 zaaktypen) on the cluster's database, plus an admin client."""
    import json

    state_file = tmp_path / "state.json"
    env = cluster.app_env(pooled=False)
    command = [sys.executable, str(ROOT / "bench" / "seed"), "--zaken", "40", "--base-url", cluster.base_url,
               "--state", str(state_file)]  # fmt: skip
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    cluster.manage("zgw_client", ADMIN_ID, ADMIN_SECRET, "--all")
    return json.loads(state_file.read_text())


def _subscriber_responder(request, count):
    # the abonnement check also sends one without credentials, which a real receiver refuses
    return (204 if request.headers.get("authorization") == "Bearer loopback-subscriber" else 401), 0.0


def _zaak_body(state: dict) -> dict:
    return {
        "bronorganisatie": state["bronorganisatie"],
        "verantwoordelijkeOrganisatie": state["bronorganisatie"],
        "zaaktype": state["zaaktypen"][0],
        "startdatum": "2026-01-15",
        "omschrijving": "Loopback flow",
        "vertrouwelijkheidaanduiding": "openbaar",
    }


def _document_body(state: dict, content: bytes) -> dict:
    return {
        "bronorganisatie": state["bronorganisatie"],
        "creatiedatum": "2026-01-15",
        "titel": "Loopback",
        "auteur": "loopback",
        "taal": "nld",
        "informatieobjecttype": state["informatieobjecttype"],
        "vertrouwelijkheidaanduiding": "openbaar",
        "bestandsnaam": "flow.bin",
        "formaat": "application/octet-stream",
        "inhoud": base64.b64encode(content).decode(),
        "bestandsomvang": len(content),
    }


class Flows:
    """Runs zaak flows from several threads and records every request that did not get its expected answer."""

    def __init__(self, base: str, token: str, state: dict, statustype: str):
        self.base, self.state, self.statustype = base, state, statustype
        self.headers = {"Authorization": f"Bearer {token}", **CRS}
        self.lock = threading.Lock()
        self.done = 0
        self.started = 0
        self.failures: list[str] = []
        self.created: list[tuple[str, str]] = []  # (resource, url) that must be notified
        self.zaken: list[str] = []
        self.requests = 0

    def _call(
        self, session: requests.Session, method: str, url: str, expect: int, **kwargs
    ) -> requests.Response | None:
        try:
            response = session.request(method, url, headers=self.headers, timeout=60, **kwargs)
        except requests.RequestException as exc:
            with self.lock:
                self.requests += 1
                self.failures.append(f"{method} {url}: {type(exc).__name__}: {exc}")
            return None
        with self.lock:
            self.requests += 1
            if response.status_code != expect:
                self.failures.append(f"{method} {url}: {response.status_code} {response.text[:300]}")
                return None
        return response

    def one(self, session: requests.Session) -> None:
        zaak = self._call(session, "POST", f"{self.base}/zaken/api/v1/zaken", 201, json=_zaak_body(self.state))
        if zaak is None:
            return
        zaak_url = zaak.json()["url"]
        status = self._call(session, "POST", f"{self.base}/zaken/api/v1/statussen", 201, json={
            "zaak": zaak_url, "statustype": self.statustype, "datumStatusGezet": "2026-01-15T10:00:00Z",
        })  # fmt: skip
        content = os.urandom(6000)
        documents = f"{self.base}/documenten/api/v1/enkelvoudiginformatieobjecten"
        document = self._call(session, "POST", documents, 201, json=_document_body(self.state, content))
        created = [("zaak", zaak_url)]
        if status is not None:
            created.append(("status", status.json()["url"]))
        if document is not None:
            document_url = document.json()["url"]
            created.append(("enkelvoudiginformatieobject", document_url))
            download = self._call(session, "GET", f"{document_url}/download", 200)
            if download is not None and download.content != content:
                with self.lock:
                    self.failures.append(f"download of {document_url}: {len(download.content)} bytes, not the upload")
        with self.lock:
            self.created.extend(created)
            self.zaken.append(zaak_url)

    def worker(self) -> None:
        session = requests.Session()
        while True:
            with self.lock:
                if self.started >= FLOWS:
                    return
                self.started += 1
            self.one(session)
            with self.lock:
                self.done += 1


def _notified(receiver: Receiver) -> set[tuple[str, str]]:
    return {(r.body.get("resource"), r.body.get("resourceUrl")) for r in receiver.requests if r.path == "/callback"}


def _count_flow_zaken(cluster) -> int:
    import psycopg

    with psycopg.connect(cluster.direct_database_url()) as conn:
        query = "SELECT count(*) FROM zaken_zaak WHERE omschrijving = %s"
        return conn.execute(query, ["Loopback flow"]).fetchone()[0]


def _get(url: str, token: str) -> int:
    return requests.get(url, headers={"Authorization": f"Bearer {token}", **CRS}, timeout=30).status_code


def test_zaak_flow_survives_a_killed_instance_and_autorisaties_reach_every_instance(cluster, tmp_path):
    state = _seed(cluster, tmp_path)
    base, token = cluster.base_url, state["token"]
    admin = make_token(ADMIN_ID, ADMIN_SECRET)
    statustypen = requests.get(f"{base}/catalogi/api/v1/statustypen", params={"zaaktype": state["zaaktypen"][0]},
                               headers={"Authorization": f"Bearer {token}"}, timeout=30)  # fmt: skip
    assert statustypen.status_code == 200, statustypen.text
    statustype = statustypen.json()["results"][0]["url"]

    with Receiver(_subscriber_responder) as receiver:
        abonnement = requests.post(f"{base}/notificaties/api/v1/abonnement", timeout=30, json={
            "callbackUrl": receiver.url("/callback"), "auth": "Bearer loopback-subscriber",
            "kanalen": [{"naam": "zaken", "filters": {}}, {"naam": "documenten", "filters": {}}],
        }, headers={"Authorization": f"Bearer {admin}"})  # fmt: skip
        assert abonnement.status_code == 201, abonnement.text

        # --- the zaak flow through the balancer, with web instance 1 killed mid-run ---------------------------
        flows = Flows(base, token, state, statustype)
        threads = [threading.Thread(target=flows.worker, daemon=True) for _ in range(3)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while flows.done < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.05)
        with flows.lock:
            in_flight = flows.started - flows.done
        cluster.kill_web(0)
        killed_at = flows.requests
        for thread in threads:
            thread.join(timeout=180)
        assert not any(thread.is_alive() for thread in threads), "the flows did not finish"
        # Every request that met the dead instance - refused, or in flight on it when it died - was retried on the
        # other one (retry-on empty-response + option http-buffer-request: deploy/loopback/haproxy.cfg.tmpl).
        assert flows.failures == [], f"{len(flows.failures)} of {flows.requests} requests failed: {flows.failures}"
        assert flows.done == FLOWS and len(flows.zaken) == FLOWS
        assert killed_at < flows.requests, "the kill came after the last request"
        assert in_flight > 0  # flows were running when the instance died
        summary = cluster.haproxy_summary()
        print(
            f"\n{flows.requests} requests, 0 failed; web1 killed after {killed_at} with {in_flight} flows running;"
            f" HAProxy: {summary}"
        )
        assert set(summary["statuses"]) <= {"200", "201"}, summary  # no 502/503 reached any client
        # every request ran its SQL through PgBouncer (one or more transactions each)
        assert cluster.pgbouncer_stats()["total_xact_count"] >= flows.requests
        created = _count_flow_zaken(cluster)
        print(f"zaken created: {created} for {FLOWS} flows (a retried POST after an instance died mid-request: +1)")
        assert created >= len(flows.zaken)

        # --- every notification reaches the subscriber (Celery worker on the broker, at least once) ----------
        expected = set(flows.created)
        deadline = time.monotonic() + 60
        while not expected <= _notified(receiver) and time.monotonic() < deadline:
            time.sleep(0.2)
        lost = expected - _notified(receiver)
        assert not lost, f"{len(lost)} of {len(expected)} notifications lost: {sorted(lost)[:5]}"
        for request in receiver.requests:
            if request.path == "/callback":
                assert request.headers["authorization"] == "Bearer loopback-subscriber"

    # --- the killed instance comes back; an autorisatie change holds on every instance at once ---------------
    cluster.start_web(0)
    cluster.wait_web(0)
    removed_zaak = flows.zaken[0]
    other_zaak = next(  # a seeded zaak of another zaaktype the client may read
        url
        for url in (f"{base}/zaken/api/v1/zaken/{u}" for u in state["sample_zaken"])
        if requests.get(url, headers={"Authorization": f"Bearer {token}", **CRS}, timeout=30).json()["zaaktype"]
        != state["zaaktypen"][0]
    )
    instances = [cluster.web_url(i) for i in range(len(cluster.ports.web))]

    def statuses(url: str) -> set[int]:  # 4 requests per instance reach both of its gunicorn workers (mostly)
        return {_get(url.replace(base, instance), token) for instance in instances for _ in range(4)}

    assert statuses(removed_zaak) == {200} and statuses(other_zaak) == {200}  # each worker has the client memoised

    found = requests.get(f"{base}/autorisaties/api/v1/applicaties/consumer", params={"clientId": state["client_id"]},
                         headers={"Authorization": f"Bearer {admin}"}, timeout=30)  # fmt: skip
    assert found.status_code == 200, found.text
    applicatie = found.json()
    kept = [a for a in applicatie["autorisaties"] if a.get("zaaktype") != state["zaaktypen"][0]]
    assert len(kept) == len(applicatie["autorisaties"]) - 1
    changed = requests.patch(applicatie["url"], json={"autorisaties": kept}, timeout=30,
                             headers={"Authorization": f"Bearer {admin}"})  # fmt: skip
    assert changed.status_code == 200, changed.text

    assert statuses(removed_zaak) == {403}  # the very next request on every instance and worker
    assert statuses(other_zaak) == {200}
    assert _get(removed_zaak, token) == 403


def _rabbitmq_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _rabbitmq_up(), reason="no RabbitMQ on 127.0.0.1:5672 (the documented alternative broker)")
def test_notifications_through_rabbitmq(tmp_path):
    """The alternative broker: one web instance, the Celery worker on RabbitMQ in a vhost of the cluster's own
    (created with rabbitmqctl at start, deleted at stop: the broker is otherwise left as it was)."""
    own_vhost = shutil.which("rabbitmqctl") is not None  # a remote RabbitMQ: its default vhost, a queue of our own
    cluster = _start(tmp_path, web=1, web_workers=1, broker="rabbitmq", rabbitmq_own_vhost=own_vhost)
    vhost = cluster.options.rabbitmq_vhost
    try:
        if own_vhost:
            assert vhost.startswith("zgw-loopback-") and vhost in _rabbitmq_vhosts()
            assert cluster.app_env()["CELERY_BROKER_URL"].endswith(f"/{vhost}")
        state = _seed(cluster, tmp_path)
        admin = make_token(ADMIN_ID, ADMIN_SECRET)
        headers = {"Authorization": f"Bearer {state['token']}", **CRS}
        with Receiver(_subscriber_responder) as receiver:
            response = requests.post(f"{cluster.base_url}/notificaties/api/v1/abonnement", timeout=30, json={
                "callbackUrl": receiver.url("/callback"), "auth": "Bearer loopback-subscriber",
                "kanalen": [{"naam": "zaken", "filters": {}}],
            }, headers={"Authorization": f"Bearer {admin}"})  # fmt: skip
            assert response.status_code == 201, response.text
            zaken = f"{cluster.base_url}/zaken/api/v1/zaken"
            zaak = requests.post(zaken, headers=headers, timeout=30, json=_zaak_body(state))
            assert zaak.status_code == 201, zaak.text
            expected = ("zaak", zaak.json()["url"])
            deadline = time.monotonic() + 30
            while expected not in _notified(receiver) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert expected in _notified(receiver)
    finally:
        _stop(cluster)
    if own_vhost:
        assert vhost not in _rabbitmq_vhosts()


def _rabbitmq_vhosts() -> list[str]:
    listed = subprocess.run(["rabbitmqctl", "-q", "list_vhosts", "name"], capture_output=True, text=True, timeout=60)
    return listed.stdout.split()
