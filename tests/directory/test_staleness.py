"""The staleness ladder: reminded at 6 months, flagged at 9, hidden at 12 — each step once."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

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
    return organisation


def run_twice_on(day, capture):
    """Run the daily command twice on the same day, as a misconfigured cron might."""
    for hour in (6, 18):
        moment = day.replace(hour=hour)
        with time_machine.travel(moment, tick=False), capture(execute=True):
            call_command("staleness_ladder", stdout=io.StringIO())


def stage(organisation):
    return OrganisationStatus.objects.get(organisation=organisation).staleness_stage


def test_months_before_clamps_to_the_end_of_shorter_months():
    assert months_before(datetime.datetime(2025, 8, 31), 6) == datetime.datetime(2025, 2, 28)
    assert months_before(datetime.datetime(2025, 3, 15), 12) == datetime.datetime(2024, 3, 15)


def test_nothing_happens_before_six_months(listing, django_capture_on_commit_callbacks):
    run_twice_on(
        datetime.datetime(2025, 7, 14, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    assert stage(listing) == StalenessStage.CURRENT
    assert mail.outbox == []


def test_owners_are_reminded_once_at_six_months(listing, django_capture_on_commit_callbacks):
    run_twice_on(
        datetime.datetime(2025, 7, 15, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )
    run_twice_on(
        datetime.datetime(2025, 7, 16, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    assert stage(listing) == StalenessStage.REMINDED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@lantern.example"]
    assert "Lantern Trust" in message.subject
    assert "/listing/confirm/" in message.body
    assert message.alternatives[0][1] == "text/html"
    # Still listed and not flagged.
    assert ServicePage.objects.listed().filter(organisation=listing).exists()


def test_the_listing_is_flagged_once_at_nine_months(
    listing, client, django_capture_on_commit_callbacks
):
    run_twice_on(
        datetime.datetime(2025, 7, 15, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )
    run_twice_on(
        datetime.datetime(2025, 10, 15, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )
    flagged_at = OrganisationStatus.objects.get(organisation=listing).flagged_at
    run_twice_on(
        datetime.datetime(2025, 10, 20, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    assert stage(listing) == StalenessStage.FLAGGED
    assert OrganisationStatus.objects.get(organisation=listing).flagged_at == flagged_at
    assert len(mail.outbox) == 1
    assert "This listing may be out of date" in client.get(listing.url).content.decode()
    assert ServicePage.objects.listed().filter(organisation=listing).exists()


def test_the_listing_is_hidden_at_twelve_months_unless_a_moderator_keeps_it(
    listing, django_capture_on_commit_callbacks
):
    for day in [(2025, 7, 15), (2025, 10, 15), (2026, 1, 15), (2026, 1, 16)]:
        run_twice_on(
            datetime.datetime(*day, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
        )

    assert stage(listing) == StalenessStage.HIDDEN
    assert len(mail.outbox) == 1
    assert not ServicePage.objects.listed().filter(organisation=listing).exists()
    assert ServicePage.objects.public().filter(organisation=listing).exists()

    OrganisationStatus.objects.filter(organisation=listing).update(keep_listed=True)
    assert ServicePage.objects.listed().filter(organisation=listing).exists()


def test_a_listing_never_confirmed_climbs_from_its_first_publication(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), tick=False):
        organisation = OrganisationPageFactory(email="info@quiet.example")

    run_twice_on(
        datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    assert stage(organisation) == StalenessStage.HIDDEN
    # Jumping straight to hidden still tells the organisation, once.
    assert [message.to for message in mail.outbox] == [["info@quiet.example"]]


def test_the_one_click_link_confirms_without_signing_in_and_resets_the_ladder(
    listing, client, django_capture_on_commit_callbacks
):
    run_twice_on(
        datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )
    assert stage(listing) == StalenessStage.HIDDEN
    token = confirm_token(listing)

    page = client.get(f"/listing/confirm/{token}/")
    assert page.status_code == 200
    assert stage(listing) == StalenessStage.HIDDEN  # a GET changes nothing

    response = client.post(f"/listing/confirm/{token}/")

    assert response.status_code == 200
    status = OrganisationStatus.objects.get(organisation=listing)
    assert status.staleness_stage == StalenessStage.CURRENT
    assert status.reminded_at is None and status.hidden_at is None
    assert ServicePage.objects.listed().filter(organisation=listing).exists()
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


def test_confirming_after_a_reminder_starts_the_clock_again(
    listing, django_capture_on_commit_callbacks
):
    run_twice_on(
        datetime.datetime(2025, 7, 15, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )
    confirm_listing(listing, now=datetime.datetime(2025, 7, 20, tzinfo=datetime.UTC))

    run_twice_on(
        datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC), django_capture_on_commit_callbacks
    )

    assert stage(listing) == StalenessStage.CURRENT
    assert len(mail.outbox) == 1
