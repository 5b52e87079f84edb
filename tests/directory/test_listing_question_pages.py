"""The listing journeys as GOV.UK question pages: every group of options is one question (a
fieldset whose legend asks it) with its error on the whole group; kinds of support grouped by
area; radios that reveal the charity number; autocomplete and widths on every text box; an h1
and a matching title on every page."""

import re

from django.core.cache import cache
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from core.models import ServiceCategory
from directory.listings.forms import OrganisationBasicsForm, ServiceWhatForm
from directory.models import ListingDraft
from tests.factories import OrganisationPageFactory, ServicePageFactory, term
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.team import OwnerFactory

pytestmark = pytest.mark.django_db

TEXT_BOXES = "input[type=text], input[type=email], input[type=url], input[type=tel]"
WIDTHS = re.compile(r"govuk-input--width-\d+|govuk-!-width-")


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def person(client, tree):
    user = VerifiedUserFactory(email="sam@lwhp.org.uk")
    client.force_login(user)
    return user


@pytest.fixture
def listing(tree):
    organisation = OrganisationPageFactory(title="Hope Street Trust")
    service = ServicePageFactory(parent=organisation, title="Move-on housing")
    owner = OwnerFactory(organisation=organisation).user
    return organisation, service, owner


def step_url(slug):
    return reverse("directory_create_listing_step", args=[slug])


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def organisation_answers(**changes):
    return {
        "title": "Leeds Women's Housing Project",
        "summary_text": "We help women leaving prison in Leeds find a safe home.",
        "email": "hello@lwhp.org.uk",
        "charity_regulator": "ccew",
        "charity_number_ccew": "1098765",
        **changes,
    }


def service_answers(**changes):
    return {
        "title": "Move-on housing",
        "description": "Safe homes.",
        "categories": [term(ServiceCategory, "housing-advice").pk],
        "delivery_methods": ["in-person"],
        **changes,
    }


def without(answers, name):
    return {key: value for key, value in answers.items() if key != name}


def answer_the_first_steps(client):
    """Every step before "how to refer"."""
    from core.models import Region

    client.post(step_url("organisation"), organisation_answers())
    client.post(step_url("what-you-do"), service_answers())
    client.post(step_url("where-and-who"), {"regions": [term(Region, "london").pk]})
    client.post(step_url("where-people-go"), {"has_location": "no"})


def question(html, legend):
    """The form group of the question whose legend is `legend`."""
    found = html.find("legend", string=lambda text: text and text.strip() == legend)
    assert found is not None, legend
    return found.find_parent("div", class_="govuk-form-group")


def error_links(html):
    return [link["href"] for link in html.select(".govuk-error-summary__list a")]


# Groups of options ---------------------------------------------------------------------------


def test_how_the_service_is_delivered_is_one_question_with_one_error(client, person):
    client.post(step_url("organisation"), organisation_answers())
    html = soup(client.post(step_url("what-you-do"), service_answers(delivery_methods=[])))

    group = question(html, "How is the service delivered?")
    assert "govuk-form-group--error" in group["class"]
    labels = [label.get_text(strip=True) for label in group.select("label")]
    assert labels == ["In person", "Online", "By phone"]
    assert group.select_one(".govuk-error-message").get_text(" ", strip=True) == (
        "Error: Select at least one way the service is delivered"
    )
    assert "#id_delivery_methods_0" in error_links(html)
    assert html.title.get_text().startswith("Error: What you do – ")


def test_ways_of_delivery_are_saved_as_before(client, person):
    client.post(step_url("organisation"), organisation_answers())
    client.post(step_url("what-you-do"), service_answers(delivery_methods=["online", "by-phone"]))
    saved = ListingDraft.objects.get(user=person).answers["what-you-do"]
    assert (saved["delivered_in_person"], saved["delivered_online"]) == (False, True)
    assert saved["delivered_by_phone"] is True


def test_every_group_of_options_on_every_step_is_a_fieldset_with_a_legend(client, person):
    client.post(step_url("organisation"), organisation_answers())
    client.post(step_url("what-you-do"), service_answers())
    for slug in ["organisation", "what-you-do", "where-and-who"]:
        html = soup(client.get(step_url(slug)))
        names = {box["name"] for box in html.select("main input[type=radio]")}
        names |= {
            box["name"]
            for box in html.select("main .govuk-checkboxes input[type=checkbox]")
            if len(html.select(f"main input[name={box['name']}]")) > 1
        }
        assert names, slug
        for name in names:
            first = html.select(f"main input[name={name}]")[0]
            fieldset = first.find_parent("fieldset")
            assert fieldset is not None and fieldset.legend.get_text(strip=True), (slug, name)


def test_kinds_of_support_are_grouped_by_area_each_revealing_its_own(client, person):
    client.post(step_url("organisation"), organisation_answers())
    html = soup(client.get(step_url("what-you-do")))
    group = question(html, "What kind of support is it?")
    areas = ServiceCategory.objects.in_default_locale().filter(parent__isnull=True)
    top = group.select(":scope > fieldset > .govuk-checkboxes > .govuk-checkboxes__item input")
    assert len(top) == areas.count()
    accommodation = next(
        box for box in top if box["value"] == str(term(ServiceCategory, "accommodation").pk)
    )
    reveal = html.find(id=accommodation["data-aria-controls"])
    assert "govuk-checkboxes__conditional--hidden" in reveal["class"]
    assert reveal.legend.get_text(strip=True) == "Kinds of support in Accommodation"
    inside = {int(box["value"]) for box in reveal.select("input")}
    children = ServiceCategory.objects.filter(parent__slug="accommodation").in_default_locale()
    assert inside == set(children.values_list("pk", flat=True))
    assert group.select_one("[data-module=govuk-checkboxes]") is not None


def test_no_kind_of_support_is_an_error_on_the_whole_question_linked_to_its_first_area(
    client, person
):
    client.post(step_url("organisation"), organisation_answers())
    html = soup(client.post(step_url("what-you-do"), service_answers(categories=[])))
    group = question(html, "What kind of support is it?")
    assert "govuk-form-group--error" in group["class"]
    assert "#id_categories_0" in error_links(html)
    first = html.find(id="id_categories_0")
    assert first.find_parent("div", class_="govuk-form-group") is group
    assert html.find("label", attrs={"for": "id_categories_0"}).get_text() == "Accommodation"


def test_an_area_ticked_without_its_kinds_of_support_says_which_area(client, person):
    client.post(step_url("organisation"), organisation_answers())
    area = term(ServiceCategory, "accommodation")
    response = client.post(step_url("what-you-do"), service_answers(categories=[area.pk]))
    html = soup(response)
    message = question(html, "What kind of support is it?").select_one(".govuk-error-message")
    assert "under “Accommodation”" in message.get_text()
    # The area stays open, so its kinds of support can be chosen.
    box = html.find("input", attrs={"value": str(area.pk), "name": "categories"})
    assert box.has_attr("checked")
    assert (
        "govuk-checkboxes__conditional--hidden"
        not in html.find(id=box["data-aria-controls"])["class"]
    )


def test_kinds_of_support_ticked_without_their_area_still_count_and_only_they_are_saved(
    client, person
):
    """Sent without JavaScript, someone may tick only the specific kinds of support."""
    client.post(step_url("organisation"), organisation_answers())
    housing = term(ServiceCategory, "housing-advice")
    area = term(ServiceCategory, "accommodation")
    response = client.post(step_url("what-you-do"), service_answers(categories=[housing.pk]))
    assert response.status_code == 302
    assert ListingDraft.objects.get(user=person).answers["what-you-do"]["categories"] == [
        housing.pk
    ]
    html = soup(client.get(step_url("what-you-do")))
    # Shown again with its area ticked and open.
    assert html.find("input", attrs={"value": str(area.pk), "name": "categories"}).has_attr(
        "checked"
    )
    client.post(step_url("what-you-do"), service_answers(categories=[area.pk, housing.pk]))
    assert ListingDraft.objects.get(user=person).answers["what-you-do"]["categories"] == [
        housing.pk
    ]


def test_editing_a_service_shows_its_kinds_of_support_and_ways_of_delivery(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)
    url = reverse("directory_edit_service", args=[organisation.pk, service.pk])
    html = soup(client.get(url))
    area = term(ServiceCategory, "accommodation")
    area_box = html.find("input", attrs={"value": str(area.pk), "name": "categories"})
    assert area_box.has_attr("checked")
    assert html.find(id="id_delivery_methods_0").has_attr("checked")  # in person


def test_a_draft_saved_before_the_questions_changed_still_counts(client, person):
    """Answers saved with three yes/no boxes and one charity number box."""
    ListingDraft.objects.create(
        user=person,
        answers={
            "organisation": {
                **without(organisation_answers(), "charity_number_ccew"),
                "charity_number": "1098765",
            },
            "what-you-do": {
                **without(service_answers(), "delivery_methods"),
                "delivered_online": True,
            },
        },
    )
    assert OrganisationBasicsForm(
        data=ListingDraft.objects.get().answers["organisation"]
    ).is_valid()
    form = ServiceWhatForm(data=ListingDraft.objects.get().answers["what-you-do"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["delivered_online"] and not form.cleaned_data["delivered_in_person"]


# Radios that reveal the charity number ------------------------------------------------------


def test_regulator_and_income_are_radios_with_nothing_chosen_at_first(client, person):
    html = soup(client.get(step_url("organisation")))
    regulator = question(html, "Is your organisation a registered charity?")
    income = question(html, "What is your organisation's yearly income?")
    for group in (regulator, income):
        radios = group.select("input[type=radio]")
        assert radios and not any(radio.has_attr("checked") for radio in radios)
        assert group.select_one(".govuk-radios__divider").get_text() == "or"
    assert not html.select("main select")


@pytest.mark.parametrize(
    ("regulator", "hint"),
    [
        ("ccew", "6 or 7 digits, like 1098765"),
        ("oscr", "SC followed by 6 digits, like SC012345"),
        ("ccni", "6 digits, with or without NIC in front, like NIC101234"),
    ],
)
def test_each_regulator_reveals_its_own_charity_number_box_with_its_format(
    client, person, regulator, hint
):
    html = soup(client.get(step_url("organisation")))
    radio = html.find("input", attrs={"name": "charity_regulator", "value": regulator})
    reveal = html.find(id=radio["data-aria-controls"])
    assert "govuk-radios__conditional--hidden" in reveal["class"]
    box = reveal.find("input")
    assert box["name"] == f"charity_number_{regulator}"
    assert hint in html.find(id=box["aria-describedby"]).get_text()
    assert reveal.find("label", attrs={"for": box["id"]}).get_text() == "Charity number"
    assert (box["spellcheck"], box["autocomplete"]) == ("false", "off")


@pytest.mark.parametrize(
    ("regulator", "number", "message"),
    [
        ("oscr", "SC12345", "Enter a Scottish charity number"),
        ("ccni", "NIC1234567", "Enter a Northern Ireland charity number"),
        ("ccew", "10987654", "Enter a charity number for England and Wales"),
        ("ccew", "", "Enter the charity number, or choose “No”"),
    ],
)
def test_a_wrong_charity_number_is_an_error_on_the_revealed_box_which_stays_open(
    client, person, regulator, number, message
):
    answers = organisation_answers(charity_regulator=regulator, charity_number_ccew="")
    answers[f"charity_number_{regulator}"] = number
    html = soup(client.post(step_url("organisation"), answers))
    box = html.find(id=f"id_charity_number_{regulator}")
    group = box.find_parent("div", class_="govuk-form-group")
    assert "govuk-form-group--error" in group["class"]
    assert message in group.select_one(".govuk-error-message").get_text()
    reveal = box.find_parent("div", class_="govuk-radios__conditional")
    assert "govuk-radios__conditional--hidden" not in reveal["class"]
    assert f"#id_charity_number_{regulator}" in error_links(html)
    assert html.title.get_text().startswith("Error: ")


@pytest.mark.parametrize(
    ("regulator", "typed", "stored"),
    [
        ("ccew", "1098765", "1098765"),
        ("ccew", "298765", "298765"),
        ("ccew", "1098765-1", "1098765-1"),
        ("oscr", "sc012345", "SC012345"),
        ("ccni", "NIC101234", "101234"),
        ("ccni", "101234", "101234"),
    ],
)
def test_charity_numbers_in_the_reference_formats_are_stored_in_their_normal_form(
    tree, regulator, typed, stored
):
    answers = organisation_answers(charity_regulator=regulator, charity_number_ccew="")
    answers[f"charity_number_{regulator}"] = typed
    form = OrganisationBasicsForm(data=answers)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["charity_regulator"], form.cleaned_data["charity_number"]) == (
        regulator,
        stored,
    )


def test_numbers_left_under_a_regulator_not_chosen_are_ignored(tree):
    form = OrganisationBasicsForm(
        data=organisation_answers(charity_regulator="none", charity_number_oscr="nonsense")
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["charity_regulator"], form.cleaned_data["charity_number"]) == (
        "",
        "",
    )
    # Check your answers shows the question, not the hidden box.
    rows = {label: value for _name, label, value in form.answers_for_display()}
    assert rows["Is your organisation a registered charity?"] == (
        "No, it is not a registered charity"
    )
    assert "Charity number" not in rows


def test_a_number_without_a_regulator_asks_for_the_regulator(client, person):
    answers = organisation_answers(charity_regulator="")
    del answers["charity_regulator"]
    html = soup(client.post(step_url("organisation"), answers))
    assert "#id_charity_regulator_0" in error_links(html)
    group = question(html, "Is your organisation a registered charity?")
    assert "govuk-form-group--error" in group["class"]


def test_editing_shows_the_saved_regulator_and_number_revealed(client, listing):
    organisation, service, owner = listing
    organisation.charity_regulator, organisation.charity_number = "oscr", "SC012345"
    organisation.save_revision().publish()
    client.force_login(owner)
    html = soup(client.get(reverse("directory_edit_organisation", args=[organisation.pk])))
    radio = html.find("input", attrs={"name": "charity_regulator", "value": "oscr"})
    assert radio.has_attr("checked")
    assert html.find(id="id_charity_number_oscr")["value"] == "SC012345"
    reveal = html.find(id=radio["data-aria-controls"])
    assert "govuk-radios__conditional--hidden" not in reveal["class"]


def test_a_number_already_listed_is_an_error_on_its_box_when_editing(client, listing):
    organisation, service, owner = listing
    OrganisationPageFactory(
        title="Already Here", charity_regulator="ccew", charity_number="1098765"
    )
    client.force_login(owner)
    url = reverse("directory_edit_organisation", args=[organisation.pk])
    data = {**organisation_answers(), "regions": [organisation.regions.first().pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Already Here" in " ".join(response.context["form"].errors["charity_number_ccew"])


# Text boxes: what they hold and how wide they are ---------------------------------------------


def manage_urls(organisation, service):
    return {
        "edit organisation": reverse("directory_edit_organisation", args=[organisation.pk]),
        "edit service": reverse("directory_edit_service", args=[organisation.pk, service.pk]),
        "add service": reverse("directory_add_service", args=[organisation.pk]),
        "availability": reverse("directory_service_capacity", args=[organisation.pk, service.pk]),
    }


def assert_text_boxes_say_what_they_hold(html, page):
    boxes = [
        box
        for box in html.select(f"main form {TEXT_BOXES}")
        if "cg-honeypot" not in (box.find_parent("div").get("class") or [])
    ]
    assert boxes, page
    for box in boxes:
        assert box.get("autocomplete"), (page, box["name"])
        if box.get("data-cg-time") is None and "govuk-date-input__input" not in box["class"]:
            assert WIDTHS.search(" ".join(box["class"])), (page, box["name"])
        if box["type"] == "email" or "number" in box["name"]:
            assert box.get("spellcheck") == "false", (page, box["name"])


def test_every_text_box_on_every_step_has_autocomplete_and_a_width(client, person):
    answer_the_first_steps(client)
    for slug in ["organisation", "what-you-do", "how-to-refer"]:
        html = soup(client.get(step_url(slug)))
        assert_text_boxes_say_what_they_hold(html, slug)
    html = soup(client.get(step_url("organisation")))
    assert {
        name: html.find(attrs={"name": name})["autocomplete"]
        for name in ["title", "email", "phone", "website"]
    } == {"title": "organization", "email": "email", "phone": "tel", "website": "url"}


def test_every_text_box_on_the_manage_pages_has_autocomplete_and_a_width(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)
    for page, url in manage_urls(organisation, service).items():
        assert_text_boxes_say_what_they_hold(soup(client.get(url)), page)


# An h1 and a matching title on every page ----------------------------------------------------


def assert_h1_and_title(html, heading, name):
    assert html.h1.get_text(strip=True) == heading
    assert html.title.get_text() == f"{heading} – {name} – Common Ground"


def test_the_manage_pages_each_have_an_h1_and_a_title_naming_the_organisation(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)
    urls = manage_urls(organisation, service)
    expected = {
        "edit organisation": "Change organisation details",
        "edit service": "Change the details of Move-on housing",
        "add service": "Add a service",
        "availability": "Change availability of Move-on housing",
    }
    for page, heading in expected.items():
        assert_h1_and_title(soup(client.get(urls[page])), heading, "Hope Street Trust")
    remove = reverse("directory_remove_service", args=[organisation.pk, service.pk])
    assert_h1_and_title(
        soup(client.get(remove)), "Remove Move-on housing from the directory?", "Hope Street Trust"
    )


def test_a_manage_page_with_a_problem_says_so_first_in_its_title(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)
    url = reverse("directory_service_capacity", args=[organisation.pk, service.pk])
    html = soup(client.post(url, {}))
    assert html.title.get_text() == (
        "Error: Change availability of Move-on housing – Hope Street Trust – Common Ground"
    )
    assert "#id_capacity_0" in error_links(html)


def test_every_create_step_and_check_page_has_an_h1_and_a_matching_title(client, person):
    from directory.listings.create_views import STEPS

    answer_the_first_steps(client)
    for step in STEPS:
        response = client.get(step_url(step.slug))
        assert_h1_and_title(soup(response), str(step.title), "List your organisation")
    client.post(step_url("how-to-refer"), {"referral_method": "both", "cost": "Free"})
    heading = "Check your answers before sending your listing"
    html = soup(client.get(reverse("directory_create_listing_check")))
    assert_h1_and_title(html, heading, "List your organisation")
    client.post(reverse("directory_create_listing_check"))
    html = soup(client.get(reverse("directory_create_listing_sent")))
    assert_h1_and_title(html, "Listing sent", "Leeds Women's Housing Project")
    response = client.get(reverse("directory_create_listing"))
    assert soup(response).h1.get_text(strip=True) == "List your organisation"


def test_the_claim_page_has_an_h1_and_a_title_naming_the_organisation(client, listing):
    organisation, service, owner = listing
    claimable = OrganisationPageFactory(title="Open Door")
    client.force_login(VerifiedUserFactory())
    html = soup(client.get(reverse("directory_claim_listing", args=[claimable.pk])))
    assert_h1_and_title(html, "Claim this listing", "Open Door")
