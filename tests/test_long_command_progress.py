"""Every long command shows how far it got, as the plain lines cron and CI see (the output
here is not a terminal), and prints nothing at all with `-v 0`.

PROGRESS_INTERVAL_SECONDS = 0 gives a line per item, so a small data set shows them."""

import datetime
import io
import re
import uuid

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

import pytest

from directory.models import OrganisationStatus
from forums.models import EventCalendarState, ForumSubscription
from pipeline.models import AlertSubscription
from search.engine import client
from tests.conftest import skip_unless_available
from tests.directory.charity_commission_fixture import FIXTURE
from tests.factories import (
    EventPageFactory,
    EventRegistrationFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    ServicePageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory
from tests.forums.feedback_helpers import _survey
from tests.search.conftest import ENGINE_URL, delete_test_indexes, engine_reachable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_item_shown(settings):
    settings.PROGRESS_INTERVAL_SECONDS = 0


def run(name, *args, verbosity=1, **options):
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO(), verbosity=verbosity, **options)
    return out.getvalue()


def assert_progress_then_silence(name, *args, label, unit, total, **options):
    """A line per item ("1 of 2 ...") and the summary; then, run again at -v 0, nothing."""
    output = run(name, *args, **options)
    for count in range(1, total + 1):
        assert f"{label}: {count} of {total} {unit}" in output
    assert re.search(rf"^{label}: done: {total} {unit} in \d+s", output, re.MULTILINE)
    assert run(name, *args, verbosity=0, **options) == ""
    return output


@pytest.fixture
def forum():
    tree = build_site_tree()
    return RegionalForumPageFactory(parent=ForumIndexPageFactory(parent=tree.home))


def test_the_staleness_ladder_counts_the_listings_it_looks_at():
    confirmed = timezone.now() - datetime.timedelta(days=200)
    for title in ("Lantern Trust", "Harbour Project"):
        organisation = OrganisationPageFactory(title=title)
        OrganisationStatus.objects.filter(organisation=organisation).update(
            last_confirmed_at=confirmed
        )

    output = assert_progress_then_silence(
        "staleness_ladder", label="Listings", unit="listings", total=2
    )

    # The summary it always printed is still there at the default verbosity.
    assert "Lantern Trust" in output
    assert "reminded: 2" in output


def test_weekly_digests_count_the_subscriptions_due(forum):
    for _ in range(2):
        ForumSubscription.objects.create(
            user=VerifiedUserFactory(), forum=forum, topics=["news"], frequency="weekly"
        )

    output = assert_progress_then_silence(
        "send_notification_digests", label="Weekly digests", unit="subscriptions", total=2
    )

    assert "digests sent: 0" in output


def test_event_reminders_count_the_registrations_due(forum):
    event = EventPageFactory(parent=forum, start=timezone.now() + datetime.timedelta(hours=3))
    EventRegistrationFactory(event=event, user=VerifiedUserFactory())

    output = assert_progress_then_silence(
        "send_event_reminders", label="Event reminders", unit="registrations", total=1
    )

    assert "reminders sent: 1" in output


def test_feedback_invitations_count_the_open_surveys(forum):
    start = timezone.now() - datetime.timedelta(days=1, hours=3)
    event = EventPageFactory(parent=forum, start=start, end=start + datetime.timedelta(hours=2))
    EventCalendarState.objects.update_or_create(
        event=event, defaults={"outcomes_emailed_at": timezone.now()}
    )
    _survey(event)

    output = assert_progress_then_silence(
        "send_feedback_invitations", label="Feedback surveys", unit="surveys", total=1
    )

    assert "feedback invitations sent: 0" in output


def test_pipeline_alerts_count_the_alerts_due():
    for _ in range(2):
        AlertSubscription.objects.create(user=VerifiedUserFactory())

    output = assert_progress_then_silence(
        "send_pipeline_alerts", label="Pipeline alerts", unit="alerts", total=2
    )

    assert "alert digests sent: 0" in output


@pytest.fixture
def engine(settings):
    """A search engine with an index prefix of this test's own, removed afterwards."""
    skip_unless_available(engine_reachable(ENGINE_URL), "no search engine: set TEST_SEARCH_URL")
    settings.SEARCH_URL = ENGINE_URL
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}-"
    settings.SEARCH_TIMEOUT = 30  # a busy test machine is slow to create an index
    cache.clear()
    yield client(ENGINE_URL)
    cache.clear()
    delete_test_indexes(ENGINE_URL, settings.SEARCH_INDEX_PREFIX)


def test_rebuilding_the_search_index_counts_documents_as_they_are_indexed(engine):
    build_site_tree()
    organisation = OrganisationPageFactory(title="Lantern Trust")
    for title in ("Lantern mentoring", "Lantern housing", "Lantern money advice"):
        ServicePageFactory(parent=organisation, title=title)

    output = run("rebuild_search_index", "--index", "services")

    for count in (1, 2, 3):
        assert f"Indexing services: {count} of 3 documents" in output
    assert re.search(r"^Indexing services: done: 3 documents", output, re.MULTILINE)
    assert re.search(r"^services: 3 documents into \S+ in ", output, re.MULTILINE)
    assert run("rebuild_search_index", "--index", "services", verbosity=0) == ""


def test_loading_the_demo_data_shows_each_part_then_nothing_with_v0():
    output = run("load_demo_data")

    organisations = re.search(r"^Organisations: 1 of (\d+) organisations", output, re.MULTILINE)
    assert organisations, output
    total = int(organisations[1])
    assert total > 100
    assert f"Organisations: {total} of {total} organisations" in output
    assert re.search(r"^Services: \d+ of \d+ services", output, re.MULTILINE)
    assert re.search(r"^Forums: done: 4 regions", output, re.MULTILINE)
    assert re.search(r"^Pipeline: done: [1-9]\d* opportunities created", output, re.MULTILINE)
    # The summary is still printed after the progress.
    assert re.search(rf"^Organisations: {total} created", output, re.MULTILINE)

    assert run("load_demo_data", verbosity=0) == ""


def test_the_charity_import_counts_the_records_it_reads():
    build_site_tree()
    output = run("import_charity_commission", str(FIXTURE))
    assert re.search(r"^Charity records: 1 records", output, re.MULTILINE)
    assert re.search(r"^Charity records: done: 9 records in \d+s", output, re.MULTILINE)
    assert "Created: 5" in output
    assert run("import_charity_commission", str(FIXTURE), verbosity=0) == ""


def test_the_open_data_build_counts_what_it_writes(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path
    tree = build_site_tree()
    for title in ("Lantern Trust", "Harbour Project"):
        ServicePageFactory(parent=OrganisationPageFactory(parent=tree.directory, title=title))
    output = run("build_open_data")
    assert "directory.csv: 1 of" not in output  # no total: counts only
    assert re.search(r"^directory\.csv: 1 services", output, re.MULTILINE)
    assert re.search(r"^directory\.csv: done: 2 services in \d+s", output, re.MULTILINE)
    assert re.search(r"^directory\.json: done: 4 records in \d+s", output, re.MULTILINE)
    assert run("build_open_data", verbosity=0) == ""
