"""Test settings: the real settings plus a tiny app that exercises the shared machinery on its own."""

from zgw.settings import *  # noqa: F403
from zgw.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
ROOT_URLCONF = "tests.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# live_server tests (browser, Celery worker) keep no connection open past a request, so the test database can be
# dropped at the end without "database is being accessed by other users"
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# One process per test worker with its own locmem cache: the list cache is safe and every test that writes and then
# lists checks its invalidation.
ZGW_LIST_CACHE = True
ZGW_LIST_SEEK = True  # used where a test switches ZGW_LIST_CACHE off

# Tests log in through force_login and client.login(), which django-axes cannot attribute to a request; the
# lockout test switches it back on (tests/common/test_security.py).
AXES_ENABLED = False

# Test transactions roll back what a test wrote; a counter committed on the identificatie's own connection would
# survive them and shift every later test's numbers. tests/common/test_identificatie_own_connection.py switches it on.
ZGW_IDENTIFICATIE_OWN_TRANSACTION = False
