"""Data people can download: an organisation's own data (for its team and moderators) and
the directory's part of a person's data (registered with core.personal_data)."""

from django.db.models import Prefetch

from core.personal_data import isoformat
from directory.models import (
    Invitation,
    ListingClaim,
    ListingDraft,
    ListingSubmission,
    OrganisationMembership,
    ServicePage,
)
from directory.team.rules import invitation_state


def _names(terms):
    return [term.name for term in terms]


def organisation_data(organisation):
    """The listing, its services with their taxonomy terms, and who is in the team."""
    organisation = (
        type(organisation)
        .objects.select_related("operational_status")
        .prefetch_related("regions", "led_by_and_for", "commissioning_relationships")
        .get(pk=organisation.pk)
    )
    services = (
        ServicePage.objects.filter(organisation=organisation)
        .order_by("path")
        .prefetch_related("categories", "client_groups", "stages", "regions", Prefetch("locations"))
    )
    memberships = OrganisationMembership.objects.filter(organisation=organisation).select_related(
        "user"
    )
    return {
        "organisation": _organisation_details(organisation),
        "services": [_service_details(service) for service in services],
        "team": [
            {
                "name": membership.user.get_full_name(),
                "email": membership.user.email,
                "role": membership.role,
                "since": isoformat(membership.created_at),
            }
            for membership in memberships.order_by("role", "user__email")
        ],
    }


def _organisation_details(organisation):
    status = getattr(organisation, "operational_status", None)
    return {
        "id": organisation.pk,
        "name": organisation.title,
        "live": organisation.live,
        "url": organisation.full_url,
        "summary": organisation.summary,
        "description": organisation.description,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "address": organisation.address,
        "postcode": organisation.postcode,
        "charity_regulator": organisation.charity_regulator,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "income_band": organisation.get_income_band_display() if organisation.income_band else "",
        "works_nationally": organisation.is_national,
        "regions": _names(organisation.regions.all()),
        "led_by_and_for": _names(organisation.led_by_and_for.all()),
        "commissioning_relationships": _names(organisation.commissioning_relationships.all()),
        "claimed": bool(status and status.is_claimed),
        "last_confirmed": isoformat(status.last_confirmed_at) if status else None,
    }


def _service_details(service):
    return {
        "id": service.pk,
        "name": service.title,
        "live": service.live,
        "status": service.status,
        "description": service.description,
        "categories": _names(service.categories.all()),
        "client_groups": _names(service.client_groups.all()),
        "justice_stages": _names(service.stages.all()),
        "works_nationally": service.is_national,
        "regions": _names(service.regions.all()),
        "eligibility": service.eligibility,
        "referral_method": service.referral_method,
        "referral_details": service.referral_details,
        "email": service.email,
        "phone": service.phone,
        "website": service.website,
        "cost": service.cost,
        "languages": service.language_list,
        "delivered_in_person": service.delivered_in_person,
        "delivered_online": service.delivered_online,
        "delivered_by_phone": service.delivered_by_phone,
        "locations": [
            {
                "name": location.name,
                "address": location.address,
                "postcode": location.postcode,
                "area": location.area,
                "confidential": location.is_confidential,
            }
            for location in service.locations.all()
        ],
    }


def directory_personal_data(user):
    """What the directory holds about `user`: their own actions, never other people's
    details (an invitation they sent says which organisation and role, not who)."""
    sent = Invitation.objects.filter(invited_by=user).select_related("organisation")
    accepted = Invitation.objects.filter(accepted_by=user).select_related("organisation")
    submissions = ListingSubmission.objects.filter(submitted_by=user).select_related("organisation")
    draft = ListingDraft.objects.filter(user=user).first()
    return {
        "organisation_memberships": _memberships(user),
        "listing_claims": _claims(user),
        "invitations_sent": [
            {
                "organisation": i.organisation.title,
                "role": i.role,
                "sent": isoformat(i.created_at),
                "state": invitation_state(i),
            }
            for i in sent
        ],
        "invitations_accepted": [
            {
                "organisation": i.organisation.title,
                "role": i.role,
                "accepted": isoformat(i.accepted_at),
            }
            for i in accepted
        ],
        "listing_in_progress": {"answers": draft.answers, "updated": isoformat(draft.updated_at)}
        if draft
        else None,
        "listing_submissions": [
            {
                "organisation": s.organisation.title,
                "kind": s.kind,
                "status": s.status,
                "submitted": isoformat(s.created_at),
                "decided": isoformat(s.decided_at),
            }
            for s in submissions
        ],
    }


def _memberships(user):
    memberships = OrganisationMembership.objects.filter(user=user).select_related("organisation")
    return [
        {
            "organisation": m.organisation.title,
            "organisation_id": m.organisation_id,
            "role": m.role,
            "since": isoformat(m.created_at),
        }
        for m in memberships
    ]


def _claims(user):
    claims = ListingClaim.objects.filter(user=user).select_related("organisation")
    return [
        {
            "organisation": c.organisation.title,
            "status": c.status,
            "your_role_in_the_organisation": c.role_explanation,
            "evidence": c.evidence,
            "made": isoformat(c.created_at),
            "decided": isoformat(c.decided_at),
        }
        for c in claims
    ]
