"""Owners and editors add, change and remove the places where a service is delivered, from
the public site: each change waits for a moderator like any other; hiding an address is at
once."""

import re

from django.urls import reverse

import pytest

from directory.listings.rules import approve_submission
from directory.models import ListingSubmission, OrganisationPage, ServiceLocation
from tests.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from tests.factories.accounts import ModeratorFactory, VerifiedUserFactory
from tests.factories.team import MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(tree):
    organisation = OrganisationPageFactory(title="Leeds Women's Housing Project")
    service = ServicePageFactory(parent=organisation, title="Move-on housing")
    ServiceLocationFactory(
        service=service, name="Drop-in centre", address="12 Market Street", postcode="LS1 6DT"
    )
    owner = OwnerFactory(organisation=organisation).user
    return organisation, service, owner


def url(name, service, *args):
    return reverse(name, args=[service.organisation_id, service.pk, *args])


def add_url(service):
    return url("directory_add_location", service)


def edit_url(service, number=1):
    return url("directory_edit_location", service, number)


def remove_url(service, number=1):
    return url("directory_remove_location", service, number)


def public_html(client, service):
    client.logout()
    response = client.get(service.get_url())
    assert response.status_code == 200
    return response.content.decode()


def approve(organisation):
    approve_submission(ListingSubmission.objects.get(organisation=organisation), ModeratorFactory())


PLACE = {
    "name": "Chapeltown hub",
    "address": "3 Roundhay Road",
    "area": "Leeds",
    "postcode": "ls7 3ab",
    "accessibility": "Step-free entrance.",
}


def test_an_owner_adds_a_place_that_is_public_once_approved(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)

    response = client.post(add_url(service), PLACE)

    assert response.status_code == 302
    assert response["Location"] == reverse("directory_manage_listing", args=[organisation.pk])
    manage = client.get(response["Location"]).content.decode()
    assert "Chapeltown hub" in manage and "LS7 3AB" in manage  # the postcode, normalised
    assert "3 Roundhay Road" not in public_html(client, service)

    approve(organisation)

    html = public_html(client, service)
    assert "3 Roundhay Road" in html and "LS7 3AB" in html
    assert "12 Market Street" in html  # the place it already had is kept
    assert list(service.locations.values_list("name", flat=True)) == [
        "Drop-in centre",
        "Chapeltown hub",
    ]


def test_an_editor_changes_a_place_public_once_approved(client, listing):
    organisation, service, _owner = listing
    client.force_login(MembershipFactory(organisation=organisation).user)

    form = client.get(edit_url(service)).context["form"]
    assert form.initial["address"] == "12 Market Street"
    response = client.post(edit_url(service), {**PLACE, "name": "Drop-in centre"})

    assert response.status_code == 302
    assert "12 Market Street" in public_html(client, service)
    approve(organisation)
    html = public_html(client, service)
    assert "3 Roundhay Road" in html and "12 Market Street" not in html
    assert ServiceLocation.objects.filter(service=service).count() == 1


def test_removing_a_place_asks_first_and_waits_for_approval(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)

    page = client.get(remove_url(service)).content.decode()
    assert re.search(r"<h1[^>]*>\s*Remove Drop-in centre from Move-on housing\?", page)
    assert "<title>Remove Drop-in centre from Move-on housing" in page
    assert client.post(remove_url(service)).status_code == 302

    assert "12 Market Street" in public_html(client, service)
    approve(organisation)
    assert "12 Market Street" not in public_html(client, service)
    assert not ServiceLocation.objects.filter(service=service).exists()


def test_changes_pile_up_in_one_submission_and_number_the_latest_version(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)
    client.post(add_url(service), PLACE)
    # The place just added (not yet approved) is number 2, and can be changed again.
    client.post(edit_url(service, 2), {**PLACE, "area": "Harehills"})
    client.post(remove_url(service, 1))

    submission = ListingSubmission.objects.get(organisation=organisation)
    assert submission.revisions.count() == 1
    approve(organisation)
    assert list(service.locations.values_list("area", "name")) == [("Harehills", "Chapeltown hub")]


def test_marking_a_place_confidential_hides_its_address_at_once(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)

    client.post(edit_url(service), {**PLACE, "is_confidential": "on"})

    html = public_html(client, service)
    assert "12 Market Street" not in html and "LS1 6DT" not in html
    assert "3 Roundhay Road" not in html
    approve(organisation)
    html = public_html(client, service)
    assert "3 Roundhay Road" not in html and "LS7 3AB" not in html
    assert "Leeds" in html


def test_the_place_form_asks_clearly_and_names_the_service(client, listing):
    _organisation, service, owner = listing
    client.force_login(owner)

    html = client.get(add_url(service)).content.decode()

    heading = "Add a place where Move-on housing is delivered"
    assert f"<title>{heading}" in html and re.search(rf"<h1[^>]*>{heading}</h1>", html)
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Address' in html
    assert 'autocomplete="postal-code"' in html and 'autocomplete="street-address"' in html
    assert "govuk-input--width-10" in html
    assert "Keep this address confidential" in html
    assert "Only the area is shown on every page, in search, in exports and in open data" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"area": ""}, "Enter the town or district"),
        ({"postcode": "LS1 XYZ"}, "Enter a real postcode, like LS1 4AP"),
    ],
)
def test_a_place_needs_a_town_and_a_real_postcode(client, listing, data, message):
    _organisation, service, owner = listing
    client.force_login(owner)

    response = client.post(add_url(service), {**PLACE, **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<title>Error: Add a place" in response.content.decode()
    assert not ListingSubmission.objects.exists()


def test_a_place_number_that_does_not_exist_is_not_found(client, listing):
    _organisation, service, owner = listing
    client.force_login(owner)
    assert client.get(edit_url(service, 2)).status_code == 404
    assert client.post(remove_url(service, 0)).status_code == 404


def test_a_service_of_another_organisation_is_not_found(client, listing):
    organisation, _service, owner = listing
    other = ServicePageFactory(title="Someone else's service")
    client.force_login(owner)
    response = client.get(reverse("directory_add_location", args=[organisation.pk, other.pk]))
    assert response.status_code == 404


def test_the_listing_page_lists_each_service_places_with_links(client, listing):
    organisation, service, owner = listing
    client.force_login(owner)

    html = client.get(reverse("directory_manage_listing", args=[organisation.pk])).content.decode()

    assert "Locations" in html and "Drop-in centre" in html
    for href in (add_url(service), edit_url(service), remove_url(service)):
        assert f'href="{href}"' in html


ROLES = ["owner", "editor", "member of another organisation", "anonymous", "moderator"]
ALLOWED = {"owner": 200, "editor": 200}


def person_in(role, organisation):
    if role == "owner":
        return OwnerFactory(organisation=organisation).user
    if role == "editor":
        return MembershipFactory(organisation=organisation).user
    if role == "member of another organisation":
        return OwnerFactory(organisation=OrganisationPageFactory()).user
    if role == "moderator":
        return ModeratorFactory()
    return None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["add", "edit", "remove"])
def test_who_may_open_the_place_pages(client, listing, role, page):
    organisation, service, _owner = listing
    person = person_in(role, organisation)
    if person is not None:
        client.force_login(person)
    target = {"add": add_url, "edit": edit_url, "remove": remove_url}[page](service)

    response = client.get(target)

    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == ALLOWED.get(role, 403)


@pytest.mark.parametrize("role", ["member of another organisation", "anonymous", "moderator"])
def test_nobody_else_can_change_a_place(client, listing, role):
    organisation, service, _owner = listing
    person = person_in(role, organisation)
    if person is not None:
        client.force_login(person)

    client.post(add_url(service), PLACE)
    client.post(edit_url(service), {**PLACE, "is_confidential": "on"})
    client.post(remove_url(service))

    assert not ListingSubmission.objects.exists()
    assert list(service.locations.values_list("address", "is_confidential")) == [
        ("12 Market Street", False)
    ]


def test_a_person_without_an_account_in_the_team_is_refused(client, listing):
    _organisation, service, _owner = listing
    client.force_login(VerifiedUserFactory())
    assert client.get(add_url(service)).status_code == 403


# Listing an organisation: the "Where people go" step --------------------------------------------


@pytest.fixture
def lister(client, tree):
    from django.core.cache import cache

    cache.clear()
    client.force_login(VerifiedUserFactory())
    yield client
    cache.clear()


def list_with(client, place):
    from tests.directory.test_create_listing import answers, fill_in_every_step

    steps = answers()
    steps["where-people-go"] = place
    fill_in_every_step(client, steps)
    return client.get(reverse("directory_create_listing_check")).content.decode()


def test_a_new_listing_can_have_a_confidential_place(lister):
    check = list_with(
        lister, {"has_location": "yes", **PLACE, "area": "Harehills", "is_confidential": "on"}
    )

    assert "Where people go" in check and "Harehills" in check
    assert "Yes, confidential: only the town or district is shown" in check
    # Every place confidential: the organisation's address will be too, and it says so.
    assert "Addresses are kept confidential for services supporting people affected" in check
    lister.post(reverse("directory_create_listing_check"))

    (location,) = ServiceLocation.objects.filter(service__title="Move-on housing")
    assert (location.area, location.postcode, location.is_confidential) == (
        "Harehills",
        "LS7 3AB",
        True,
    )
    assert location.service.organisation.address_is_confidential


def test_a_new_listing_can_say_it_has_no_fixed_place(lister):
    check = list_with(lister, {"has_location": "no", **PLACE})

    assert "No, it has no fixed location (online or by phone only)" in check
    assert "Chapeltown hub" not in check
    lister.post(reverse("directory_create_listing_check"))
    assert not ServiceLocation.objects.exists()
    assert not OrganisationPage.objects.get().address_is_confidential


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ({}, "Select whether people go to a place to use the service"),
        ({"has_location": "yes"}, "Enter the town or district"),
    ],
)
def test_the_place_step_says_what_is_missing(lister, place, message):
    from tests.directory.test_create_listing import answers, fill_in_every_step

    steps = answers()
    fill_in_every_step(lister, {slug: steps[slug] for slug in list(steps)[:3]})
    url = reverse("directory_create_listing_step", args=["where-people-go"])

    response = lister.post(url, place)

    assert response.status_code == 200
    assert message in response.content.decode()
