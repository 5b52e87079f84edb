"""A person's forum data, for the "download my data" export."""

from forums.models import (
    ConsultationResponse,
    EventRegistration,
    FeedbackInvitation,
    GuestRegistration,
)


def personal_data(user):
    return {
        "consultation_responses": _consultation_responses(user),
        "event_registrations": _event_registrations(user),
        "feedback_survey_invitations": _feedback_survey_invitations(user),
        "requests_to_register_without_an_account": _guest_requests(user),
    }


def _consultation_responses(user):
    responses = (
        ConsultationResponse.objects.filter(user=user)
        .select_related("consultation", "organisation")
        .prefetch_related("answers__question")
        .order_by("pk")
    )
    return [
        {
            "consultation": response.consultation.title,
            "consultation_url": response.consultation.full_url,
            "on_behalf_of": response.organisation.title if response.organisation else None,
            "status": response.status,
            "started_on": response.created_on.isoformat(),
            "submitted_on": response.submitted_on.isoformat() if response.submitted_on else None,
            "answers": [
                {"question": answer.question.text, "answer": answer.value}
                for answer in response.answers.all()
            ],
        }
        for response in responses
    ]


def _event_registrations(user):
    registrations = (
        EventRegistration.objects.filter(user=user)
        .select_related("event", "organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": registration.event.title,
            "event_url": registration.event.full_url,
            "event_start": registration.event.start.isoformat(),
            "on_behalf_of": registration.organisation.title if registration.organisation else None,
            "organisation_not_listed": registration.unlisted_organisation_name or None,
            "status": registration.status,
            "access_needs": registration.access_needs,
            "registered_at": registration.created_at.isoformat(),
            "promoted_from_waiting_list_at": _isoformat(registration.promoted_at),
            "cancelled_at": _isoformat(registration.cancelled_at),
        }
        for registration in registrations
    ]


def _feedback_survey_invitations(user):
    invitations = (
        FeedbackInvitation.objects.filter(user=user).select_related("survey").order_by("pk")
    )
    return [
        {
            "survey": invitation.survey.title,
            "survey_url": invitation.survey.full_url,
            "emailed_at": invitation.sent_at.isoformat(),
        }
        for invitation in invitations
    ]


def _guest_requests(user):
    """Requests made with this person's address (kept 7 days, forums/registrations/guests.py)."""
    if not user.email:
        return []
    requests = (
        GuestRegistration.objects.filter(email__iexact=user.email)
        .select_related("event", "organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": guest.event.title,
            "name": guest.name,
            "email": guest.email,
            "organisation": guest.organisation.title if guest.organisation else None,
            "organisation_not_listed": guest.unlisted_organisation_name or None,
            "access_needs": guest.access_needs,
            "requested_at": guest.created_at.isoformat(),
            "confirmed_at": _isoformat(guest.confirmed_at),
        }
        for guest in requests
    ]


def _isoformat(moment):
    return moment.isoformat() if moment else None
