"""The Docker files: the Dockerfile passes hadolint, the compose file has every service the docs promise."""

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


def test_compose_has_web_worker_beat_database_and_redis():
    compose = yaml.safe_load((DOCKER / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert "healthcheck" in services["db"] and "healthcheck" in services["redis"]
    assert services["worker"]["command"][:3] == ["celery", "-A", "zgw"] and "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    assert services["web"]["environment"]["NOTIFICATIONS_DELIVERY"] == "celery"
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "media" in compose["volumes"]
