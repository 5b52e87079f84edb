"""A person's forum data, for the "download my data" export."""

from .models import EventRegistration


def personal_data(user):
    registrations = (
        EventRegistration.objects.filter(user=user)
        .select_related("event", "organisation")
        .order_by("created_at", "pk")
    )
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "event_url": registration.event.full_url,
                "event_start": registration.event.start.isoformat(),
                "on_behalf_of": registration.organisation.title
                if registration.organisation
                else None,
                "status": registration.status,
                "access_needs": registration.access_needs,
                "registered_at": registration.created_at.isoformat(),
                "promoted_from_waiting_list_at": registration.promoted_at.isoformat()
                if registration.promoted_at
                else None,
                "cancelled_at": registration.cancelled_at.isoformat()
                if registration.cancelled_at
                else None,
            }
            for registration in registrations
        ]
    }
