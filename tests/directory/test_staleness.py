"""The freshness ladder: reminded at 6 months, flagged at 9, a final reminder 14 days before
hiding at 12 — one step per run, each at least 14 days after the last, each step once."""

import datetime
import io

from django.core import mail
from django.core.management import CommandError, call_command

import pytest
import time_machine

from directory.models import (
    MembershipRole,
    OrganisationMembership,
    OrganisationStatus,
    ServicePage,
    StalenessStage,
)
from directory.staleness.rules import confirm_listing, confirm_token, months_before
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

CONFIRMED = datetime.datetime(2025, 1, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def listing():
    organisation = OrganisationPageFactory(title="Lantern Trust", email="hello@lantern.example")
    ServicePageFactory(parent=organisation, title="Lantern mentoring")
    OrganisationStatus.objects.filter(organisation=organisation).update(last_confirmed_at=CONFIRMED)
    owner = UserFactory(email="owner@lantern.example")
    OrganisationMembership.objects.create(
        user=owner, organisation=organisation, role=MembershipRole.OWNER
    )
    editor = UserFactory(email="editor@lantern.example")
    OrganisationMembership.objects.create(
        user=editor, organisation=organisation, role=MembershipRole.EDITOR
    )
    return organisation


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the command `--now` at 06:00 and 18:00 on each day given (as a misconfigured
    cron might run it twice); returns what it printed."""

    def run_on(*days):
        out = io.StringIO()
        for day in days:
            for hour in (6, 18):
                now = datetime.datetime(*day, hour, tzinfo=datetime.UTC).isoformat()
                with django_capture_on_commit_callbacks(execute=True):
                    call_command("staleness_ladder", "--now", now, stdout=out)
        return out.getvalue()

    return run_on


def every_day(start, end):
    day = datetime.date(*start)
    while day <= datetime.date(*end):
        yield (day.year, day.month, day.day)
        day += datetime.timedelta(days=1)


def status_of(organisation):
    return OrganisationStatus.objects.get(organisation=organisation)


def stage(organisation):
    return status_of(organisation).staleness_stage


def is_listed(organisation):
    return ServicePage.objects.listed().filter(organisation=organisation).exists()


def test_months_before_clamps_to_the_end_of_shorter_months():
    assert months_before(datetime.datetime(2025, 8, 31), 6) == datetime.datetime(2025, 2, 28)
    assert months_before(datetime.datetime(2025, 3, 15), 12) == datetime.datetime(2024, 3, 15)
    assert months_before(datetime.date(2025, 8, 31), -6) == datetime.date(2026, 2, 28)


def test_nothing_happens_before_six_months(listing, run):
    run((2025, 7, 14))

    assert stage(listing) == StalenessStage.CURRENT
    assert mail.outbox == []


def test_at_six_months_the_owners_are_reminded_once_with_what_happens_next(listing, run):
    run((2025, 7, 15), (2025, 7, 16))

    assert stage(listing) == StalenessStage.REMINDED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@lantern.example"]  # owners, not editors
    assert message.subject == "Is your Common Ground listing for Lantern Trust still right?"
    assert "/listing/confirm/" in message.body
    assert "last confirmed on 15 January 2025" in message.body
    assert "from 15 October 2025 your listing will show as possibly out of date" in message.body
    assert "final reminder on 1 January 2026" in message.body
    assert "hidden from search results on 15 January 2026" in message.body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "Confirm your listing is still right</a>" in html
    assert is_listed(listing)


def test_at_nine_months_the_listing_is_flagged_publicly_and_the_owners_told(listing, run, client):
    run((2025, 7, 15), (2025, 10, 14))
    assert stage(listing) == StalenessStage.REMINDED

    run((2025, 10, 15), (2025, 10, 20))

    assert stage(listing) == StalenessStage.FLAGGED
    assert len(mail.outbox) == 2
    flagged = mail.outbox[1]
    assert flagged.to == ["owner@lantern.example"]
    assert "now shows as possibly out of date" in flagged.subject
    assert "/listing/confirm/" in flagged.body
    assert "final reminder on 1 January 2026" in flagged.body
    assert "hidden from search results on 15 January 2026" in flagged.body
    assert "This listing may be out of date" in client.get(listing.url).content.decode()
    assert is_listed(listing)


def test_two_weeks_before_twelve_months_a_final_reminder_names_the_day(listing, run):
    run((2025, 7, 15), (2025, 10, 15), (2025, 12, 31))
    assert stage(listing) == StalenessStage.FLAGGED

    run((2026, 1, 1))

    assert stage(listing) == StalenessStage.FINAL_REMINDER
    final = mail.outbox[-1]
    assert len(mail.outbox) == 3
    assert final.subject == (
        "Final reminder: your Common Ground listing for Lantern Trust will be hidden on "
        "15 January 2026"
    )
    assert "Your listing will be hidden on 15 January 2026" in final.body
    assert "/listing/confirm/" in final.body
    assert is_listed(listing)


def test_at_twelve_months_the_listing_is_hidden_and_the_owners_told_how_to_restore_it(listing, run):
    run((2025, 7, 15), (2025, 10, 15), (2026, 1, 1), (2026, 1, 14))
    assert stage(listing) == StalenessStage.FINAL_REMINDER

    run((2026, 1, 15), (2026, 1, 16))

    assert stage(listing) == StalenessStage.HIDDEN
    assert len(mail.outbox) == 4
    hidden = mail.outbox[-1]
    assert hidden.to == ["owner@lantern.example"]
    assert "is hidden from search results" in hidden.subject
    assert "/listing/confirm/" in hidden.body
    assert "put it back in search results" in hidden.body
    assert not is_listed(listing)
    assert ServicePage.objects.public().filter(organisation=listing).exists()


def test_a_listing_first_seen_late_starts_at_the_first_step_and_climbs_with_grace(run):
    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), tick=False):
        organisation = OrganisationPageFactory(email="info@quiet.example")
        ServicePageFactory(parent=organisation)

    run((2025, 2, 1))

    # 13 months old and never reminded: reminded only, not hidden in the same run.
    assert stage(organisation) == StalenessStage.REMINDED
    assert [message.to for message in mail.outbox] == [["info@quiet.example"]]
    reminder = mail.outbox[0].body
    assert "from 15 February 2025 your listing will show as possibly out of date" in reminder
    assert "hidden from search results on 15 March 2025" in reminder
    assert is_listed(organisation)

    run(*every_day((2025, 2, 2), (2025, 4, 1)))

    status = status_of(organisation)
    assert status.staleness_stage == StalenessStage.HIDDEN
    days = [
        moment.date()
        for moment in (
            status.reminded_at,
            status.flagged_at,
            status.final_reminded_at,
            status.hidden_at,
        )
    ]
    assert days == [
        datetime.date(2025, 2, 1),
        datetime.date(2025, 2, 15),
        datetime.date(2025, 3, 1),
        datetime.date(2025, 3, 15),
    ]
    assert len(mail.outbox) == 4
    assert "will be hidden on 15 March 2025" in mail.outbox[2].body


def test_each_step_waits_fourteen_days_after_the_one_before(listing, run):
    # Reminded late (the command did not run for a while): flagging waits for the grace.
    OrganisationStatus.objects.filter(organisation=listing).update(
        staleness_stage=StalenessStage.REMINDED,
        reminded_at=datetime.datetime(2025, 10, 10, 9, tzinfo=datetime.UTC),
    )

    run((2025, 10, 15), (2025, 10, 23))
    assert stage(listing) == StalenessStage.REMINDED

    run((2025, 10, 24))
    assert stage(listing) == StalenessStage.FLAGGED


def test_running_again_the_same_day_does_nothing_more_and_says_so(listing, run):
    first = run((2025, 7, 15))

    assert "Lantern Trust" in first and "Reminder sent" in first
    assert first.count("reminded: 1") == 1
    assert first.strip().endswith("hidden: 0")
    assert run((2025, 7, 15)).count("reminded: 0") == 2
    assert len(mail.outbox) == 1
    assert status_of(listing).reminded_at.date() == datetime.date(2025, 7, 15)


def test_the_command_refuses_a_now_that_is_not_a_date():
    with pytest.raises(CommandError, match="--now"):
        call_command("staleness_ladder", "--now", "next tuesday", stdout=io.StringIO())


def test_without_owners_the_organisations_own_address_is_told(run):
    organisation = OrganisationPageFactory(email="office@noowner.example")
    OrganisationStatus.objects.filter(organisation=organisation).update(last_confirmed_at=CONFIRMED)

    run((2025, 7, 15))

    assert [message.to for message in mail.outbox] == [["office@noowner.example"]]


def test_a_listing_a_moderator_keeps_listed_is_reminded_and_flagged_but_never_hidden(listing, run):
    OrganisationStatus.objects.filter(organisation=listing).update(keep_listed=True)

    run((2025, 7, 15), (2025, 10, 15), (2026, 1, 1), (2026, 1, 15), (2026, 6, 1))

    assert stage(listing) == StalenessStage.FLAGGED
    assert len(mail.outbox) == 2
    assert "hidden" not in mail.outbox[1].body
    assert is_listed(listing)


def test_the_one_click_link_confirms_without_signing_in_and_resets_the_ladder(listing, client, run):
    run((2025, 7, 15), (2025, 10, 15), (2026, 1, 1), (2026, 1, 15))
    assert stage(listing) == StalenessStage.HIDDEN
    token = confirm_token(listing)

    page = client.get(f"/listing/confirm/{token}/")
    assert page.status_code == 200
    assert stage(listing) == StalenessStage.HIDDEN  # a GET changes nothing

    response = client.post(f"/listing/confirm/{token}/")

    assert response.status_code == 200
    status = status_of(listing)
    assert status.staleness_stage == StalenessStage.CURRENT
    assert status.reminded_at is None and status.final_reminded_at is None
    assert status.hidden_at is None
    assert is_listed(listing)
    service_status = ServicePage.objects.get(organisation=listing).operational_status
    assert service_status.last_confirmed_at == status.last_confirmed_at


def test_a_confirm_link_works_once(listing, client):
    token = confirm_token(listing)
    client.post(f"/listing/confirm/{token}/")

    response = client.post(f"/listing/confirm/{token}/")

    assert response.status_code == 400
    assert "expired or has already been used" in response.content.decode()


def test_a_forged_or_expired_link_is_refused(listing, client):
    token = confirm_token(listing)

    assert client.get(f"/listing/confirm/{token}x/").status_code == 400
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=61)):
        assert client.get(f"/listing/confirm/{token}/").status_code == 400


def test_confirming_after_a_reminder_starts_the_clock_again(listing, run):
    run((2025, 7, 15))
    confirm_listing(listing, now=datetime.datetime(2025, 7, 20, tzinfo=datetime.UTC))

    run((2025, 12, 1), (2026, 1, 19))

    assert stage(listing) == StalenessStage.CURRENT
    assert len(mail.outbox) == 1
    run((2026, 1, 20))
    assert stage(listing) == StalenessStage.REMINDED


def test_a_welsh_translation_climbs_with_its_listing_and_the_owners_hear_once(listing, run):
    from wagtail.models import Locale

    welsh = Locale.objects.create(language_code="cy")
    translation = listing.copy_for_translation(welsh, copy_parents=True)
    translation.save_revision().publish()

    run((2025, 7, 15))

    assert len(mail.outbox) == 1
    assert stage(translation) == StalenessStage.REMINDED
    confirm_listing(listing)
    assert stage(translation) == StalenessStage.CURRENT
