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
