"""A subcontract's lead provider runs its partnering from the public site: its owners and
editors see who registered interest (with links to their listings, and a CSV), say whether it
is still seeking partners, and find it on their account page. Nobody else does, and the lead
provider gets no right to edit the opportunity. A subcontract must name its lead provider."""

import csv
import io

from django.contrib.auth.models import Group

from wagtail.models import Locale

import pytest

from directory.permissions import ensure_commissioners_group
from pipeline.models import OpportunityPage, PartnerInterest
from pipeline.partnering.lead_providers import set_seeking_partners
from pipeline.partnering.rules import register_interest
from tests.factories import OpportunityPageFactory, OrganisationPageFactory
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app, member_of
from tests.pipeline.alert_helpers import make_pipeline
from tests.pipeline.helpers import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline(db):
    return make_pipeline()


@pytest.fixture
def lead(pipeline):
    return OrganisationPageFactory(title="Northway Employment Partnership")


@pytest.fixture
def subcontract(pipeline, lead):
    return OpportunityPageFactory(
        parent=pipeline,
        title="Employment support partners",
        kind="subcontract",
        lead_provider=lead,
        seeking_partners=True,
    )


@pytest.fixture
def interested(subcontract):
    charity = OrganisationPageFactory(title="Second Chances Mentoring")
    person = member_of(charity, email="mentor@second.example", first_name="Ade")
    register_interest(subcontract, charity, person, "We mentor people leaving prison.")
    return charity


def interest_url(page):
    return f"/pipeline-partnering/{page.pk}/interest/"


def test_the_lead_providers_people_see_who_registered_interest(
    client, subcontract, lead, interested
):
    for role in ("owner", "editor"):
        client.force_login(member_of(lead, role=role))
        html = client.get(interest_url(subcontract)).content.decode()
        assert "1 organisation registered interest" in html, role
        assert f'href="{interested.url}"' in html and "We mentor people leaving prison." in html
        assert "mentor@second.example" in html

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(interest_url(subcontract)[:-1] + ".csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1][0] == "Second Chances Mentoring" and rows[1][1].endswith(interested.url)


def test_nobody_else_sees_the_interest(client, subcontract, interested):
    other = OrganisationPageFactory(title="Another lead provider")
    for who in (member_of(other), member_of(interested), VerifiedUserFactory()):
        client.force_login(who)
        for url in (interest_url(subcontract), interest_url(subcontract)[:-1] + ".csv"):
            response = client.get(url)
            assert response.status_code == 403, url
            assert b"mentor@second.example" not in response.content
    client.logout()
    assert client.get(interest_url(subcontract))["Location"].startswith("/account/login/")


def test_a_commissioner_sees_it_too(client, subcontract, interested):
    commissioner = VerifiedUserFactory()
    commissioner.groups.add(ensure_commissioners_group())
    activate_authenticator_app(commissioner)
    client.force_login(commissioner)
    assert client.get(interest_url(subcontract)).status_code == 200


def test_the_lead_provider_stops_and_restarts_taking_interest(client, subcontract, lead):
    client.force_login(member_of(lead))
    response = client.post(interest_url(subcontract), {"seeking": "no"})
    assert response.status_code == 302
    page = OpportunityPage.objects.get(pk=subcontract.pk)
    assert not page.seeking_partners and page.live
    html = client.get(page.url).content.decode()
    assert "not taking interest from specialist partners now" in html
    assert "Register interest" not in html
    charity = OrganisationPageFactory(title="Late charity")
    client.force_login(member_of(charity))
    assert client.post(f"/pipeline-partnering/{page.pk}/register/", {}).status_code == 404

    client.force_login(member_of(lead))
    client.post(interest_url(subcontract), {"seeking": "yes"})
    assert OpportunityPage.objects.get(pk=subcontract.pk).seeking_partners


def test_a_bad_answer_is_refused_and_changes_nothing(client, subcontract, lead):
    client.force_login(member_of(lead))
    response = client.post(interest_url(subcontract), {"seeking": "maybe"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert OpportunityPage.objects.get(pk=subcontract.pk).seeking_partners


def test_turning_it_off_keeps_a_commissioners_draft(subcontract, lead):
    draft = OpportunityPage.objects.get(pk=subcontract.pk)
    draft.summary = "A new summary, not ready yet"
    draft.save_revision()
    set_seeking_partners(subcontract, False, member_of(lead))
    page = OpportunityPage.objects.get(pk=subcontract.pk)
    assert not page.seeking_partners and page.summary != "A new summary, not ready yet"
    assert page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    assert latest.summary == "A new summary, not ready yet" and not latest.seeking_partners


def test_interest_from_the_welsh_page_is_the_same_interest(pipeline, subcontract, lead, interested):
    welsh_locale, _created = Locale.objects.get_or_create(language_code="cy")
    pipeline.get_parent().specific.copy_for_translation(welsh_locale)
    pipeline.copy_for_translation(welsh_locale)
    welsh = subcontract.copy_for_translation(welsh_locale)
    welsh.save_revision().publish()
    other = OrganisationPageFactory(title="Welsh charity")
    register_interest(welsh, other, member_of(other))
    assert PartnerInterest.objects.filter(opportunity=subcontract).count() == 2
    set_seeking_partners(welsh, False, member_of(lead))
    assert not OpportunityPage.objects.get(pk=welsh.pk).seeking_partners
    assert not OpportunityPage.objects.get(pk=subcontract.pk).seeking_partners


def test_the_account_page_lists_the_partnering_you_run(client, subcontract, lead):
    client.force_login(member_of(lead))
    html = client.get("/account/").content.decode()
    assert "Partnering you run" in html and interest_url(subcontract) in html
    client.force_login(VerifiedUserFactory())
    assert "Partnering you run" not in client.get("/account/").content.decode()


def test_the_lead_provider_cannot_edit_the_opportunity(client, subcontract, lead):
    client.force_login(member_of(lead))
    assert client.get(f"/admin/pages/{subcontract.pk}/edit/").status_code in (302, 403)


def test_a_subcontract_must_name_its_lead_provider(client, subcontract):
    admin = VerifiedUserFactory(is_superuser=True, is_staff=True)
    activate_authenticator_app(admin)
    client.force_login(admin)
    subcontract.lead_provider = None
    data = edit_form_data(subcontract, action="action-publish")
    response = client.post(f"/admin/pages/{subcontract.pk}/edit/", data)
    assert response.status_code == 200
    assert "Choose the listed organisation offering this subcontract." in response.content.decode()
    assert OpportunityPage.objects.get(pk=subcontract.pk).lead_provider is not None
    assert not Group.objects.filter(name__icontains="lead provider").exists()
