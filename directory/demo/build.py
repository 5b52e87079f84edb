"""One way of building organisations and services from their plans.

The demo adds its pages one by one to the page tree; the search benchmark writes thousands
at once, straight into the tables. Both take the pages' fields, statuses and locations from
here, so what a plan becomes is decided in one place.
"""

from datetime import timedelta

from directory.models import (
    OrganisationPage,
    OrganisationSource,
    OrganisationStatus,
    ServiceLocation,
    ServicePage,
    ServiceStatus,
)


def organisation_page(plan, **fields):
    """An unsaved organisation page with the plan's details (its own fields, not relations)."""
    return OrganisationPage(
        **{
            "title": plan.title,
            "slug": plan.slug,
            "summary": plan.summary,
            "description": plan.description,
            "website": plan.website,
            "email": plan.email,
            "phone": plan.phone,
            "address": plan.address,
            "postcode": plan.postcode,
            "charity_regulator": plan.charity_regulator,
            "charity_number": plan.charity_number,
            "company_number": plan.company_number,
            "income_band": plan.income_band,
            "source": plan.source,
            "is_national": plan.is_national,
            **fields,
        }
    )


def service_page(plan, **fields):
    """An unsaved service page with the plan's details (its own fields, not relations)."""
    return ServicePage(
        **{
            "title": plan.title,
            "slug": plan.slug,
            "description": plan.description,
            "status": plan.status,
            "is_national": plan.is_national,
            "eligibility": plan.eligibility,
            "referral_method": plan.referral_method,
            "referral_details": plan.referral_details,
            "email": plan.email,
            "phone": plan.phone,
            "website": plan.url,
            "cost": plan.cost,
            "languages": plan.languages,
            "delivered_in_person": plan.delivered_in_person,
            "delivered_online": plan.delivered_online,
            "delivered_by_phone": plan.delivered_by_phone,
            **fields,
        }
    )


def service_locations(plan, **fields):
    """The service's unsaved locations, in the plan's order."""
    return [
        ServiceLocation(
            sort_order=order,
            name=location.name,
            area=location.area,
            address=location.address,
            postcode=location.postcode,
            accessibility=location.accessibility,
            is_confidential=location.is_confidential,
            **fields,
        )
        for order, location in enumerate(plan.locations)
    ]


def organisation_status_fields(plan, now):
    """Who looks after the listing and when it was last confirmed."""
    return {
        "is_claimed": plan.source == OrganisationSource.SELF_LISTED,
        "last_confirmed_at": now - timedelta(days=plan.confirmed_days_ago),
    }


def service_status_fields(plan, now):
    """Whether the service takes referrals and when that was last confirmed."""
    return {
        "capacity": plan.capacity,
        "capacity_note": plan.capacity_note,
        "last_confirmed_at": now - timedelta(days=plan.confirmed_days_ago),
    }


def create_organisation(directory, plan, now):
    """Add the planned organisation and its services to the directory, published unless
    the plan is a draft."""
    page = organisation_page(plan)
    page.regions = plan.regions
    page.led_by_and_for = plan.led_by_and_for
    page.commissioning_relationships = plan.commissioning
    if plan.is_draft:
        # A listing waiting for approval: its services are live but hidden with it.
        page.live = False
        directory.add_child(instance=page)
        page.save_revision()
    else:
        _publish_new_page(directory, page)

    for service_plan in plan.services:
        service = create_service(page, service_plan)
        ServiceStatus.objects.filter(service=service).update(
            **service_status_fields(service_plan, now)
        )

    OrganisationStatus.objects.filter(organisation=page).update(
        **organisation_status_fields(plan, now)
    )
    return page


def create_service(organisation, plan):
    service = service_page(plan)
    service.categories = plan.categories
    service.client_groups = plan.client_groups
    service.stages = plan.stages
    service.regions = plan.regions
    service.locations = service_locations(plan)
    return _publish_new_page(organisation, service)


def _publish_new_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
