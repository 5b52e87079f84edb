"""Demo accounts and moderation work, so `make run` shows the admin, self-service and the queue.

Safe to run again: each piece is created only when missing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from allauth.account.models import EmailAddress

from directory.claims.rules import can_be_claimed, start_claim
from directory.listings.rules import submit_service_changes
from directory.models import (
    ListingClaim,
    ListingProblemReport,
    MembershipRole,
    OrganisationMembership,
    OrganisationPage,
    OrganisationSource,
    ServicePage,
)
from directory.permissions import ensure_moderators_group

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "commonground-demo"  # noqa: S105 - published on purpose, demo only
DEMO_OWNER_EMAIL = "charity@example.com"
DEMO_CLAIMANT_EMAIL = "volunteer@example.com"


def ensure_demo_admin():
    """The demo superuser, created only if missing; an existing password is never changed.

    Its email address is marked as confirmed, since sign-in requires that (also for a demo
    admin made before sign-in did). On first sign-in it must set up an authenticator app,
    like every staff account.
    """
    User = get_user_model()
    admin = User.objects.filter(email__iexact=DEMO_ADMIN_EMAIL).first()
    created = admin is None
    with transaction.atomic():
        if created:
            admin = User.objects.create_superuser(
                email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD
            )
        if not EmailAddress.objects.filter(user=admin).exists():
            EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    return created


def _demo_user(email, password):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load_self_service_demo(password):
    ensure_moderators_group()
    owner = _demo_user(DEMO_OWNER_EMAIL, password)
    organisation = (
        OrganisationPage.objects.live()
        .filter(source=OrganisationSource.SELF_LISTED, memberships__isnull=True)
        .order_by("title")
        .first()
        if not owner.memberships.exists()
        else owner.memberships.first().organisation
    )
    if organisation is None:
        return
    OrganisationMembership.objects.get_or_create(
        user=owner, organisation=organisation, defaults={"role": MembershipRole.OWNER}
    )
    service = ServicePage.objects.live().filter(organisation=organisation).first()
    if service is not None and not organisation.submissions.exists():
        submit_service_changes(
            owner, service, {"eligibility": "Adults aged 18 and over. Evening sessions too."}
        )

    claimant = _demo_user(DEMO_CLAIMANT_EMAIL, password)
    if not ListingClaim.objects.filter(user=claimant).exists():
        imported = [
            candidate
            for candidate in OrganisationPage.objects.live()
            .filter(source=OrganisationSource.IMPORTED)
            .order_by("title")[:20]
            if can_be_claimed(candidate)
        ]
        if imported:
            start_claim(
                claimant, imported[0], "I coordinate the volunteers and update our leaflets."
            )

    if not ListingProblemReport.objects.exists():
        ListingProblemReport.objects.create(
            organisation=organisation,
            service=service,
            what_is_wrong="The phone number on this listing rings out; try the office line.",
        )
