"""Delete your account: re-enter your password; a sole owner hands over to a colleague, or
the organisation is left unclaimed; listings stay; you are signed out."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from directory.models import (
    Invitation,
    ListingClaim,
    ListingDraft,
    ListingSubmission,
    MembershipRole,
    OrganisationMembership,
    OrganisationPage,
    OrganisationStatus,
)
from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db


def claimed(organisation):
    return OrganisationStatus.objects.get(organisation=organisation).is_claimed


def mark_claimed(organisation):
    OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=True)


def test_the_delete_page_says_what_goes_and_what_stays(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    html = client.get("/account/delete/").content.decode()
    assert "What we delete" in html
    assert "What stays" in html
    assert "organisation listings" in html
    assert 'type="password"' in html


def test_a_wrong_password_deletes_nothing_and_says_so_next_to_the_field(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post("/account/delete/", {"password": "not it"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The password is not right" in html
    assert 'class="govuk-error-message"' in html
    assert User.objects.filter(pk=user.pk).exists()


def test_an_empty_password_is_asked_for(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post("/account/delete/", {})
    assert "Enter your password" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_removes_personal_data_signs_out_and_confirms(client):
    user = VerifiedUserFactory()
    team_of_two = OwnerFactory(user=user).organisation
    OwnerFactory(organisation=team_of_two)
    ListingDraft.objects.create(user=user, answers={"name": "x"})
    ListingClaim.objects.create(
        organisation=MembershipFactory().organisation, user=user, role_explanation="me"
    )
    submission = ListingSubmission.objects.create(
        organisation=team_of_two, kind="changes", submitted_by=user
    )
    sent = InvitationFactory(organisation=team_of_two, invited_by=user)
    client.force_login(user)

    response = client.post("/account/delete/", {"password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response.url == "/account/deleted/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert not ListingDraft.objects.exists()
    assert not ListingClaim.objects.exists()
    assert not OrganisationMembership.objects.filter(user_id=user.pk).exists()
    # What stays: the listing and the records others need, without the person.
    assert OrganisationPage.objects.filter(pk=team_of_two.pk).exists()
    submission.refresh_from_db()
    assert submission.submitted_by is None
    assert Invitation.objects.get(pk=sent.pk).invited_by is None
    confirmation = client.get(response.url)
    assert "Your account has been deleted" in confirmation.content.decode()
    assert not confirmation.context["user"].is_authenticated


def test_a_co_owner_leaves_without_handing_over(client):
    user = VerifiedUserFactory()
    organisation = OwnerFactory(user=user).organisation
    other_owner = OwnerFactory(organisation=organisation)
    mark_claimed(organisation)
    client.force_login(user)
    html = client.get("/account/delete/").content.decode()
    assert "Who will be the owner" not in html
    client.post("/account/delete/", {"password": DEFAULT_PASSWORD})
    assert list(organisation.memberships.all()) == [other_owner]
    assert claimed(organisation)


def test_a_sole_owner_with_colleagues_must_choose_who_takes_over(client):
    user = VerifiedUserFactory()
    organisation = OwnerFactory(user=user, organisation__title="Alpha Aid").organisation
    editor = MembershipFactory(organisation=organisation)
    mark_claimed(organisation)
    client.force_login(user)

    page = client.get("/account/delete/").content.decode()
    assert "Who will be the owner of Alpha Aid?" in page
    assert editor.user.email in page

    refused = client.post("/account/delete/", {"password": DEFAULT_PASSWORD})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Choose who will be the owner of Alpha Aid" in html
    # The error summary links to the first choice; the choice has that id.
    assert f'href="#id_new_owner_{organisation.pk}_0"' in html
    assert f'id="id_new_owner_{organisation.pk}_0"' in html
    assert User.objects.filter(pk=user.pk).exists()

    field = f"new_owner_{organisation.pk}"
    stranger = MembershipFactory()  # a membership of another organisation is not a choice
    wrong = client.post("/account/delete/", {"password": DEFAULT_PASSWORD, field: stranger.pk})
    assert "Choose someone in the team of Alpha Aid" in wrong.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    done = client.post("/account/delete/", {"password": DEFAULT_PASSWORD, field: editor.pk})
    assert done.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    editor.refresh_from_db()
    assert editor.role == MembershipRole.OWNER
    assert claimed(organisation)


def test_a_wrong_password_keeps_the_hand_over_choice(client):
    user = VerifiedUserFactory()
    organisation = OwnerFactory(user=user).organisation
    editor = MembershipFactory(organisation=organisation)
    client.force_login(user)
    field = f"new_owner_{organisation.pk}"
    html = client.post("/account/delete/", {"password": "wrong", field: editor.pk}).content.decode()
    assert f'value="{editor.pk}" checked' in html
    editor.refresh_from_db()
    assert editor.role == MembershipRole.EDITOR


def test_a_sole_owner_with_no_colleagues_is_told_the_organisation_becomes_unclaimed(client):
    user = VerifiedUserFactory()
    organisation = OwnerFactory(user=user, organisation__title="Alpha Aid").organisation
    mark_claimed(organisation)
    client.force_login(user)

    page = client.get("/account/delete/").content.decode()
    assert "become unclaimed" in page
    assert "Alpha Aid" in page

    client.post("/account/delete/", {"password": DEFAULT_PASSWORD})
    assert not User.objects.filter(pk=user.pk).exists()
    assert OrganisationPage.objects.filter(pk=organisation.pk).exists()
    assert not claimed(organisation)


def test_an_editor_leaving_does_not_change_the_organisation(client):
    user = VerifiedUserFactory()
    membership = MembershipFactory(user=user)
    OwnerFactory(organisation=membership.organisation)
    mark_claimed(membership.organisation)
    client.force_login(user)
    client.post("/account/delete/", {"password": DEFAULT_PASSWORD})
    assert claimed(membership.organisation)


def test_the_delete_page_needs_you_to_sign_in(client):
    assert client.post("/account/delete/", {"password": DEFAULT_PASSWORD}).status_code == 302
