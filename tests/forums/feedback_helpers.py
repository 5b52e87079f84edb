"""Helpers shared by the feedback survey tests: publishing pages and an event's outcomes, the
feedback emails sent, and a survey of an event."""

from forums.feedback.rules import FEEDBACK_OPEN_FOR
from tests.factories import ConsultationPageFactory, ConsultationQuestionFactory

SUBJECT = "feedback survey"


def _publish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _publish_outcomes(event):
    return _publish(event, closed=True, minutes="<p>You said, we did.</p>", attendee_count=3)


def _feedback_emails(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox if SUBJECT in m.subject)


def _survey(event, **fields):
    fields = {
        "parent": event.get_parent(),
        "title": "Feedback: North East forum meeting",
        "response_mode": "person",
        "feedback_for_event": event,
        "opens_at": event.end,
        "closes_at": event.end + FEEDBACK_OPEN_FOR,
        **fields,
    }
    survey = ConsultationPageFactory(**fields)
    ConsultationQuestionFactory(page=survey, kind="scale", text="How useful?", required=True)
    return survey
