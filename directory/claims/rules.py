"""Claiming a listing nobody looks after yet (imported or added by staff).

If the claimant's verified email address is on the organisation's own web domain, the
moderator sees that evidence and can approve in one click; otherwise the claim waits for a
closer look. Either way the claimant hears the outcome.
"""

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction

from allauth.account.models import EmailAddress

from core.emails import send_templated_email
from directory.listings.rules import DecisionAlreadyTaken, moderator_emails, take_decision
from directory.models import (
    ListingClaim,
    MembershipRole,
    OrganisationMembership,
    OrganisationStatus,
    ReviewStatus,
)

__all__ = ["DecisionAlreadyTaken", "approve_claim", "can_be_claimed", "reject_claim", "start_claim"]


class AlreadyClaimed(Exception):
    pass


def website_domain(url):
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


def email_domain_evidence(user, organisation):
    """A sentence for the moderator when a verified address is on the organisation's domain,
    else an empty string."""
    domain = website_domain(organisation.website)
    if not domain:
        return ""
    for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    ):
        email_domain = email.rsplit("@", 1)[-1].lower()
        if email_domain == domain or email_domain.endswith("." + domain):
            return (
                f"Verified email address {email} is on the organisation's website domain {domain}."
            )
    return ""


def can_be_claimed(organisation):
    status = OrganisationStatus.objects.filter(organisation=organisation).first()
    claimed = status.is_claimed if status else False
    return not claimed and not organisation.memberships.exists()


def pending_claim(user, organisation):
    return ListingClaim.objects.filter(
        user=user, organisation=organisation, status=ReviewStatus.PENDING
    ).first()


@transaction.atomic
def start_claim(user, organisation, role_explanation):
    """One pending claim per person and organisation: a second submit returns the first."""
    if not can_be_claimed(organisation):
        raise AlreadyClaimed
    existing = pending_claim(user, organisation)
    if existing:
        return existing
    evidence = email_domain_evidence(user, organisation)
    try:
        with transaction.atomic():
            claim = ListingClaim.objects.create(
                organisation=organisation,
                user=user,
                role_explanation=role_explanation.strip(),
                email_domain_matches=bool(evidence),
                evidence=evidence,
            )
    except IntegrityError:
        return pending_claim(user, organisation)
    send_templated_email(moderator_emails(), "directory/emails/claim_received", {"claim": claim})
    return claim


@transaction.atomic
def approve_claim(claim, moderator, reason=""):
    """The claimant becomes the owner; other claims on the same listing are turned down."""
    claim = take_decision(ListingClaim, claim.pk, moderator, ReviewStatus.APPROVED, reason)
    OrganisationMembership.objects.get_or_create(
        user=claim.user,
        organisation=claim.organisation,
        defaults={"role": MembershipRole.OWNER},
    )
    OrganisationStatus.objects.update_or_create(
        organisation=claim.organisation, defaults={"is_claimed": True}
    )
    _tell_claimant(claim)
    for other in ListingClaim.objects.filter(
        organisation=claim.organisation, status=ReviewStatus.PENDING
    ):
        reject_claim(other, moderator, "Someone else from the organisation now looks after it.")
    return claim


@transaction.atomic
def reject_claim(claim, moderator, reason):
    claim = take_decision(ListingClaim, claim.pk, moderator, ReviewStatus.REJECTED, reason)
    _tell_claimant(claim)
    return claim


def _tell_claimant(claim):
    send_templated_email([claim.user], "directory/emails/claim_decided", {"claim": claim})
