"""What the shortlist tests share: services with contact details in full, and adding one the
way a person does (the "Add to shortlist" form)."""

import datetime

from directory.models import ServiceOpeningHours
from directory.shortlist.stores import SessionShortlist
from tests.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory


def service_with_details(title="Women's move-on housing", **fields):
    """A listed service with every contact detail a practitioner acts on."""
    organisation = fields.pop("parent", None) or OrganisationPageFactory(
        title=f"{title} Trust", regions=["yorkshire-and-the-humber"]
    )
    defaults = {
        "phone": "0113 496 0000",
        "email": "referrals@example.org",
        "website": "https://example.org/move-on",
        "referral_method": "professional",
        "referral_details": "Send the referral form to the team.",
        "referral_checklist": "Date of release\nRisk assessment",
        "eligibility": "Women aged 18 and over.",
        "opening_hours_note": "Closed on bank holidays.",
        "categories": ["supported-housing"],
    }
    service = ServicePageFactory(parent=organisation, title=title, **{**defaults, **fields})
    ServiceOpeningHours.objects.create(
        service=service,
        weekday=0,
        opens_at=datetime.time(9),
        closes_at=datetime.time(17),
    )
    ServiceLocationFactory(
        service=service, area="Leeds", address="4 Hidden Lane", is_confidential=True
    )
    return service


def add(client, service, next_url=None):
    data = {"service": service.pk}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/shortlist/add/", data)


def session_ids(client):
    return [entry[0] for entry in client.session.get(SessionShortlist.KEY, [])]
