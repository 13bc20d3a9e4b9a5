"""The client resolution cache: one shared generation key, per-process memo, invalidated by every write."""

from zgw.autorisaties import services
from zgw.autorisaties.models import ClientCredential
from zgw.autorisaties.selectors import ApplicatieClientProvider, applicatie_for_client_id
from zgw.autorisaties.services import AutorisatieData


def test_other_processes_see_changes_at_their_next_request(db, django_assert_num_queries):
    services.ensure_client("proc", "secret-one", heeft_alle_autorisaties=True)
    process_a, process_b = ApplicatieClientProvider(), ApplicatieClientProvider()
    assert process_b.get_secret("proc") == "secret-one"
    assert process_b.get_client("proc").heeft_alle_autorisaties is True
    with django_assert_num_queries(0):  # memoised: no database work on the next request
        process_b.get_secret("proc")
        process_b.get_client("proc")

    applicatie = applicatie_for_client_id("proc")
    services.update_applicatie(
        applicatie,
        {"heeft_alle_autorisaties": False,
         "autorisaties": [AutorisatieData(component="ztc", scopes=["catalogi.lezen"])]},
        partial=True,
    )
    services.set_client_credential("proc", "secret-two")
    assert process_a.get_secret("proc") == "secret-two"
    assert process_b.get_secret("proc") == "secret-two"
    client = process_b.get_client("proc")
    assert client.heeft_alle_autorisaties is False
    assert client.scopes_for("ztc") == {"catalogi.lezen"}


def test_memo_expires_after_the_configured_time(db, settings):
    services.ensure_client("aged", "s1", heeft_alle_autorisaties=True)
    provider = ApplicatieClientProvider()
    assert provider.get_secret("aged") == "s1"
    ClientCredential.objects.filter(client_id="aged").update(secret="s2")  # behind the application's back
    assert provider.get_secret("aged") == "s1"
    settings.AUTORISATIES_CACHE_SECONDS = -1
    assert provider.get_secret("aged") == "s2"


def test_a_client_created_elsewhere_works_at_once(db):
    provider = ApplicatieClientProvider()
    assert provider.get_secret("late") is None
    ClientCredential.objects.create(client_id="late", secret="late-secret")  # e.g. zgw_client in another process
    assert provider.get_secret("late") == "late-secret"
    assert provider.get_client("late") is None
    services.create_applicatie(services.ApplicatieData(client_ids=["late"], label="late", heeft_alle_autorisaties=True))
    assert provider.get_client("late").heeft_alle_autorisaties is True
