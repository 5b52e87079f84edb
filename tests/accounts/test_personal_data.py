"""Download your data: one JSON file with every app's part, and nobody else's details."""

import json

from django.utils import timezone

from wagtail import hooks

import pytest

from core.personal_data import PERSONAL_DATA_HOOK, collect_personal_data
from directory.models import ListingClaim, ListingDraft, ListingSubmission
from directory.team.rules import accept_invitation
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    """Someone who has done a bit of everything, among colleagues who have too."""
    user = VerifiedUserFactory(first_name="Ada", last_name="Okafor", email="ada@example.org")
    activate_authenticator_app(user)
    owned = OwnerFactory(user=user, organisation__title="Alpha Aid").organisation
    colleague = MembershipFactory(
        organisation=owned, user__email="colleague@example.org", user__first_name="Colleague"
    )
    InvitationFactory(organisation=owned, invited_by=user, email="invitee@example.org")
    accept_invitation(InvitationFactory(organisation__title="Beta Support", email=user.email), user)
    claimed = MembershipFactory(organisation__title="Gamma Trust").organisation
    ListingClaim.objects.create(
        organisation=claimed, user=user, role_explanation="I am the coordinator"
    )
    ListingClaim.objects.create(
        organisation=claimed, user=colleague.user, role_explanation="Someone else's claim"
    )
    ListingDraft.objects.create(user=user, answers={"name": "My new charity"})
    ListingDraft.objects.create(user=colleague.user, answers={"name": "Colleague's draft"})
    ListingSubmission.objects.create(organisation=owned, kind="changes", submitted_by=user)
    return user


def test_downloading_your_data_gives_a_json_attachment(client, person):
    client.force_login(person)
    response = client.get("/account/your-data/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "ada@example.org"
    assert data["account"]["signed_up"] == person.date_joined.isoformat()


def test_your_data_has_every_apps_part(person):
    data = collect_personal_data(person)
    assert data["account"]["first_name"] == "Ada"
    assert data["email_addresses"] == [
        {"email": "ada@example.org", "verified": True, "primary": True}
    ]
    assert [a["type"] for a in data["two_factor_authentication"]] == ["totp"]
    memberships = {m["organisation"]: m["role"] for m in data["organisation_memberships"]}
    assert memberships == {"Alpha Aid": "owner", "Beta Support": "editor"}
    assert [c["your_role_in_the_organisation"] for c in data["listing_claims"]] == [
        "I am the coordinator"
    ]
    assert [(i["organisation"], i["state"]) for i in data["invitations_sent"]] == [
        ("Alpha Aid", "pending")
    ]
    assert [i["organisation"] for i in data["invitations_accepted"]] == ["Beta Support"]
    assert data["listing_in_progress"]["answers"] == {"name": "My new charity"}
    assert [(s["organisation"], s["kind"]) for s in data["listing_submissions"]] == [
        ("Alpha Aid", "changes")
    ]


def test_your_data_leaves_out_other_peoples_details(client, person):
    client.force_login(person)
    text = client.get("/account/your-data/").content.decode()
    for other in [
        "colleague@example.org",
        "invitee@example.org",
        "Someone else's claim",
        "Colleague's draft",
        "secret",  # no two-factor secrets
    ]:
        assert other not in text


def test_your_data_needs_you_to_sign_in(client):
    response = client.get("/account/your-data/")
    assert response.status_code == 302


def test_an_app_adds_its_part_through_the_registry(person):
    def newsletters(user):
        return {"newsletters": [{"name": "Forum news", "at": timezone.now().isoformat()}]}

    with hooks.register_temporarily(PERSONAL_DATA_HOOK, newsletters):
        data = collect_personal_data(person)
    assert data["newsletters"][0]["name"] == "Forum news"
    assert "account" in data


def test_two_apps_cannot_claim_the_same_part(person):
    duplicate = hooks.register_temporarily(PERSONAL_DATA_HOOK, lambda user: {"account": {}})
    with duplicate, pytest.raises(ValueError, match="account"):
        collect_personal_data(person)
