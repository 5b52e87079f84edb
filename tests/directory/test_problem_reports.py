"""Anyone can report that a listing is wrong; owners and moderators hear about it."""

from django.core import mail
from django.core.cache import cache

import pytest

from directory.models import (
    ListingProblemReport,
    MembershipRole,
    OrganisationMembership,
)
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def organisation():
    organisation = OrganisationPageFactory(title="Lantern Trust", email="hello@lantern.example")
    OrganisationMembership.objects.create(
        user=UserFactory(email="owner@lantern.example"),
        organisation=organisation,
        role=MembershipRole.OWNER,
    )
    return organisation


def url(organisation, service=None):
    path = f"/listing/{organisation.pk}/report-a-problem/"
    return f"{path}?service={service.pk}" if service else path


def test_the_service_page_links_to_the_report_form(client, organisation):
    service = ServicePageFactory(parent=organisation)

    page = client.get(service.url).content.decode()

    assert url(organisation, service).replace("&", "&amp;") in page


def test_a_visitor_reports_a_problem_without_an_account(
    client, organisation, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(parent=organisation, title="Lantern mentoring")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(organisation, service),
            {"what_is_wrong": "The phone number is dead.", "service": service.pk},
        )

    assert response.status_code == 200
    assert "Report sent" in response.content.decode()
    report = ListingProblemReport.objects.get()
    assert report.service == service and report.organisation == organisation
    assert report.status == "open"
    assert [message.to for message in mail.outbox] == [["owner@lantern.example"]]
    assert "The phone number is dead." in mail.outbox[0].body


def test_an_empty_report_is_refused_next_to_the_field_and_the_email_is_kept(client, organisation):
    response = client.post(url(organisation), {"what_is_wrong": "  ", "contact_email": "me@x.org"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tell us what is wrong with this listing" in page
    assert 'value="me@x.org"' in page
    assert not ListingProblemReport.objects.exists()


def test_a_bad_email_address_gets_a_clear_message(client, organisation):
    response = client.post(url(organisation), {"what_is_wrong": "Closed", "contact_email": "nope"})

    assert "Enter an email address in the correct format" in response.content.decode()
    assert not ListingProblemReport.objects.exists()


def test_script_in_a_report_is_shown_as_text(
    client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(organisation), {"what_is_wrong": "<script>alert(1)</script>"})

    assert "<script>" not in mail.outbox[0].alternatives[0][0]
    assert "&lt;script&gt;" in mail.outbox[0].alternatives[0][0]


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_stored(client, organisation):
    response = client.post(url(organisation), {"what_is_wrong": "Buy pills", "website": "spam"})

    assert "Report sent" in response.content.decode()
    assert not ListingProblemReport.objects.exists()


def test_too_many_reports_from_one_address_are_refused_and_nothing_is_lost(client, organisation):
    for number in range(5):
        client.post(url(organisation), {"what_is_wrong": f"Report {number}"})

    response = client.post(url(organisation), {"what_is_wrong": "One more"})

    assert response.status_code == 429
    assert "One more" in response.content.decode()
    assert ListingProblemReport.objects.count() == 5


def test_a_service_of_another_organisation_or_nonsense_ids_give_404(client, organisation):
    other = ServicePageFactory()

    assert client.get(url(organisation, other)).status_code == 404
    assert (
        client.get(f"/listing/{organisation.pk}/report-a-problem/?service=abc").status_code == 404
    )
    assert client.get("/listing/999999/report-a-problem/").status_code == 404


@pytest.mark.parametrize("service", ["%C2%B2", "9" * 30, "1%00", "-1"])
def test_ids_that_are_not_plain_numbers_give_404(client, organisation, service):
    # "²".isdigit() is true but int("²") fails; a huge id overflows SQLite's integers.
    path = f"/listing/{organisation.pk}/report-a-problem/"

    assert client.get(f"{path}?service={service}").status_code == 404
    assert client.post(f"{path}?service={service}", {"what_is_wrong": "Closed"}).status_code == 404
    assert not ListingProblemReport.objects.exists()


def test_a_double_clicked_report_is_stored_and_sent_once(
    client, organisation, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(parent=organisation)
    data = {"what_is_wrong": "The phone number is dead.", "contact_email": "me@example.org"}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(organisation, service), data)
        second = client.post(url(organisation, service), data)

    assert first.status_code == second.status_code == 200
    assert "Report sent" in second.content.decode()
    assert ListingProblemReport.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_report_from_someone_else_without_an_account_is_not_stored_twice(
    client, organisation
):
    from django.test import Client

    data = {"what_is_wrong": "  Closed since May. "}
    client.post(url(organisation), data)
    Client().post(url(organisation), {"what_is_wrong": "Closed since May."})

    assert ListingProblemReport.objects.count() == 1


def test_different_or_later_reports_are_all_stored(client, organisation):
    import datetime

    import time_machine

    from directory.problem_reports.rules import DUPLICATE_WINDOW

    service = ServicePageFactory(parent=organisation)
    client.post(url(organisation), {"what_is_wrong": "Closed"})
    client.post(url(organisation, service), {"what_is_wrong": "Closed"})  # another listing
    client.post(url(organisation), {"what_is_wrong": "Moved"})  # another problem
    client.post(url(organisation), {"what_is_wrong": "Closed", "contact_email": "a@b.org"})
    later = datetime.datetime.now(datetime.UTC) + DUPLICATE_WINDOW + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        client.post(url(organisation), {"what_is_wrong": "Closed"})  # reported again later

    assert ListingProblemReport.objects.count() == 5
