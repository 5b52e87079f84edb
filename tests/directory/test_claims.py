"""Claiming an unclaimed listing: evidence, one-click approval, and emails either way."""

from django.core import mail
from django.urls import reverse

import pytest

from directory.claims.rules import AlreadyClaimed, approve_claim, reject_claim, start_claim
from directory.listings.rules import DecisionAlreadyTaken
from directory.models import ListingClaim, OrganisationMembership, OrganisationStatus
from tests.factories import OrganisationPageFactory
from tests.factories.accounts import ModeratorFactory, VerifiedUserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tree):
    organisation = OrganisationPageFactory(
        title="Second Chance Trust", website="https://www.secondchance.org.uk", source="imported"
    )
    OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=False)
    return organisation


def test_a_claim_from_the_organisations_domain_carries_the_evidence(imported):
    person = VerifiedUserFactory(email="jo@secondchance.org.uk")
    claim = start_claim(person, imported, "I am the director.")
    assert claim.email_domain_matches
    assert "secondchance.org.uk" in claim.evidence


def test_a_claim_from_elsewhere_waits_for_review_without_evidence(imported):
    person = VerifiedUserFactory(email="jo@gmail.com")
    claim = start_claim(person, imported, "I volunteer there.")
    assert not claim.email_domain_matches and claim.evidence == ""


def test_an_unverified_address_is_no_evidence(imported):
    from allauth.account.models import EmailAddress

    person = VerifiedUserFactory(email="jo@gmail.com")
    EmailAddress.objects.create(user=person, email="jo@secondchance.org.uk", verified=False)
    assert not start_claim(person, imported, "Director").email_domain_matches


def test_a_lookalike_domain_is_no_evidence(imported):
    person = VerifiedUserFactory(email="jo@notsecondchance.org.uk")
    assert not start_claim(person, imported, "Director").email_domain_matches


def test_claiming_through_the_site_and_one_click_approval(
    client, imported, django_capture_on_commit_callbacks
):
    person = VerifiedUserFactory(email="jo@secondchance.org.uk")
    client.force_login(person)
    url = reverse("directory_claim_listing", args=[imported.pk])
    assert client.get(url).status_code == 200
    assert "Claim this listing" in client.get(imported.url).content.decode()
    response = client.post(url, {"role_explanation": "I am the director."})
    assert "Your claim has been sent" in response.content.decode()
    claim = ListingClaim.objects.get()

    moderator = ModeratorFactory()
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Approve" in queue and "secondchance.org.uk" in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:claim", args=[claim.pk]), {"decision": "approve"})
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.decided_by == moderator
    assert OrganisationMembership.objects.get(organisation=imported).user == person
    assert OrganisationStatus.objects.get(organisation=imported).is_claimed
    assert mail.outbox[-1].to == [person.email]
    assert "now look after" in mail.outbox[-1].subject


def test_a_rejected_claimant_is_told_why(imported, django_capture_on_commit_callbacks):
    person = VerifiedUserFactory(email="jo@gmail.com")
    claim = start_claim(person, imported, "Fan of their work")
    with django_capture_on_commit_callbacks(execute=True):
        reject_claim(claim, ModeratorFactory(), "We could not confirm you work there.")
    assert "could not confirm" in mail.outbox[-1].body
    assert not OrganisationMembership.objects.exists()


def test_a_double_submitted_claim_creates_one(client, imported):
    person = VerifiedUserFactory()
    client.force_login(person)
    url = reverse("directory_claim_listing", args=[imported.pk])
    client.post(url, {"role_explanation": "Manager"})
    client.post(url, {"role_explanation": "Manager"})
    assert ListingClaim.objects.count() == 1


def test_a_claim_cannot_be_approved_twice(imported):
    claim = start_claim(VerifiedUserFactory(), imported, "Manager")
    approve_claim(claim, ModeratorFactory())
    with pytest.raises(DecisionAlreadyTaken):
        approve_claim(claim, ModeratorFactory())
    assert OrganisationMembership.objects.count() == 1


def test_approving_one_claim_turns_down_the_others(imported):
    first = start_claim(VerifiedUserFactory(), imported, "Manager")
    second = start_claim(VerifiedUserFactory(), imported, "Trustee")
    approve_claim(first, ModeratorFactory())
    second.refresh_from_db()
    assert second.status == "rejected"


def test_a_listing_someone_looks_after_cannot_be_claimed(client, imported):
    member_of(imported)
    with pytest.raises(AlreadyClaimed):
        start_claim(VerifiedUserFactory(), imported, "Manager")
    client.force_login(VerifiedUserFactory())
    response = client.get(reverse("directory_claim_listing", args=[imported.pk]))
    assert "Someone already looks after this listing" in response.content.decode()


def test_claiming_needs_a_role(client, imported):
    client.force_login(VerifiedUserFactory())
    response = client.post(
        reverse("directory_claim_listing", args=[imported.pk]), {"role_explanation": ""}
    )
    assert "Tell us your role" in response.content.decode()
    assert not ListingClaim.objects.exists()


def test_claiming_an_unknown_listing_is_not_found(client, tree):
    client.force_login(VerifiedUserFactory())
    assert client.get(reverse("directory_claim_listing", args=[999999])).status_code == 404
