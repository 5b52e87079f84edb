"""The team page: inviting (bad input gets a clear message next to the field and keeps what
was typed), the list of members and invitations, roles, the only owner, resending and
cancelling."""

from django.core import mail
from django.utils import timezone

import pytest

from directory.models import Invitation, MembershipRole, OrganisationMembership
from tests.factories.team import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Enter their email address"),
        ("not an email", "Enter an email address in the correct format"),
        ("<script>alert(1)</script>@x", "Enter an email address in the correct format"),
    ],
)
def test_a_bad_email_address_is_shown_next_to_the_field(client, world, email, message):
    client.force_login(world["owner_of_a"])
    response = client.post(f"/manage/{world['a'].pk}/team/", {"email": email, "role": "owner"})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="govuk-error-message"' in html
    assert "<script>alert(1)</script>" not in html
    if email:
        assert 'value="owner" checked' in html  # the choice is kept
    assert not Invitation.objects.exists()


def test_an_unknown_role_is_refused_next_to_the_field(client, world):
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/", {"email": "a@example.org", "role": "superuser"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'href="#id_role_0"' in html  # the summary links to the first radio
    assert 'id="id_role_0"' in html
    assert not Invitation.objects.exists()


def test_inviting_someone_already_in_the_team_says_so(client, world):
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/",
        {"email": world["editor_of_a"].email, "role": "editor"},
    )
    assert "already in your team" in response.content.decode()


def test_a_double_submitted_invitation_creates_one(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["owner_of_a"])
    data = {"email": "twice@example.org", "role": "editor"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/manage/{world['a'].pk}/team/", data)
        second = client.post(f"/manage/{world['a'].pk}/team/", data)
    assert first.status_code == 302
    assert second.status_code == 200
    assert Invitation.objects.filter(email="twice@example.org").count() == 1
    assert len(mail.outbox) == 1


def test_the_team_page_lists_members_and_pending_invitations_only(client, world):
    a = world["a"]
    InvitationFactory(organisation=a, email="waiting@example.org")
    InvitationFactory(organisation=a, email="expired@example.org", expires_at=timezone.now())
    InvitationFactory(organisation=a, email="cancelled@example.org", revoked_at=timezone.now())
    client.force_login(world["owner_of_a"])
    html = client.get(f"/manage/{a.pk}/team/").content.decode()
    assert world["editor_of_a"].email in html
    assert "waiting@example.org" in html
    assert "expired@example.org" not in html
    assert "cancelled@example.org" not in html
    assert "Only owner" in html


def test_the_only_owner_cannot_be_made_an_editor_through_the_page(client, world):
    owner = world["a"].memberships.get(role=MembershipRole.OWNER)
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/members/{owner.pk}/role/", {"role": "editor"}
    )
    assert response.status_code == 200
    assert "cannot make the only owner an editor" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == MembershipRole.OWNER


def test_the_only_owner_cannot_be_removed_through_the_page(client, world):
    owner = world["a"].memberships.get(role=MembershipRole.OWNER)
    client.force_login(world["owner_of_a"])
    response = client.post(f"/manage/{world['a'].pk}/team/members/{owner.pk}/remove/")
    assert response.status_code == 409
    assert "cannot remove the only owner" in response.content.decode()
    assert OrganisationMembership.objects.filter(pk=owner.pk).exists()


def test_an_owner_makes_an_editor_an_owner(client, world):
    editor = world["a"].memberships.get(role=MembershipRole.EDITOR)
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/members/{editor.pk}/role/", {"role": "owner"}
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.role == MembershipRole.OWNER


def test_resending_from_the_team_page_emails_a_new_link_and_the_old_one_stops_working(
    client, world, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organisation=world["a"], token="old")
    client.force_login(world["owner_of_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/manage/{world['a'].pk}/team/invitations/{invitation.pk}/resend/")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [invitation.email]
    assert client.get("/invitations/old/").status_code == 404
    new_path = message.body.split("http://testserver", 1)[1].split()[0]
    client.logout()
    assert client.get(new_path).status_code == 200


def test_cancelling_from_the_team_page_closes_the_link(client, world):
    invitation = InvitationFactory(organisation=world["a"], token="tok")
    client.force_login(world["owner_of_a"])
    url = f"/manage/{world['a'].pk}/team/invitations/{invitation.pk}/cancel/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # twice: no harm
    assert client.get(url).status_code == 405
    assert client.get("/invitations/tok/").status_code == 410
