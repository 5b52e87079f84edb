"""Opening hours: per day, more than one range a day, closed days, a note; checked the same
way in the Wagtail admin and in the self-service form, and reviewed by moderators."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
from bs4 import BeautifulSoup

from core.models import Region, ServiceCategory
from directory.listings.rules import approve_submission
from directory.models import ListingSubmission, ServiceOpeningHours, ServicePage, Weekday
from directory.models.opening_hours import opening_week, overlapping_ranges, parse_time
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.factories.accounts import ModeratorFactory, StaffUserFactory, member_of

pytestmark = pytest.mark.django_db

T = datetime.time


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("9am", T(9)),
        ("9 AM", T(9)),
        ("5:30pm", T(17, 30)),
        ("5.30 p.m.", T(17, 30)),
        ("17:30", T(17, 30)),
        ("0915", T(9, 15)),
        ("09:00:00", T(9)),
        ("12pm", T(12)),
        ("midday", T(12)),
        ("12am", T(0)),
        ("midnight", T(0)),
        ("24:00", T(0)),
        ("", None),
    ],
)
def test_times_are_read_as_people_write_them(typed, time):
    assert parse_time(typed) == time


@pytest.mark.parametrize("typed", ["25:00", "13pm", "0am", "9:75", "nine", "9-5"])
def test_text_that_is_not_a_time_is_refused(typed):
    with pytest.raises(ValueError):
        parse_time(typed)


def hours(weekday, opens, closes):
    return ServiceOpeningHours(weekday=weekday, opens_at=opens, closes_at=closes)


def test_a_range_must_close_after_it_opens():
    with pytest.raises(ValidationError) as error:
        hours(Weekday.MONDAY, T(17), T(9)).clean()
    assert error.value.message_dict == {
        "closes_at": ["The closing time must be after the opening time"]
    }
    with pytest.raises(ValidationError):
        hours(Weekday.MONDAY, T(9), T(9)).clean()


def test_closing_at_midnight_means_the_end_of_the_day():
    hours(Weekday.FRIDAY, T(18), T(0)).clean()
    week = opening_week([hours(Weekday.FRIDAY, T(18), T(0)), hours(Weekday.SUNDAY, T(0), T(0))])
    assert week[Weekday.FRIDAY]["ranges"] == ["6pm to midnight"]
    assert week[Weekday.SUNDAY]["ranges"] == ["Open all day"]


def test_ranges_that_overlap_on_a_day_are_found_and_other_days_are_not_compared():
    ranges = [
        (Weekday.MONDAY, T(9), T(12, 30)),
        (Weekday.MONDAY, T(12), T(17)),
        (Weekday.TUESDAY, T(9), T(17)),
        (Weekday.TUESDAY, T(17), T(19)),
        (Weekday.WEDNESDAY, T(9), T(17)),
    ]
    assert overlapping_ranges(ranges) == [(Weekday.MONDAY, T(12), T(17))]


def test_a_week_lists_every_day_with_its_ranges_closed_days_and_today():
    week = opening_week(
        [
            hours(Weekday.MONDAY, T(13, 30), T(17)),
            hours(Weekday.MONDAY, T(9), T(12, 30)),
            hours(Weekday.WEDNESDAY, T(10), T(12)),
        ],
        today=Weekday.WEDNESDAY,
    )
    assert [day["day"].label for day in week] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert week[0]["ranges"] == ["9am to 12:30pm", "1:30pm to 5pm"]
    assert week[1]["closed"] and not week[0]["closed"]
    assert week[2]["ranges"] == ["10am to midday"]
    assert [day["is_today"] for day in week] == [False, False, True, False, False, False, False]


def test_a_service_without_opening_times_has_no_week():
    assert opening_week([]) == []


def test_each_row_maps_to_an_open_referral_weekly_schedule_day():
    assert [Weekday(day).byday for day in Weekday] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert hours(Weekday.THURSDAY, T(9), T(17)).byday == "TH"


# The Wagtail admin ----------------------------------------------------------------------------


def admin_service_form(opening_hours):
    data = nested_form_data(
        {
            "title": "Drop-in",
            "slug": "drop-in",
            "description": rich_text("<p>Advice without an appointment.</p>"),
            "status": "active",
            "referral_method": "both",
            "referral_checklist": "Date of birth\nRelease date",
            "opening_hours_note": "Closed on bank holidays",
            "cost": "Free",
            "delivered_in_person": "on",
            "locations": inline_formset([]),
            "opening_hours": inline_formset(opening_hours),
        }
    )
    data["categories"] = [ServiceCategory.objects.get(slug="housing-advice").pk]
    data["regions"] = [Region.objects.get(slug="london").pk]
    return data


def admin_add_url(organisation):
    return reverse("wagtailadmin_pages:add", args=["directory", "servicepage", organisation.pk])


def test_staff_give_opening_times_and_a_checklist_in_the_admin(client, tree):
    organisation = OrganisationPageFactory()
    client.force_login(StaffUserFactory())
    data = admin_service_form(
        [
            {"weekday": "1", "opens_at": "09:00", "closes_at": "12:30"},
            {"weekday": "1", "opens_at": "13:30", "closes_at": "17:00"},
        ]
    )

    form_page = client.get(admin_add_url(organisation)).content.decode()
    response = client.post(admin_add_url(organisation), data)

    assert "Opening times" in form_page and "What a referral must include" in form_page
    assert response.status_code == 302
    service = ServicePage.objects.get(slug="drop-in")
    assert [(row.weekday, row.opens_at, row.closes_at) for row in service.opening_hours.all()] == [
        (Weekday.TUESDAY, T(9), T(12, 30)),
        (Weekday.TUESDAY, T(13, 30), T(17)),
    ]
    assert service.referral_checklist_items == ["Date of birth", "Release date"]
    assert service.opening_hours_note == "Closed on bank holidays"


def test_the_admin_shows_overlapping_and_backwards_times_next_to_their_rows(client, tree):
    organisation = OrganisationPageFactory()
    client.force_login(StaffUserFactory())
    data = admin_service_form(
        [
            {"weekday": "0", "opens_at": "09:00", "closes_at": "13:00"},
            {"weekday": "0", "opens_at": "12:00", "closes_at": "17:00"},
            {"weekday": "2", "opens_at": "17:00", "closes_at": "09:00"},
        ]
    )

    response = client.post(admin_add_url(organisation), data)

    assert response.status_code == 200
    rows = response.context["form"].formsets["opening_hours"].forms
    assert rows[0].errors == {}
    assert rows[1].errors == {"opens_at": ["Opening times on the same day must not overlap"]}
    assert rows[2].errors == {"closes_at": ["The closing time must be after the opening time"]}
    assert not ServicePage.objects.filter(slug="drop-in").exists()


# The self-service form ------------------------------------------------------------------------


@pytest.fixture
def service(tree):
    organisation = OrganisationPageFactory(title="Hope Street")
    return ServicePageFactory(parent=organisation, title="Mentoring", categories=["mentoring"])


@pytest.fixture
def owner(client, service):
    user = member_of(service.organisation, "owner")
    client.force_login(user)
    return user


def edit_url(service):
    return reverse("directory_edit_service", args=[service.organisation_id, service.pk])


def form_data(service, **changes):
    """What the edit page posts: the service as its form shows it, with `changes`."""
    from directory.listings.rules import latest_version, service_initial

    data = {}
    for name, value in service_initial(latest_version(service)).items():
        if isinstance(value, list):
            data[name] = [item.pk for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data.update(changes)
    return data


MONDAY_WITH_A_BREAK = {
    "monday_opens_1": "9am",
    "monday_closes_1": "12:30pm",
    "monday_opens_2": "1:30pm",
    "monday_closes_2": "5pm",
}


def saved_hours(page):
    return [(row.weekday, row.opens_at, row.closes_at) for row in page.opening_hours.all()]


def test_an_owner_gives_opening_hours_and_they_are_public_once_approved(client, service, owner):
    response = client.post(
        edit_url(service),
        form_data(service, **MONDAY_WITH_A_BREAK, opening_hours_note="Closed on bank holidays"),
    )

    assert response.status_code == 302
    assert "12:30pm" not in client.get(service.url).content.decode()
    approve_submission(ListingSubmission.objects.get(), ModeratorFactory())
    service.refresh_from_db()
    assert saved_hours(service) == [
        (Weekday.MONDAY, T(9), T(12, 30)),
        (Weekday.MONDAY, T(13, 30), T(17)),
    ]
    assert service.opening_hours_note == "Closed on bank holidays"
    page = client.get(service.url).content.decode()
    assert "9am to 12:30pm, 1:30pm to 5pm" in page and "Closed on bank holidays" in page


def test_mistakes_are_explained_next_to_each_day_and_what_was_typed_is_kept(client, service, owner):
    changes = {
        **MONDAY_WITH_A_BREAK,
        "monday_opens_2": "12pm",
        "tuesday_opens_1": "9am",
        "wednesday_opens_1": "5pm",
        "wednesday_closes_1": "9am",
        "friday_opens_1": "nine",
        "friday_closes_1": "5pm",
    }

    response = client.post(edit_url(service), form_data(service, **changes))

    assert response.status_code == 200
    assert not ListingSubmission.objects.exists()
    html = BeautifulSoup(response.content, "html.parser")
    summary = [link["href"] for link in html.select(".govuk-error-summary__list a")]
    assert summary == [
        "#id_monday_opens_2",
        "#id_tuesday_closes_1",
        "#id_wednesday_closes_1",
        "#id_friday_opens_1",
    ]
    messages = {
        fieldset.legend.get_text(strip=True): [
            error.get_text(" ", strip=True) for error in fieldset.select(".govuk-error-message")
        ]
        for fieldset in html.select("fieldset")
        if fieldset.select(".govuk-error-message")
    }
    assert messages == {
        "Monday": ["Error: Monday’s opening times must not overlap"],
        "Tuesday": ["Error: Enter the time the service closes on Tuesday"],
        "Wednesday": ["Error: Wednesday’s closing time must be after its opening time"],
        "Friday": ["Error: Enter Friday’s opening time like 9am or 1:30pm"],
    }
    assert html.find(id="id_friday_opens_1")["value"] == "nine"
    assert "govuk-input--error" in html.find(id="id_friday_opens_1")["class"]
    assert html.title.get_text().startswith("Error:")


def test_the_edit_page_shows_saved_times_as_typed_and_a_box_pair_for_every_range(
    client, service, owner
):
    for opens, closes in [(T(9), T(11)), (T(12), T(14)), (T(15), T(17))]:
        ServiceOpeningHours.objects.create(
            service=service, weekday=Weekday.THURSDAY, opens_at=opens, closes_at=closes
        )

    html = BeautifulSoup(client.get(edit_url(service)).content, "html.parser")

    thursday = next(f for f in html.select("fieldset") if f.legend.get_text() == "Thursday")
    assert [(i["name"], i.get("value")) for i in thursday.select("input")] == [
        ("thursday_opens_1", "9am"),
        ("thursday_closes_1", "11am"),
        ("thursday_opens_2", "12pm"),
        ("thursday_closes_2", "2pm"),
        ("thursday_opens_3", "3pm"),
        ("thursday_closes_3", "5pm"),
    ]
    labels = [label.get_text(strip=True) for label in thursday.select("label")]
    assert labels[:4] == ["Opens", "Closes", "Opens again", "Closes again"]
    # Saving the page unchanged keeps every range.
    client.post(edit_url(service), form_data(service))
    revision = ListingSubmission.objects.get().revisions.get().as_object()
    assert len(saved_hours(revision)) == 3


def test_the_form_works_without_javascript_as_plain_boxes_in_a_fieldset_per_day(
    client, service, owner
):
    html = BeautifulSoup(client.get(edit_url(service)).content, "html.parser")

    assert html.h1.get_text() == "Change the details of Mentoring"
    assert html.title.get_text().startswith("Change the details of Mentoring – ")
    form = html.select_one("main form")
    assert form["method"] == "post"
    legends = [fieldset.legend.get_text() for fieldset in form.select("fieldset[role=group]")]
    assert legends == [day.label for day in Weekday]
    monday = form.find(id="id_monday_opens_1")
    assert (monday["type"], monday.get("value", "")) == ("text", "")
    hint = form.find(id="opening-hours-hint").get_text(" ", strip=True)
    assert "Leave a day empty if the service is closed" in hint
    assert form.find(id="id_opening_hours_note") is not None
    assert form.find(id="id_referral_checklist").name == "textarea"


def test_emptying_a_day_closes_it(client, service, owner):
    ServiceOpeningHours.objects.create(
        service=service, weekday=Weekday.MONDAY, opens_at=T(9), closes_at=T(17)
    )
    client.post(edit_url(service), form_data(service, monday_opens_1="", monday_closes_1=""))
    approve_submission(ListingSubmission.objects.get(), ModeratorFactory())
    service.refresh_from_db()
    assert saved_hours(service) == []


def test_a_new_service_can_be_given_opening_hours_and_a_checklist(client, service, owner):
    data = form_data(
        service,
        title="Housing advice",
        referral_checklist="Date of birth\nRelease date",
        **MONDAY_WITH_A_BREAK,
    )
    client.post(reverse("directory_add_service", args=[service.organisation_id]), data)
    approve_submission(ListingSubmission.objects.get(), ModeratorFactory())
    new = ServicePage.objects.get(title="Housing advice")
    assert new.live and len(saved_hours(new)) == 2
    assert new.referral_checklist_items == ["Date of birth", "Release date"]


def test_moderators_review_changed_hours_and_checklist_before_they_are_public(
    client, service, owner
):
    changes = {**MONDAY_WITH_A_BREAK, "referral_checklist": "Risk assessment"}
    client.post(edit_url(service), form_data(service, **changes))
    submission = ListingSubmission.objects.get()
    client.force_login(ModeratorFactory())

    review = client.get(reverse("moderation:submission", args=[submission.pk]))

    html = BeautifulSoup(review.content, "html.parser")
    changed = {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in html.select("tbody tr")
        if row.th
    }
    assert "Risk assessment" in changed["What a referral must include"]
    assert "12:30" in changed["Opening hours"]
    # The submitted version previews as it will look: Wagtail serves it from the revision.
    preview = submission.revisions.get().as_object().make_preview_request()
    assert "9am to 12:30pm, 1:30pm to 5pm" in preview.rendered_content
