"""A service page made for acting on: when it is open, what a referral must include, a number
to dial and an address to write to, categories read once, and a preview when it is shared."""

import datetime
import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine
from bs4 import BeautifulSoup

from core.models import ClientGroup, JusticeStage, Region, ServiceCategory
from directory.models import ListingDraft, ServiceOpeningHours, ServicePage, Weekday
from directory.models.display import sharing_description
from tests.factories import OrganisationPageFactory, ServicePageFactory, term
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db

T = datetime.time
# A Tuesday morning in London.
TUESDAY = datetime.datetime(2026, 12, 8, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def add_hours(service, weekday, *ranges):
    for opens, closes in ranges:
        ServiceOpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=opens, closes_at=closes
        )


@pytest.fixture
def service(tree):
    organisation = OrganisationPageFactory(title="Hope Street")
    return ServicePageFactory(
        parent=organisation,
        title="Women's move-on housing",
        description="<p>Safe homes &amp; support to keep them, for women leaving prison.</p>",
        phone="0113 496 0000 (freephone)",
        email="referrals@hopestreet.org.uk",
        referral_checklist="- Date of birth\n\n• Release date\n  Risk assessment  ",
        opening_hours_note="Closed on bank holidays",
    )


def test_opening_hours_show_every_day_with_closed_days_the_note_and_today(client, service):
    add_hours(service, Weekday.MONDAY, (T(9), T(12, 30)), (T(13, 30), T(17)))
    add_hours(service, Weekday.TUESDAY, (T(10), T(16)))

    with time_machine.travel(TUESDAY, tick=False):
        html = html_of(client, service)

    heading = html.find("h2", string="Opening hours")
    table = heading.find_next("table")
    days = {row.th.get_text(strip=True): row.td for row in table.find_all("tr")}
    assert list(days) == [
        "Monday",
        "Tuesday (today)",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert days["Monday"].get_text(strip=True) == "9am to 12:30pm, 1:30pm to 5pm"
    assert days["Tuesday (today)"].get_text(strip=True) == "10am to 4pm"
    assert "govuk-!-font-weight-bold" in days["Tuesday (today)"]["class"]
    assert days["Saturday"].get_text(strip=True) == "Closed"
    assert "Closed on bank holidays" in table.find_next("p").get_text()


def test_a_service_without_opening_times_shows_no_week(client, tree):
    service = ServicePageFactory()
    html = html_of(client, service)
    assert html.find("h2", string="Opening hours") is None


def test_what_a_referral_must_include_is_a_bulleted_checklist(client, service):
    html = html_of(client, service)

    heading = html.find("h3", string="What a referral must include")
    checklist = heading.find_next("ul")
    assert "govuk-list--bullet" in checklist["class"]
    items = [item.get_text() for item in checklist.find_all("li")]
    assert items == ["Date of birth", "Release date", "Risk assessment"]


def test_the_phone_number_dials_and_the_email_address_writes(client, service):
    html = html_of(client, service)

    phone = html.find("a", string="0113 496 0000 (freephone)")
    assert phone["href"] == "tel:01134960000"
    email = html.find("a", string="referrals@hopestreet.org.uk")
    assert email["href"] == "mailto:referrals@hopestreet.org.uk"


def test_categories_name_their_parent_once(client, tree):
    service = ServicePageFactory(
        categories=["accommodation", "supported-housing", "housing-advice", "debt-advice"]
    )

    html = html_of(client, service)

    support = html.find("dt", string="Support").find_next("dd")
    lines = [item.get_text() for item in support.find_all("li")]
    assert lines == [
        "Accommodation: Housing advice and homelessness prevention, Supported and move-on housing",
        "Finance, benefit and debt: Debt advice",
    ]


def test_a_single_category_is_shown_as_it_is(client, tree):
    service = ServicePageFactory(categories=["accommodation"])
    support = html_of(client, service).find("dt", string="Support").find_next("dd")
    assert support.get_text(strip=True) == "Accommodation"


def meta(html):
    """The page's meta tags, by name or property."""
    return {
        tag.get("name") or tag.get("property"): tag["content"]
        for tag in html.head.find_all("meta")
        if tag.get("content") is not None
    }


def test_a_service_page_has_a_description_and_a_link_preview(client, service):
    tags = meta(html_of(client, service))

    description = "Safe homes & support to keep them, for women leaving prison."
    assert tags["description"] == description
    assert tags["og:description"] == description
    assert tags["og:title"] == "Women's move-on housing"
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == "Common Ground"
    assert tags["og:url"] == "http://localhost" + service.url
    assert tags["twitter:card"] == "summary"


def test_the_promote_tabs_search_description_and_title_win(client, service):
    service.search_description = "Move-on homes for women in Leeds."
    service.seo_title = "Move-on housing for women"
    service.save()

    tags = meta(html_of(client, service))

    assert tags["description"] == tags["og:description"] == "Move-on homes for women in Leeds."
    assert tags["og:title"] == "Move-on housing for women"


def test_a_long_description_is_cut_at_a_word_within_160_characters():
    words = "Practical help with housing, benefits and debt for women leaving prison " * 4

    description = sharing_description(f"<p>{words}</p>")

    assert len(description) <= 160
    assert description.endswith("…")
    assert words.startswith(description[:-1])
    assert words[len(description) - 1] == " "  # whole words only
    assert sharing_description("<p>Short.</p>") == "Short."


def test_an_organisation_page_has_a_description_and_a_link_preview(client, tree):
    organisation = OrganisationPageFactory(
        title="Hope Street", summary="Homes and hope for women in Leeds.", phone="0113 496 0001"
    )

    html = html_of(client, organisation)
    tags = meta(html)

    assert tags["description"] == tags["og:description"] == "Homes and hope for women in Leeds."
    assert tags["og:title"] == "Hope Street"
    assert tags["og:url"] == "http://localhost" + organisation.url
    assert (tags["og:type"], tags["twitter:card"]) == ("website", "summary")
    assert html.find("a", string="0113 496 0001")["href"] == "tel:01134960001"


def test_other_pages_keep_only_the_search_description(client, tree):
    tree.home.search_description = "A directory for the justice sector."
    tree.home.save()

    tags = meta(html_of(client, tree.home))

    assert tags["description"] == "A directory for the justice sector."
    assert "og:title" not in tags


def queries_for(client, page):
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_a_service_page_makes_as_many_queries_for_a_full_week_as_for_one_day(client, tree):
    small = ServicePageFactory(categories=["housing-advice"])
    add_hours(small, Weekday.MONDAY, (T(9), T(17)))
    full = ServicePageFactory(
        categories=["accommodation", "supported-housing", "housing-advice", "debt-advice"]
    )
    for day in Weekday:
        add_hours(full, day, (T(9), T(12)), (T(13), T(17)))

    assert queries_for(client, small) == queries_for(client, full)


def test_the_checklist_can_be_given_when_listing_an_organisation(client, tree):
    client.force_login(person := VerifiedUserFactory())
    ListingDraft.objects.create(user=person, answers=earlier_steps())
    referral = {
        "referral_method": "professional",
        "referral_checklist": "Date of birth\nRelease date",
        "cost": "Free",
    }

    response = client.post(
        reverse("directory_create_listing_step", args=["how-to-refer"]), referral
    )
    assert response.status_code == 302
    check = client.get(reverse("directory_create_listing_check")).content.decode()
    assert "Date of birth<br>Release date" in check
    client.post(reverse("directory_create_listing_check"))

    service = ServicePage.objects.get(title="Move-on housing")
    assert service.referral_checklist_items == ["Date of birth", "Release date"]


def earlier_steps():
    return {
        "organisation": {
            "title": "Leeds Women's Housing Project",
            "summary_text": "We help women leaving prison in Leeds find a safe home.",
            "email": "hello@lwhp.org.uk",
        },
        "what-you-do": {
            "title": "Move-on housing",
            "description": "Safe homes.",
            "categories": [term(ServiceCategory, "housing-advice").pk],
            "delivered_in_person": True,
        },
        "where-and-who": {
            "regions": [term(Region, "yorkshire-and-the-humber").pk],
            "client_groups": [term(ClientGroup, "women").pk],
            "stages": [term(JusticeStage, "pre-release").pk],
        },
        "where-people-go": {"has_location": "no"},
    }


def test_an_organisation_page_lists_its_services_in_plain_words(client, service):
    html = html_of(client, service.get_parent().specific)

    listed = html.find("a", string="Women's move-on housing").find_next("p").get_text()
    assert listed == "Safe homes & support to keep them, for women leaving prison."
