"""Owners declare their organisation's relationship to HMPPS commissioning themselves: a
question with an exclusive "None of these", saved through moderation, declared (not
confirmed) until a commissioner or moderator confirms it."""

import re

from django.core.cache import cache
from django.urls import reverse

import pytest

from core.models import CommissioningRelationship
from directory.listings.rules import approve_submission
from directory.models import ListingSubmission, OrganisationPage
from tests.factories import OrganisationPageFactory, term
from tests.factories.accounts import ModeratorFactory, VerifiedUserFactory
from tests.factories.team import OwnerFactory

pytestmark = pytest.mark.django_db

QUESTION = "Do you hold any HMPPS contracts or grants?"


@pytest.fixture
def owned(client, tree):
    organisation = OrganisationPageFactory(
        title="Northern Light", email="hello@northernlight.example.org"
    )
    client.force_login(OwnerFactory(organisation=organisation).user)
    return organisation


def edit_url(organisation):
    return reverse("directory_edit_organisation", args=[organisation.pk])


def slugs(*names):
    return [term(CommissioningRelationship, name).pk for name in names]


def post_answer(client, organisation, answer):
    form = client.get(edit_url(organisation)).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.update(
        regions=[region.pk for region in form.initial["regions"]],
        charity_regulator="none",
        income_band="not-said",
        commissioning_relationships=answer,
    )
    return client.post(edit_url(organisation), data)


def declared(organisation):
    return sorted(organisation.commissioning_relationships.values_list("slug", flat=True))


def test_the_question_is_one_group_with_an_exclusive_none(client, owned):
    html = client.get(edit_url(owned)).content.decode()

    assert re.search(rf"<legend[^>]*>\s*{re.escape(QUESTION)}\s*</legend>", html)
    assert "declared by your organisation until a commissioner or moderator confirms it" in html
    for name in ("CRS lead provider", "CRS supply-chain partner", "Dynamic Framework", "grant"):
        assert name in html
    none = re.search(r'<input[^>]*name="commissioning_relationships"[^>]*value="none"[^>]*>', html)
    none = none.group(0)
    assert 'data-behaviour="exclusive"' in none
    assert 'class="govuk-checkboxes__divider"' in html


def test_a_declaration_waits_for_review_then_shows_as_declared(client, owned):
    response = post_answer(client, owned, slugs("crs-supply-chain", "moj-grant"))

    assert response.status_code == 302, response.context["form"].errors
    assert declared(owned) == []  # nothing public before a moderator approves
    approve_submission(ListingSubmission.objects.get(organisation=owned), ModeratorFactory())
    organisation = OrganisationPage.objects.get(pk=owned.pk)
    assert declared(organisation) == ["crs-supply-chain", "moj-grant"]
    assert not organisation.commissioning_is_confirmed  # declared, not confirmed


def test_none_of_these_clears_a_declaration(client, owned):
    owned.commissioning_relationships = [term(CommissioningRelationship, "dynamic-framework")]
    owned.save_revision().publish()

    initial = client.get(edit_url(owned)).context["form"].initial
    assert [item.slug for item in initial["commissioning_relationships"]] == ["dynamic-framework"]
    assert post_answer(client, owned, ["none"]).status_code == 302
    approve_submission(ListingSubmission.objects.get(organisation=owned), ModeratorFactory())
    assert declared(OrganisationPage.objects.get(pk=owned.pk)) == []


def test_none_of_these_goes_alone(client, owned):
    response = post_answer(client, owned, ["none", *slugs("crs-lead-provider")])

    assert response.status_code == 200
    html = response.content.decode()
    assert "Select the contracts or grants you hold, or “None of these” on its own" in html
    assert not ListingSubmission.objects.exists()


def test_a_new_listing_declares_it_and_check_your_answers_shows_it(client, tree):
    from tests.directory.test_create_listing import answers, fill_in_every_step

    cache.clear()
    client.force_login(VerifiedUserFactory())
    steps = answers()
    steps["organisation"]["commissioning_relationships"] = slugs("crs-lead-provider")
    fill_in_every_step(client, steps)

    check = client.get(reverse("directory_create_listing_check")).content.decode()
    assert QUESTION in check
    assert "CRS lead provider" in check
    client.post(reverse("directory_create_listing_check"))

    assert declared(OrganisationPage.objects.get()) == ["crs-lead-provider"]
    cache.clear()


def test_a_new_listing_with_none_of_these_says_so_on_check_your_answers(client, tree):
    from tests.directory.test_create_listing import answers, fill_in_every_step

    cache.clear()
    client.force_login(VerifiedUserFactory())
    steps = answers()
    steps["organisation"]["commissioning_relationships"] = ["none"]
    fill_in_every_step(client, steps)

    check = client.get(reverse("directory_create_listing_check")).content.decode()

    assert re.search(rf"{re.escape(QUESTION)}\s*</dt>\s*<dd[^>]*>\s*None of these", check)
    cache.clear()
