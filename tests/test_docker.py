"""The Docker files: the Dockerfile passes hadolint, the compose file has every service the docs promise."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

DOCKER = Path(__file__).resolve().parent.parent / "docker"


def test_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, "--no-color", str(DOCKER / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_the_production_server_as_non_root():
    text = (DOCKER / "Dockerfile").read_text()
    assert text.count("FROM ") == 2  # multi-stage
    assert "USER 1000:1000" in text
    assert 'CMD ["./bin/serve"]' in text


def load(name: str) -> dict:
    return yaml.safe_load((DOCKER / name).read_text())


def variables(text: str) -> dict[str, str]:
    """``${NAME<op>...}`` references of a compose file: name -> operator (``:?`` required, ``:-`` default, ``""``)."""
    return {m.group(1): m.group(2) or "" for m in re.finditer(r"\$\{([A-Z0-9_]+)(:[?-])?[^}]*\}", text)}


def test_production_compose_has_web_worker_beat_migrate_database_and_redis():
    compose = load("docker-compose.yml")
    services = compose["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert "healthcheck" in services["db"] and "healthcheck" in services["redis"]
    assert services["worker"]["command"][:3] == ["celery", "-A", "zgw"] and "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    assert services["web"]["environment"]["NOTIFICATIONS_DELIVERY"] == "celery"
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "media" in compose["volumes"]


def test_production_compose_restarts_and_health_checks_the_long_running_services():
    services = load("docker-compose.yml")["services"]
    for name in ("web", "worker", "beat", "db", "redis"):
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"
    for component in ("worker", "beat"):
        test = services[component]["healthcheck"]["test"]
        assert test == ["CMD", "python3", "manage.py", "zgw_health", "--component", component]


def test_production_compose_migrates_once_before_the_app_starts():
    services = load("docker-compose.yml")["services"]
    assert services["migrate"]["command"][-2:] == ["migrate", "--no-input"]
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert services[name]["environment"]["MIGRATE_ON_START"] == "false"


def test_production_compose_has_no_working_default_secret():
    text = (DOCKER / "docker-compose.yml").read_text()
    compose = yaml.safe_load(text)
    env = compose["services"]["web"]["environment"]
    assert "SECRET_KEY" not in env and "DB_PASSWORD" not in env and "DATABASE_URL" not in env
    assert env["SECRET_KEY_FILE"] == "/run/secrets/zgw_secret_key"
    assert env["DB_PASSWORD_FILE"] == "/run/secrets/zgw_db_password"
    assert compose["services"]["db"]["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/zgw_db_password"
    assert "POSTGRES_PASSWORD" not in compose["services"]["db"]["environment"]
    refs = variables(text)
    for required in ("ZGW_SECRET_KEY_FILE", "ZGW_DB_PASSWORD_FILE", "ALLOWED_HOSTS", "ZGW_BASE_URL"):
        assert refs[required] == ":?", required  # compose refuses to start without it
    assert "change-me" not in text


def test_demo_compose_is_marked_and_local_only():
    text = (DOCKER / "docker-compose.demo.yml").read_text()
    assert "DEMO ONLY" in text
    services = yaml.safe_load(text)["services"]
    assert set(services) == {"db", "demo"}
    assert services["demo"]["ports"] == ["127.0.0.1:8000:8000"]
    assert services["demo"]["environment"]["SECRET_KEY"].startswith("demo-only")


def test_settings_read_secrets_from_files(tmp_path, monkeypatch):
    from zgw.settings import env

    secret = tmp_path / "secret_key"
    secret.write_text("uit-een-bestand\n")
    monkeypatch.setenv("SECRET_KEY", "uit-de-omgeving")
    assert env("SECRET_KEY") == "uit-de-omgeving"
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env("SECRET_KEY") == "uit-een-bestand"


def test_cluster_compose_has_the_scale_out_parts():
    """docker-compose.cluster.yml: the picture of deploy/loopback (docs/deployment.md) with engine images."""
    text = (DOCKER / "docker-compose.cluster.yml").read_text()
    services = yaml.safe_load(text)["services"]
    assert set(services) == {"db", "pgbouncer", "redis", "minio", "bucket", "migrate", "web1", "web2", "worker",
                             "beat", "haproxy"}  # fmt: skip
    assert services["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    for name in ("web1", "web2", "worker", "beat"):
        env = services[name]["environment"]
        assert (env["DB_HOST"], env["DATABASE_PGBOUNCER"], env["ZGW_STORAGE"]) == ("pgbouncer", "1", "s3"), name
        assert env["ZGW_S3_ENDPOINT_URL"] == "http://minio:9000" and env["MIGRATE_ON_START"] == "false"
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    # migrations bypass the pool
    migrate = services["migrate"]["environment"]
    assert (migrate["DB_HOST"], migrate["DATABASE_PGBOUNCER"]) == ("db", "0")
    assert services["haproxy"]["ports"] == ["127.0.0.1:8000:8000"]  # the only published port
    assert all("ports" not in service for name, service in services.items() if name != "haproxy")
    assert services["web1"]["build"]["args"]["ZGW_EXTRAS"] == "[s3]"
    refs = variables(text)
    for required in ("ZGW_DB_PASSWORD", "ZGW_SECRET_KEY", "ZGW_S3_SECRET"):
        assert refs[required] == ":?", required


def test_cluster_haproxy_config_is_valid_and_retries_like_the_loopback_one():
    config = (DOCKER / "haproxy.cluster.cfg").read_text()
    loopback = (DOCKER.parent / "deploy" / "loopback" / "haproxy.cfg.tmpl").read_text()
    for line in ("retry-on conn-failure empty-response junk-response", "option http-buffer-request",
                 "option redispatch 1", "option httpchk GET /health/ready", "tune.bufsize 65536"):  # fmt: skip
        assert line in config and line in loopback, line
    haproxy = shutil.which("haproxy")
    if haproxy:
        result = subprocess.run([haproxy, "-c", "-f", str(DOCKER / "haproxy.cluster.cfg")], capture_output=True,
                                text=True)  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
