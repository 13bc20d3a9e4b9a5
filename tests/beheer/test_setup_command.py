"""zgw_setup: applies a deployment description idempotently, in one transaction."""

import io

import pytest
from django.core.management import CommandError, call_command

from zgw.autorisaties.models import Applicatie, ClientCredential
from zgw.common.models import Service, SiteConfiguration

CONFIG = """
site:
  base_url: https://zgw.example.nl/
applicaties:
  - label: Zaaksysteem
    client_ids: [zaaksysteem, zaaksysteem-2]
    secret: ${ZS_SECRET}
    autorisaties:
      - component: zrc
        scopes: [zaken.lezen]
        zaaktype: https://catalogi.elders.nl/api/v1/zaaktypen/7b6e5e9c-0000-4000-8000-000000000001
        max_vertrouwelijkheidaanduiding: intern
  - label: Beheer
    client_ids: [beheer]
    secret: beheer-secret
    heeft_alle_autorisaties: true
services:
  - label: DRC elders
    api_root: https://drc.elders.nl/api/v1/
    client_id: zgw
    secret: ${DRC_SECRET}
"""


def run(path) -> str:
    out = io.StringIO()
    call_command("zgw_setup", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ZS_SECRET", "zs-secret-from-env")
    monkeypatch.setenv("DRC_SECRET", "drc-secret-from-env")
    path = tmp_path / "setup.yaml"
    path.write_text(CONFIG)
    return path


def test_apply_creates_everything(config_file, db):
    output = run(config_file)
    assert "3 created, 1 updated, 0 unchanged" in output
    zaaksysteem = Applicatie.objects.get(label="Zaaksysteem")
    assert zaaksysteem.client_id_list == ["zaaksysteem", "zaaksysteem-2"]
    assert zaaksysteem.autorisaties.get().max_vertrouwelijkheidaanduiding == "intern"
    assert ClientCredential.objects.get(client_id="zaaksysteem-2").secret == "zs-secret-from-env"
    assert Service.objects.get().secret == "drc-secret-from-env"
    assert SiteConfiguration.get().base_url == "https://zgw.example.nl"


def test_apply_twice_changes_nothing(config_file, db):
    run(config_file)
    assert "0 created, 0 updated, 4 unchanged" in run(config_file)
    assert Applicatie.objects.count() == 2


def test_changes_are_applied_to_existing_objects(config_file, db):
    run(config_file)
    config_file.write_text(CONFIG.replace("intern", "geheim").replace("DRC elders", "DRC"))
    output = run(config_file)
    assert "updated   applicatie Zaaksysteem" in output and "updated   service" in output
    assert Applicatie.objects.get(label="Zaaksysteem").autorisaties.get().max_vertrouwelijkheidaanduiding == "geheim"


def test_missing_environment_variable_fails(tmp_path, db, monkeypatch):
    monkeypatch.delenv("ZS_SECRET", raising=False)
    path = tmp_path / "setup.yaml"
    path.write_text(CONFIG)
    with pytest.raises(CommandError, match="ZS_SECRET"):
        run(path)


def test_invalid_part_applies_nothing(config_file, db):
    broken = """  - label: Broken
    client_ids: [broken]
    secret: x
    autorisaties:
      - component: zrc
        scopes: [zaken.lezen]
services:"""
    config_file.write_text(CONFIG.replace("services:", broken))
    with pytest.raises(CommandError, match="invalid"):
        run(config_file)
    assert not Applicatie.objects.exists()
    assert not Service.objects.exists()


def test_service_without_api_root_is_an_error(tmp_path, db):
    path = tmp_path / "setup.yaml"
    path.write_text("services:\n  - label: x\n")
    with pytest.raises(CommandError, match="api_root"):
        run(path)


NOTIFICATIES = """
notificaties:
  kanalen:
    - naam: extern
      documentatie_link: https://example.nl/kanalen/extern
      filters: [bron]
  abonnementen:
    - callback_url: https://ontvanger.example.nl/callback
      auth: Bearer ${CALLBACK_TOKEN}
      kanalen:
        - naam: extern
          filters: {bron: "123456782"}
"""


def test_kanalen_and_abonnementen(tmp_path, db, monkeypatch):
    import responses

    from zgw.notificaties.models import Abonnement, Kanaal

    monkeypatch.setenv("CALLBACK_TOKEN", "t0ken")
    path = tmp_path / "setup.yaml"
    path.write_text(NOTIFICATIES)
    with responses.RequestsMock() as mock:
        callback = mock.post("https://ontvanger.example.nl/callback", status=204)
        assert "2 created" in run(path)
        assert callback.call_count == 1  # the callback check of the Notificaties API ran
        assert callback.calls[0].request.headers["Authorization"] == "Bearer t0ken"
    assert Kanaal.objects.get(naam="extern").filters == ["bron"]
    abonnement = Abonnement.objects.get()
    assert [(g.kanaal.naam, g.filters) for g in abonnement.filter_groups.all()] == [("extern", {"bron": "123456782"})]
    assert "0 created, 0 updated, 2 unchanged" in run(path)
    path.write_text(NOTIFICATIES.replace('"123456782"', '"*"'))
    assert "1 updated" in run(path)
    assert abonnement.filter_groups.get().filters == {"bron": "*"}
