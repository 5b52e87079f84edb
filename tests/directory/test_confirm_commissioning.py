"""Commissioners and moderators confirm (or correct and confirm) what an organisation
declared about its relationship to HMPPS commissioning; nobody else can."""

import datetime

from django.urls import reverse

import pytest

from directory.listings.rules import submit_organisation_changes
from directory.models import OrganisationPage, OrganisationStatus
from directory.moderation.rules import PendingChanges, confirm_commissioning
from directory.permissions import ensure_commissioners_group
from tests.factories import OrganisationPageFactory
from tests.factories.accounts import (
    ModeratorFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
    member_of,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def declared(tree):
    return OrganisationPageFactory(
        title="Second Chance", commissioning_relationships=["crs-supply-chain"]
    )


def commissioner(**fields):
    user = VerifiedUserFactory(**fields)
    user.groups.add(ensure_commissioners_group())
    activate_authenticator_app(user)
    return user


def url(organisation):
    return reverse("listing_checks:commissioning", args=[organisation.pk])


def fresh(organisation):
    return OrganisationPage.objects.get(pk=organisation.pk)


def slugs(organisation):
    return sorted(term.slug for term in fresh(organisation).commissioning_relationships.all())


def test_declared_relationships_are_not_confirmed_until_someone_confirms_them(declared):
    assert not fresh(declared).commissioning_is_confirmed

    status = confirm_commissioning(declared, ["crs-supply-chain"], None, now=NOW)

    assert status.confirmed_commissioning == ["crs-supply-chain"]
    assert status.commissioning_confirmed_at == NOW
    assert fresh(declared).commissioning_is_confirmed


def test_a_commissioner_confirms_the_relationship_as_declared(client, declared):
    person = commissioner(email="commissioner@justice.example")
    client.force_login(person)
    page = client.get(url(declared))
    assert page.status_code == 200
    html = page.content.decode()
    assert "CRS supply-chain partner" in html and "Not confirmed yet" in html
    assert page.context["form"].initial["relationships"] == ["crs-supply-chain"]

    response = client.post(url(declared), {"relationships": ["crs-supply-chain"]})

    assert response.status_code == 302
    status = OrganisationStatus.objects.get(organisation=declared)
    assert status.commissioning_confirmed_by == person
    assert fresh(declared).commissioning_is_confirmed
    assert "commissioner@justice.example" in client.get(url(declared)).content.decode()


def test_a_moderator_corrects_and_confirms_it(client, declared):
    moderator = ModeratorFactory()
    client.force_login(moderator)

    client.post(url(declared), {"relationships": ["moj-grant", "dynamic-framework"]})

    assert slugs(declared) == ["dynamic-framework", "moj-grant"]
    assert fresh(declared).commissioning_is_confirmed
    latest = fresh(declared).live_revision
    assert latest.user == moderator  # the page's history says who corrected it


def test_confirming_none_means_confirmed_outside_commissioning(client, declared):
    client.force_login(commissioner())

    client.post(url(declared), {})

    assert slugs(declared) == []
    status = OrganisationStatus.objects.get(organisation=declared)
    assert status.confirmed_commissioning == []
    assert status.commissioning_confirmed_at is not None


def test_a_correction_waits_for_pending_changes_to_be_decided(client, declared):
    owner = member_of(declared, "owner")
    submit_organisation_changes(owner, fresh(declared), {"summary": "New words"})
    client.force_login(commissioner())

    response = client.post(url(declared), {"relationships": ["moj-grant"]})

    assert response.status_code == 200
    assert "changes waiting for moderation" in response.content.decode()
    assert slugs(declared) == ["crs-supply-chain"]
    assert not fresh(declared).commissioning_is_confirmed
    with pytest.raises(PendingChanges):
        confirm_commissioning(fresh(declared), ["moj-grant"], None)
    # Confirming it as declared needs no change to the page.
    client.post(url(declared), {"relationships": ["crs-supply-chain"]})
    assert fresh(declared).commissioning_is_confirmed


def test_a_new_declaration_is_declared_only_again(declared):
    confirm_commissioning(declared, ["crs-supply-chain"], None)
    page = fresh(declared)
    page.commissioning_relationships.set(
        list(page.commissioning_relationships.model.objects.filter(slug="moj-grant"))
    )
    page.save()

    assert not fresh(declared).commissioning_is_confirmed


def test_unconfirmed_organisations_are_listed_for_commissioners(client, declared):
    confirmed = OrganisationPageFactory(
        title="Already Checked", commissioning_relationships=["moj-grant"]
    )
    confirm_commissioning(confirmed, ["moj-grant"], None)
    OrganisationPageFactory(title="Never Said")
    client.force_login(commissioner())

    response = client.get(reverse("listing_checks:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert url(declared) in html
    assert "Already Checked" not in html and "Never Said" not in html
    assert "Listings that may be out of date" not in html  # that is the moderators' part


def test_a_moderator_reaches_it_from_the_page_tree(client, declared):
    client.force_login(ModeratorFactory())

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[declared.pk]))

    assert url(declared) in editor.content.decode()


@pytest.mark.parametrize("who", ["owner", "someone"])
def test_people_without_admin_access_are_sent_to_sign_in(client, declared, who):
    person = member_of(declared, "owner") if who == "owner" else VerifiedUserFactory()
    client.force_login(person)

    response = client.post(url(declared), {"relationships": ["moj-grant"]})

    assert response.status_code == 302 and "login" in response["Location"]
    assert not fresh(declared).commissioning_is_confirmed


def test_admin_users_without_the_role_are_refused(client, declared):
    from django.contrib.auth.models import Permission

    user = VerifiedUserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    activate_authenticator_app(user)
    client.force_login(user)

    assert client.get(url(declared)).status_code == 403
    assert client.post(url(declared), {"relationships": ["moj-grant"]}).status_code == 403
    assert client.get(reverse("listing_checks:index")).status_code == 403
    assert slugs(declared) == ["crs-supply-chain"]
