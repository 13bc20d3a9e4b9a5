"""Settings for the ZGW server.

Every setting that differs between deployments comes from an environment variable with a safe default; the
README's configuration table lists them all. The defaults give the zero-setup quickstart: a SQLite file under
``var/``, notifications delivered in-process, no broker needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str = "") -> str:
    """``NAME`` from the environment, or the contents of the file named by ``NAME_FILE`` (Docker/Kubernetes
    secrets: ``SECRET_KEY_FILE=/run/secrets/zgw_secret_key``)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(env("ZGW_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver,[::1]")
# Public base URL used to build absolute resource URLs (e.g. https://zgw.example.nl). Empty: follow the host
# of the incoming request (honouring X-Forwarded-Host/Proto when USE_X_FORWARDED_HOST is set).
ZGW_BASE_URL = env("ZGW_BASE_URL", "").rstrip("/")
# Extra base URLs under which this server is also reachable: URLs on them resolve to local rows.
ZGW_EXTRA_LOCAL_BASE_URLS = [u.rstrip("/") for u in env_list("ZGW_EXTRA_LOCAL_BASE_URLS")]
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
if env_bool("USE_X_FORWARDED_PROTO", USE_X_FORWARDED_HOST):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "zgw.common",
    "zgw.autorisaties",
    "zgw.referentielijsten",
    "zgw.catalogi",
    "zgw.documenten",
    "zgw.besluiten",
    "zgw.zaken",
    "zgw.notificaties",
    "zgw.beheer",
]

MIDDLEWARE = [
    "zgw.common.observability.RequestIdMiddleware",
    "zgw.common.observability.MetricsMiddleware",
    "zgw.common.middleware.APIVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as django-axes asks: turns a locked-out admin login into its lockout answer
    "axes.middleware.AxesMiddleware",
]

# --- Admin login protection and CORS (docs/security.md) ---------------------------------------------------------
# django-axes counts failed admin logins per user name and client address and locks that pair out for a while.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Browser applications on other origins that may call the APIs (comma separated, e.g. https://zaken.gemeente.nl).
# Empty: no cross-origin access. API clients on servers do not need CORS.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-crs",
    "authorization",
    "content-crs",
    "content-type",
    "if-none-match",
    "x-request-id",
]
CORS_EXPOSE_HEADERS = ["API-version", "Content-Crs", "ETag", "Location", "X-Request-Id", "X-Warning"]

if env_bool("ZGW_QUERY_COUNT_HEADER", False):  # benchmarks: report SQL statements per request
    MIDDLEWARE.insert(0, "zgw.common.observability.QueryCountMiddleware")

ROOT_URLCONF = "zgw.urls"
WSGI_APPLICATION = "zgw.wsgi.application"
ASGI_APPLICATION = "zgw.asgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "zgw" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------
# DATABASE_URL wins; otherwise DB_ENGINE/DB_NAME/DB_USER/DB_PASSWORD/DB_HOST/DB_PORT; otherwise SQLite in var/.
_conn_max_age = env_int("DB_CONN_MAX_AGE", 60)
if env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=_conn_max_age)}
elif env("DB_NAME") or env("DB_HOST"):
    DATABASES = {
        "default": {
            "ENGINE": env("DB_ENGINE", "django.db.backends.postgresql"),
            "NAME": env("DB_NAME", "zgw"),
            "USER": env("DB_USER", "zgw"),
            "PASSWORD": env("DB_PASSWORD", ""),
            "HOST": env("DB_HOST", "localhost"),
            "PORT": env("DB_PORT", "5432"),
            "CONN_MAX_AGE": _conn_max_age,
        }
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "zgw.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env("DB_TEST_NAME", "") or None
# Behind PgBouncer in transaction pooling (docs/deployment.md): consecutive transactions of one Django connection may
# run on different server connections, so no named server-side cursors (they live past a transaction) and no
# prepared statements (psycopg prepares a query after `prepare_threshold` runs; None = never).
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER", False)
if DATABASE_PGBOUNCER and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------------------
# A shared cache (Redis) is needed as soon as more than one process serves requests: the autorisatie cache is
# invalidated through it.
if env("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CACHE_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "zgw"),
            # a dead Redis must cost little: short socket timeouts, and zgw.common.safecache's breaker
            "OPTIONS": {
                "socket_connect_timeout": float(env("CACHE_SOCKET_TIMEOUT", "0.25")),
                "socket_timeout": float(env("CACHE_SOCKET_TIMEOUT", "0.25")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "zgw"}}
# After a cache connection error the application leaves the cache alone for this long (zgw.common.safecache)
ZGW_CACHE_BREAKER_SECONDS = env_int("ZGW_CACHE_BREAKER_SECONDS", 5)

# Lists keep the ordered ids of a filtered result per worker (zgw.common.listcache): count and deep pages without a
# database scan. Needs a cache that all workers share (CACHE_URL, Redis) to see each other's writes.
ZGW_LIST_CACHE = env_bool("ZGW_LIST_CACHE", bool(env("CACHE_URL")))
# the most objects one response may embed through ``expand`` (common/expand.py); more → 400 ``expand-limit``
ZGW_EXPAND_MAX_OBJECTS = env_int("ZGW_EXPAND_MAX_OBJECTS", 1000)
# /health/ready: how long a successful document-store check holds per process (S3: one HEAD per interval)
ZGW_HEALTH_STORAGE_SECONDS = env_int("ZGW_HEALTH_STORAGE_SECONDS", 30)
ZGW_LIST_CACHE_TTL = env_int("ZGW_LIST_CACHE_TTL", 60)
# Without the list cache: count and page boundaries kept in the shared cache (zgw.common.listcache.SeekIds); like
# the list cache it needs a cache all processes share, so it defaults to on only with CACHE_URL.
ZGW_LIST_SEEK = env_bool("ZGW_LIST_SEEK", bool(env("CACHE_URL")))
ZGW_LIST_CACHE_MAX_IDS = env_int("ZGW_LIST_CACHE_MAX_IDS", 4_000_000)  # per worker, 8 bytes each
# Generated identificaties (zgw.common.identificatie): the counter upsert commits at once on a second connection of
# the thread, so concurrent creates of one organisation don't wait for each other's whole transaction (PostgreSQL only;
# a rolled back create leaves a gap in the numbering). Off by default until measured to raise create throughput.
ZGW_IDENTIFICATIE_OWN_TRANSACTION = env_bool("ZGW_IDENTIFICATIE_OWN_TRANSACTION", False)

# --- I18n -----------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
# Dutch labels for third-party apps without a Dutch catalogue (django-axes), so that no admin page mixes languages.
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
USE_TZ = True

# JSON bodies (e.g. a document's base64 `inhoud`) are parsed in memory up to this size; larger ones get 413 and large
# files go through bestandsdelen, which stream.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 64 * 1024 * 1024)
# Part size announced for chunked uploads (bestandsdelen) of the Documenten API.
DOCUMENTEN_UPLOAD_CHUNK_SIZE = env_int("DOCUMENTEN_UPLOAD_CHUNK_SIZE", 4 * 1024**3)

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", str(VAR_DIR / "static"))
MEDIA_ROOT = env("MEDIA_ROOT", str(VAR_DIR / "media"))
# Static files (admin, Swagger UI, Redoc) are served by WhiteNoise from the app directories in development and from
# STATIC_ROOT (collectstatic, compressed and cache-busted) in production.
# Document content: files under MEDIA_ROOT ("file", one host or a shared volume) or an S3-compatible object store
# ("s3", several web hosts; needs the `s3` extra: django-storages with boto3). Credentials: AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY from the environment (or boto3's other sources).
ZGW_STORAGE = env("ZGW_STORAGE", "file").strip().lower()
if ZGW_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("ZGW_S3_BUCKET", "zgw-documenten"),
            "endpoint_url": env("ZGW_S3_ENDPOINT_URL") or None,
            "region_name": env("ZGW_S3_REGION") or None,
            "location": env("ZGW_S3_PREFIX", ""),
            # "path" for local servers (MinIO, moto, Ceph without wildcard DNS); "virtual" for AWS
            "addressing_style": env("ZGW_S3_ADDRESSING_STYLE") or None,
            # object names carry a fresh uuid: no HEAD request per save to find a free name
            "file_overwrite": True,
            "default_acl": None,
            "querystring_auth": True,
            # downloads pass through the app (autorisatie); a spooled file up to this size stays in memory
            "max_memory_size": env_int("ZGW_S3_MAX_MEMORY_SIZE", 8 * 1024 * 1024),
        },
    }
elif ZGW_STORAGE == "file":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"ZGW_STORAGE must be 'file' or 's3', not {ZGW_STORAGE!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", False)
try:  # WhiteNoise warns on every request when STATIC_ROOT does not exist yet (before collectstatic)
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
except OSError:  # pragma: no cover - read-only file system
    pass
MEDIA_URL = "/media/"

# --- Logging --------------------------------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
# "plain" (human readable) or "json" (one JSON object per line, for log shippers). Both carry the request id and
# mask credentials.
LOG_FORMAT = env("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "zgw.common.observability.RedactingFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "zgw.common.observability.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Django REST framework ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zgw.common.auth.JWTAuthentication",
        # the browsable API for a logged-in admin user: staff read, superusers write (docs/decisions.md)
        "zgw.common.auth.AdminSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["zgw.common.permissions.ZGWPermission"],
    "DEFAULT_RENDERER_CLASSES": [
        "zgw.common.renderers.JSONRenderer",
        "zgw.common.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["zgw.common.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["zgw.common.filters.ZGWFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": None,
    "DEFAULT_SCHEMA_CLASS": "zgw.common.schema.ZGWAutoSchema",
    "EXCEPTION_HANDLER": "zgw.common.exceptions.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "COERCE_DECIMAL_TO_STRING": False,
    "DATETIME_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "URL_FIELD_NAME": "url",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ZGW",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": True,
    "ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_COERCE_PATH_PK_SUFFIX": False,
    "SECURITY": [{"JWT-Claims": []}],
    "APPEND_COMPONENTS": {
        "securitySchemes": {"JWT-Claims": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
    },
    "AUTHENTICATION_WHITELIST": [],
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "DEFAULT_GENERATOR_CLASS": "zgw.common.routers.ZGWSchemaGenerator",
}

# --- JWT-ZGW --------------------------------------------------------------------------------------------------
# Leeway in seconds for the iat/nbf/exp checks, and the maximum age of a token judged by its iat (0 = no limit).
JWT_LEEWAY = env_int("JWT_LEEWAY", 5)
JWT_MAX_AGE = env_int("JWT_MAX_AGE", 0)

# --- Autorisaties cache ---------------------------------------------------------------------------------------
AUTORISATIES_CACHE_SECONDS = env_int("AUTORISATIES_CACHE_SECONDS", 300)

# --- Remote references ----------------------------------------------------------------------------------------
REMOTE_FETCH_TIMEOUT = float(env("REMOTE_FETCH_TIMEOUT", "10"))
REMOTE_CACHE_SECONDS = env_int("REMOTE_CACHE_SECONDS", 300)

# --- Notifications & Celery -----------------------------------------------------------------------------------
# "inprocess": deliver after commit in the web process (quickstart); "celery": a Celery worker delivers.
NOTIFICATIONS_DELIVERY = env("NOTIFICATIONS_DELIVERY", "inprocess")
NOTIFICATIONS_DISABLED = env_bool("NOTIFICATIONS_DISABLED", False)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing (web and worker): one connect attempt, no retries. kombu's producer otherwise retries the connect for up
# to broker_connection_timeout even with ``retry=False`` (6 s per request whenever the publish breaker re-probes a dead
# broker) and a connect to an unreachable host waits at most 2 s. The worker's consumer connection keeps its own retry
# loop (broker_connection_max_retries).
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0, "socket_connect_timeout": 2}

# --- Selectielijst / Referentielijsten ------------------------------------------------------------------------
REFERENTIELIJSTEN_API_ROOT = env("REFERENTIELIJSTEN_API_ROOT", "https://referentielijsten-api.vng.cloud/api/v1/")

# Open Zaak's extra demands when publishing a zaaktype (a roltype, a resultaattype, two statustypen); not in the
# standard, so off by default (DECISIONS.md).
CATALOGI_STRICT_PUBLISH = env_bool("CATALOGI_STRICT_PUBLISH", False)

# --- API versions served --------------------------------------------------------------------------------------
ZGW_API_VERSIONS = {
    "zaken": "1.7.0",
    "documenten": "1.7.0",
    "catalogi": "1.3.3",
    "besluiten": "1.1.0",
    "autorisaties": "1.1.0",
    "notificaties": "1.0.1",
    "referentielijsten": "1.0.0",
}
