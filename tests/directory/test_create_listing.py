"""Create a listing: the steps, the saved answers, the checks, and one unit sent for review."""

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest

from directory.models import (
    ListingDraft,
    ListingSubmission,
    OrganisationMembership,
    OrganisationPage,
    ServicePage,
    SubmissionKind,
)
from tests.factories import OrganisationPageFactory, term
from tests.factories.accounts import ModeratorFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()
    yield
    cache.clear()


def step_url(slug):
    return reverse("directory_create_listing_step", args=[slug])


CHECK_URL = reverse("directory_create_listing_check")


def answers():
    from core.models import ClientGroup, JusticeStage, Region, ServiceCategory

    return {
        "organisation": {
            "title": "Leeds Women's Housing Project",
            "summary_text": "We help women leaving prison in Leeds find a safe home.",
            "website": "https://lwhp.org.uk",
            "email": "hello@lwhp.org.uk",
            "phone": "0113 496 0000",
            "charity_regulator": "ccew",
            "charity_number_ccew": "1 098 765",
            "company_number": "",
            "income_band": "under-10k",
        },
        "what-you-do": {
            "title": "Move-on housing",
            "description": "Safe homes.\n\nSupport to keep them.",
            "categories": [term(ServiceCategory, "housing-advice").pk],
            "delivery_methods": ["in-person"],
        },
        "where-and-who": {
            "regions": [term(Region, "yorkshire-and-the-humber").pk],
            "client_groups": [term(ClientGroup, "women").pk],
            "stages": [term(JusticeStage, "pre-release").pk],
            "eligibility": "Women aged 18 and over.",
        },
        "where-people-go": {"has_location": "no"},
        "how-to-refer": {
            "referral_method": "both",
            "referral_details": "Email us.",
            "email": "",
            "phone": "",
            "cost": "Free",
            "languages": "",
        },
    }


def fill_in_every_step(client, data=None):
    data = data or answers()
    for slug, fields in data.items():
        response = client.post(step_url(slug), fields)
        assert response.status_code == 302, response.context["form"].errors
    return data


@pytest.fixture
def person(client, tree):
    user = VerifiedUserFactory(email="sam@lwhp.org.uk")
    client.force_login(user)
    return user


def test_start_page_is_public(client, tree):
    response = client.get(reverse("directory_create_listing"))
    assert response.status_code == 200
    assert b"Start now" in response.content


def test_steps_need_an_account(client, tree):
    response = client.get(step_url("organisation"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_every_step_then_check_answers_then_one_unit_waiting_for_review(client, person):
    ModeratorFactory(email="moderator@example.com")
    fill_in_every_step(client)
    response = client.get(CHECK_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leeds Women&#x27;s Housing Project" in page
    assert "Move-on housing" in page
    assert "1098765" in page  # the charity number as normalised

    response = client.post(CHECK_URL)
    assert response.status_code == 302

    organisation = OrganisationPage.objects.get(title="Leeds Women's Housing Project")
    service = ServicePage.objects.get(title="Move-on housing")
    assert not organisation.live and not service.live
    assert service.organisation == organisation
    assert organisation.charity_number == "1098765"
    assert service.description == "<p>Safe homes.</p><p>Support to keep them.</p>"
    submission = ListingSubmission.objects.get(organisation=organisation)
    assert submission.kind == SubmissionKind.NEW_LISTING and submission.is_pending
    assert {r.object_id for r in submission.revisions.all()} == {
        str(organisation.pk),
        str(service.pk),
    }
    membership = OrganisationMembership.objects.get(user=person)
    assert (membership.organisation, membership.role) == (organisation, "owner")
    assert not ListingDraft.objects.filter(user=person).exists()

    # The public cannot see it yet; the owner sees it waiting.
    client.logout()
    assert client.get(organisation.url).status_code == 404
    client.force_login(person)
    response = client.get(reverse("directory_manage_listing", args=[organisation.pk]))
    assert b"waiting for review" in response.content


def test_moderators_hear_about_a_new_listing(client, person, django_capture_on_commit_callbacks):
    ModeratorFactory(email="moderator@example.com")
    fill_in_every_step(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECK_URL)
    assert [message.to for message in mail.outbox] == [["moderator@example.com"]]
    assert "New listing to review" in mail.outbox[0].subject


def test_a_double_submitted_final_step_creates_one_listing(client, person):
    fill_in_every_step(client)
    first = client.post(CHECK_URL)
    second = client.post(CHECK_URL)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("directory_create_listing_sent")
    assert OrganisationPage.objects.filter(title="Leeds Women's Housing Project").count() == 1
    assert ListingSubmission.objects.count() == 1


def test_answers_are_kept_between_steps_and_visits(client, person):
    client.post(step_url("organisation"), answers()["organisation"])
    client.logout()
    client.force_login(person)
    response = client.get(step_url("organisation"))
    assert response.context["form"]["title"].value() == "Leeds Women's Housing Project"


def test_skipping_ahead_leads_back_to_the_first_unanswered_step(client, person):
    response = client.get(step_url("how-to-refer"))
    assert response["Location"] == step_url("organisation")


def test_unknown_step_is_not_found(client, person):
    assert client.get(step_url("nope")).status_code == 404


def test_check_answers_before_finishing_goes_to_the_missing_step(client, person):
    client.post(step_url("organisation"), answers()["organisation"])
    response = client.get(CHECK_URL)
    assert response["Location"] == step_url("what-you-do")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("charity_number_ccew", "12", "Enter a charity number for England and Wales"),
        ("website", "not a web address", "Enter a web address in the correct format"),
        ("email", "nobody", "Enter an email address in the correct format"),
        ("title", "", "Enter your organisation"),
        ("company_number", "XX", "Enter a Companies House number"),
    ],
)
def test_bad_answers_get_a_clear_message_and_keep_the_rest(client, person, field, value, message):
    data = {**answers()["organisation"], field: value}
    response = client.post(step_url("organisation"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    # Everything else typed is still there.
    assert form["summary_text"].value() == data["summary_text"]
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert ListingDraft.objects.get(user=person).answers == {}


def test_an_existing_charity_number_offers_to_claim_the_listing_instead(client, person):
    existing = OrganisationPageFactory(
        title="Already Here", charity_regulator="ccew", charity_number="1098765"
    )
    response = client.post(step_url("organisation"), answers()["organisation"])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Already Here is already listed with this number" in page
    assert reverse("directory_claim_listing", args=[existing.pk]) in page
    assert "organisation" not in ListingDraft.objects.get(user=person).answers


def test_html_and_script_in_every_text_field_is_neutralised(client, person):
    script = "<script>alert('x')</script><b>bold</b>"
    data = answers()
    for fields in data.values():
        for name in fields:
            if name in {"summary_text", "description", "eligibility", "referral_details", "cost"}:
                fields[name] = script
    data["organisation"]["title"] = "Org " + script
    data["what-you-do"]["title"] = "Service " + script
    fill_in_every_step(client, data)
    response = client.get(CHECK_URL)
    assert "<script>" not in response.content.decode()
    client.post(CHECK_URL)
    service = ServicePage.objects.get()
    assert "<script>" not in service.description
    assert "&lt;script&gt;" in service.description
    service.save_revision().publish()
    service.get_parent().specific.save_revision().publish()
    response = client.get(service.url)
    assert "<script>alert" not in response.content.decode()


def test_the_honeypot_saves_nothing(client, person):
    data = {**answers()["organisation"], "reference_code": "http://spam.example"}
    client.post(step_url("organisation"), data)
    assert ListingDraft.objects.get(user=person).answers == {}


def test_sending_many_listings_in_an_hour_is_limited(client, person):
    for number in range(6):
        data = answers()
        data["organisation"]["charity_number_ccew"] = f"10987{number:02d}"
        data["organisation"]["title"] = f"Organisation {number}"
        fill_in_every_step(client, data)
        response = client.post(CHECK_URL)
    assert response.status_code == 429
    assert OrganisationPage.objects.count() == 5
