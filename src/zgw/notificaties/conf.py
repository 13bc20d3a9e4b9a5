"""Settings of the Notificaties app, read from the environment (documented in docs/notificaties.md).

Read at call time through the module attributes (``conf.MAX_ATTEMPTS``), so tests can monkeypatch them.
"""

from __future__ import annotations

import os
import sys


def _float(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Delivery of one notification to one subscriber
CALLBACK_TIMEOUT = _float("NOTIFICATIES_CALLBACK_TIMEOUT", 10.0)  # seconds per HTTP attempt
MAX_ATTEMPTS = _int("NOTIFICATIES_MAX_ATTEMPTS", 10)  # then the delivery is "failed" (manual re-send)
RETRY_BASE_DELAY = _float("NOTIFICATIES_RETRY_BASE_DELAY", 5.0)  # seconds; doubles per attempt
RETRY_MAX_DELAY = _float("NOTIFICATIES_RETRY_MAX_DELAY", 3600.0)
RETRY_JITTER = _float("NOTIFICATIES_RETRY_JITTER", 0.25)  # + up to 25% random extra wait
RESPONSE_EXCERPT_LENGTH = 1000
# A claimed delivery is locked for CALLBACK_TIMEOUT + LOCK_MARGIN; after that a dead worker's claim expires.
LOCK_MARGIN = _float("NOTIFICATIES_LOCK_MARGIN", 30.0)

# The sweep: re-queues outbox rows and deliveries whose task was lost (worker killed, broker restarted).
SWEEP_INTERVAL = _float("NOTIFICATIES_SWEEP_INTERVAL", 30.0)
SWEEP_GRACE = _float("NOTIFICATIES_SWEEP_GRACE", 60.0)  # a queued task younger than this is still trusted
SWEEP_BATCH = _int("NOTIFICATIES_SWEEP_BATCH", 1000)
# While the broker queue holds tasks (a backlog), a queued delivery is trusted this long instead of SWEEP_GRACE: its
# task is most likely still waiting in the queue, and queuing it again would only make the backlog longer.
SWEEP_BACKLOG_GRACE = _float("NOTIFICATIES_SWEEP_BACKLOG_GRACE", 600.0)

# Publishing a task: one try of at most BROKER_PUBLISH_TIMEOUT seconds; a failure opens the breaker for
# BROKER_BREAKER_SECONDS (no broker round trip in requests meanwhile; the sweep delivers from the database).
BROKER_PUBLISH_TIMEOUT = _float("NOTIFICATIES_BROKER_PUBLISH_TIMEOUT", 2.0)
BROKER_BREAKER_SECONDS = _float("NOTIFICATIES_BROKER_BREAKER_SECONDS", 10.0)
# The shared "a route task is queued" mark (kicks coalesce on it) lives this long: a mark whose task never reached the
# broker (a process killed between claiming it and publishing) holds kicks back for at most this many seconds.
ROUTE_KICK_TTL = _float("NOTIFICATIES_ROUTE_KICK_TTL", 5.0)

# Throughput: one routing task drains up to ROUTE_COALESCE pending outbox rows (FOR UPDATE SKIP LOCKED) and queues
# itself again while rows remain; one delivery task
# sends up to DELIVERY_BATCH notificaties to the same receiver in a row (over one kept-alive connection).
ROUTE_COALESCE = _int("NOTIFICATIES_ROUTE_COALESCE", 200)
DELIVERY_BATCH = _int("NOTIFICATIES_DELIVERY_BATCH", 50)
# Deliveries claimed and recorded together within a batch (at most this many re-sent after a crash).
CLAIM_CHUNK = _int("NOTIFICATIES_CLAIM_CHUNK", 10)

# Celery queue of the notificatie tasks (empty: the default queue); lets deployments run dedicated workers.
CELERY_QUEUE = os.environ.get("NOTIFICATIES_CELERY_QUEUE", "").strip() or None

# Heartbeats of workers and beat: written every HEARTBEAT_INTERVAL s; older than WORKER_STALE_AFTER s = gone.
HEARTBEAT_INTERVAL = _float("NOTIFICATIES_HEARTBEAT_INTERVAL", 10.0)
WORKER_STALE_AFTER = _float("NOTIFICATIES_WORKER_STALE_AFTER", 60.0)

# Fully delivered notificaties and routed outbox rows are deleted after this many days (hourly clean-up).
RETENTION_DAYS = _float("NOTIFICATIES_RETENTION_DAYS", 7.0)
CLEANUP_INTERVAL = _float("NOTIFICATIES_CLEANUP_INTERVAL", 3600.0)

# In-process delivery (NOTIFICATIONS_DELIVERY=inprocess): thread pool size.
INPROCESS_WORKERS = _int("NOTIFICATIES_INPROCESS_WORKERS", 8)
# Start the in-process runner on demand. Off by default under pytest: its threads would touch the test database
# while pytest-django flushes it (deadlocks in other apps' transactional tests); tests install a runner
# explicitly (inprocess.set_runner). Rows that no runner takes stay pending, as after a crash.
INPROCESS_AUTOSTART = _bool("NOTIFICATIES_INPROCESS_AUTOSTART", "pytest" not in sys.modules)

# Callback check when an abonnement is created or changed.
CHECK_CALLBACK = _bool("NOTIFICATIES_CHECK_CALLBACK", True)
CHECK_CALLBACK_NO_AUTH = _bool("NOTIFICATIES_CHECK_CALLBACK_NO_AUTH", False)
CHECK_CALLBACK_NO_AUTH_WHITELIST = [
    h.strip() for h in os.environ.get("NOTIFICATIES_CALLBACK_NO_AUTH_WHITELIST", "webhook.site").split(",") if h.strip()
]

# Routing: to the own abonnementen and/or to an external Notificaties API (its credentials: a common Service
# whose api_root is a prefix of NOTIFICATIES_API_ROOT).
LOCAL_ROUTING = _bool("NOTIFICATIES_LOCAL_ROUTING", True)
EXTERNAL_API_ROOT = os.environ.get("NOTIFICATIES_API_ROOT", "").strip()
if EXTERNAL_API_ROOT and not EXTERNAL_API_ROOT.endswith("/"):
    EXTERNAL_API_ROOT += "/"

# Register the own kanalen after every migrate (local kanalen table).
REGISTER_KANALEN_ON_MIGRATE = _bool("NOTIFICATIES_REGISTER_KANALEN_ON_MIGRATE", True)
# Documentation link base of the own kanalen (documentatieLink = <base>#<kanaal>).
KANAAL_DOCS_URL = os.environ.get(
    "NOTIFICATIES_KANAAL_DOCS_URL", "https://vng-realisatie.github.io/gemma-zaken/standaard/"
)
