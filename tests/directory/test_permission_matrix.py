"""Who may do what with a listing: every role × every protected action, on org A and org B.

Nobody edits an organisation they do not belong to; moderators and admins decide in the
admin; staff without an authenticator app cannot reach the admin at all.
"""

from django.urls import reverse

import pytest

from directory.claims.rules import start_claim
from directory.listings.rules import submit_service_changes
from directory.models import (
    Invitation,
    ListingClaim,
    ListingSubmission,
    OrganisationStatus,
    ReviewStatus,
)
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.factories.accounts import (
    ModeratorFactory,
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
    member_of,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no organisation",
    "editor of A",
    "owner of A",
    "moderator",
    "commissioner",
    "admin",
]


@pytest.fixture
def world(tree):
    org_a = OrganisationPageFactory(title="Organisation A")
    org_b = OrganisationPageFactory(title="Organisation B")
    services = {
        "A": ServicePageFactory(parent=org_a, title="Service A"),
        "B": ServicePageFactory(parent=org_b, title="Service B"),
    }
    owner_b = member_of(org_b, "owner")
    people = {
        "anonymous": None,
        "no organisation": VerifiedUserFactory(),
        "editor of A": member_of(org_a, "editor"),
        "owner of A": member_of(org_a, "owner"),
        "moderator": ModeratorFactory(),
        "commissioner": _commissioner(),
        "admin": StaffUserFactory(),
    }
    return {"A": org_a, "B": org_b, "services": services, "people": people, "owner B": owner_b}


def _commissioner():
    from directory.permissions import ensure_commissioners_group

    user = VerifiedUserFactory()
    user.groups.add(ensure_commissioners_group())
    activate_authenticator_app(user)
    return user


def as_role(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    return person


def allowed(response):
    return response.status_code in {200, 302} and not _sent_to_sign_in(response)


def _sent_to_sign_in(response):
    return response.status_code == 302 and "/account/login/" in response.get("Location", "")


EXPECTED = {
    # action: (roles allowed on A, roles allowed on B)
    "view draft": (
        {"editor of A", "owner of A", "moderator", "admin"},
        {"moderator", "admin"},
    ),
    "edit": ({"editor of A", "owner of A"}, set()),
    "publish": ({"moderator", "admin"}, {"moderator", "admin"}),
    "approve claim": ({"moderator", "admin"}, {"moderator", "admin"}),
    "invite": ({"owner of A"}, set()),
    "download the organisation's data": (
        {"editor of A", "owner of A", "moderator", "admin"},
        {"moderator", "admin"},
    ),
    "keep listed": ({"moderator", "admin"}, {"moderator", "admin"}),
    "confirm commissioning": (
        {"moderator", "commissioner", "admin"},
        {"moderator", "commissioner", "admin"},
    ),
}


def cases():
    for action, (on_a, on_b) in EXPECTED.items():
        for role in ROLES:
            yield pytest.param(action, role, "A", role in on_a, id=f"{action}-{role}-A")
            yield pytest.param(action, role, "B", role in on_b, id=f"{action}-{role}-B")


@pytest.mark.parametrize(("action", "role", "which", "may"), list(cases()))
def test_permission_matrix(client, world, action, role, which, may):
    organisation = world[which]
    service = world["services"][which]
    as_role(client, world, role)

    if action == "view draft":
        response = client.get(reverse("directory_preview_listing", args=[organisation.pk]))
        assert allowed(response) == may

    elif action == "edit":
        url = reverse("directory_edit_service", args=[organisation.pk, service.pk])
        assert allowed(client.get(url)) == may
        response = client.post(
            url,
            {
                "title": "Taken over",
                "description": "Changed",
                "status": "active",
                "categories": [service.categories.first().pk],
                "delivered_in_person": "on",
                "regions": [service.regions.first().pk],
                "referral_method": "both",
            },
        )
        assert allowed(response) == may
        assert ListingSubmission.objects.filter(organisation=organisation).exists() == may

    elif action == "publish":
        owner = world["people"]["owner of A"] if which == "A" else world["owner B"]
        submission = submit_service_changes(owner, service, {"title": "Renamed"})
        url = reverse("moderation:submission", args=[submission.pk])
        client.post(url, {"decision": "approve"})
        submission.refresh_from_db()
        assert (submission.status == ReviewStatus.APPROVED) == may

    elif action == "approve claim":
        OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=False)
        organisation.memberships.all().delete()
        claim = start_claim(VerifiedUserFactory(), organisation, "I run it")
        client.post(reverse("moderation:claim", args=[claim.pk]), {"decision": "approve"})
        claim = ListingClaim.objects.get(pk=claim.pk)
        assert (claim.status == ReviewStatus.APPROVED) == may

    elif action == "invite":
        url = reverse("directory_team", args=[organisation.pk])
        assert allowed(client.get(url)) == may
        client.post(url, {"email": "new.colleague@example.org", "role": "owner"})
        assert Invitation.objects.filter(organisation=organisation).exists() == may

    elif action in {"keep listed", "confirm commissioning"}:
        _listing_check(client, action, organisation, may)

    elif action == "download the organisation's data":
        url = reverse("directory_download_organisation_data", args=[organisation.pk])
        response = client.get(url)
        assert (response.status_code == 200) == may
        if may:
            assert response["Content-Type"].startswith("application/json")
            assert organisation.title in response.content.decode()


def _listing_check(client, action, organisation, may):
    """The admin's listing checks: the page opens, and the POST takes effect, for the role."""
    if action == "keep listed":
        url = reverse("listing_checks:keep_listed", args=[organisation.pk])
        data = {"reason": "Phoned them"}
    else:
        url = reverse("listing_checks:commissioning", args=[organisation.pk])
        data = {"relationships": ["moj-grant"]}
    assert allowed(client.get(url)) == may
    client.post(url, data)
    status = OrganisationStatus.objects.get(organisation=organisation)
    if action == "keep listed":
        assert status.keep_listed == may
    else:
        assert (status.commissioning_confirmed_at is not None) == may


def test_staff_without_an_authenticator_app_cannot_reach_the_admin_or_the_queue(client, tree):
    staff = VerifiedUserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    for url in [reverse("wagtailadmin_home"), reverse("moderation:queue")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/2fa/totp/activate/" in response["Location"]


def test_a_moderator_without_an_authenticator_app_cannot_reach_the_queue(client, tree):
    from directory.permissions import ensure_moderators_group

    moderator = VerifiedUserFactory()
    moderator.groups.add(ensure_moderators_group())
    client.force_login(moderator)
    response = client.get(reverse("moderation:queue"))
    assert response.status_code == 302
    assert "/account/2fa/totp/activate/" in response["Location"]
