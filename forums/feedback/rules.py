"""Feedback surveys after events: a consultation linked to one event, answered once by each
person who came, who is emailed a link when the event's outcomes are published (or when the
survey opens, if that is later).

Who came: if the forum managers recorded attendance (anyone marked "attended"), the people
marked attended; otherwise everyone who held a place. Cancelled and waiting-list
registrations never count."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.emails import send_templated_email
from core.page_urls import localized_page_absolute_url
from forums.models import (
    HOLDS_A_PLACE,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationState,
    EventCalendarState,
    FeedbackInvitation,
    QuestionKind,
    RegistrationStatus,
    ResponseMode,
)

# A new survey opens when the event ends and closes this long after.
FEEDBACK_OPEN_FOR = datetime.timedelta(weeks=3)


def default_questions():
    return [
        ConsultationQuestion(
            kind=QuestionKind.SCALE,
            text=_("Overall, how useful was the event?"),
            help_text=_("1 is not at all useful, 5 is very useful."),
            required=True,
            sort_order=0,
        ),
        ConsultationQuestion(
            kind=QuestionKind.LONG_TEXT,
            text=_("What worked well?"),
            max_length=2000,
            sort_order=1,
        ),
        ConsultationQuestion(
            kind=QuestionKind.LONG_TEXT,
            text=_("What could be better?"),
            max_length=2000,
            sort_order=2,
        ),
        ConsultationQuestion(
            kind=QuestionKind.YES_NO,
            text=_("Would you come to another event like this?"),
            required=True,
            sort_order=3,
        ),
    ]


# Who may give feedback


def event_attendees(event):
    """The people who came to `event`: those marked attended if attendance was recorded,
    otherwise everyone who held a place."""
    registrations = event.registrations.all()
    if registrations.filter(status=RegistrationStatus.ATTENDED).exists():
        came = registrations.filter(status=RegistrationStatus.ATTENDED)
    else:
        came = registrations.filter(status__in=HOLDS_A_PLACE)
    return get_user_model().objects.filter(pk__in=came.values("user_id"), is_active=True)


def may_give_feedback(user, event):
    return user.is_authenticated and event_attendees(event).filter(pk=user.pk).exists()


def feedback_refusal(consultation, user):
    """Why `user` may not respond to this feedback survey, in words for them, or None."""
    if not consultation.is_feedback_survey:
        return None
    event = consultation.feedback_for_event
    if event is None:
        return None
    if not user.is_authenticated:
        return _(
            "This survey is for people who came to %(event)s. Sign in to give your feedback."
        ) % {"event": event.title}
    if not may_give_feedback(user, event):
        return _(
            "This survey is only for people who came to %(event)s, so you cannot respond to "
            "it. If you came and think this is wrong, contact the forum's team."
        ) % {"event": event.title}
    return None


def feedback_survey_of(event):
    """The event's live feedback survey, or None."""
    return ConsultationPage.objects.live().filter(feedback_for_event=event).order_by("pk").first()


# Creating a survey


def _free_slug(base, parent):
    slug = base
    number = 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_feedback_survey(event, user):
    """A draft feedback survey in the event's forum, with the usual questions, opening when
    the event ends and closing three weeks later. Returns the event's existing survey (draft
    or live) instead if it has one, so a double-submitted form makes one."""
    existing = ConsultationPage.objects.filter(feedback_for_event=event).order_by("pk").first()
    if existing is not None:
        return existing
    forum = event.get_parent()
    title = _("Feedback: %(event)s") % {"event": event.title}
    survey = ConsultationPage(
        title=title,
        slug=_free_slug(slugify(f"feedback-{event.slug}")[:200], forum),
        summary=_("Tell us what you thought of %(event)s.") % {"event": event.title},
        purpose=_(
            "<p>Thank you for coming to %(event)s. Your answers help us make the next event "
            "more useful. It takes about five minutes.</p>"
        )
        % {"event": event.title},
        opens_at=event.end,
        closes_at=event.end + FEEDBACK_OPEN_FOR,
        response_mode=ResponseMode.PERSON,
        allow_anonymous=False,
        feedback_for_event=event,
        owner=user,
        live=False,
    )
    survey.questions = default_questions()
    try:
        with transaction.atomic():
            forum.add_child(instance=survey)
            survey.save_revision(user=user, log_action=True)
    except (IntegrityError, ValidationError):
        # The same form sent twice at the same moment: the other request made the survey
        # (one per event: the page's validation or, at the very same moment, a constraint).
        existing = ConsultationPage.objects.filter(feedback_for_event=event).order_by("pk").first()
        if existing is None:
            raise
        return existing
    return survey


# Inviting attendees


def outcomes_published(event):
    states = EventCalendarState.objects.filter(event=event, outcomes_emailed_at__isnull=False)
    return states.exists()


def invite_to_feedback(survey, now=None):
    """Email each attendee of the survey's event a link to it, once each, if the survey is
    live and open and the event's outcomes are published. Returns the number emailed."""
    now = now or timezone.now()
    event = survey.feedback_for_event
    if (
        event is None
        or not survey.live
        or survey.state(now) != ConsultationState.OPEN
        or not outcomes_published(event)
    ):
        return 0
    sent = 0
    for user in event_attendees(event).order_by("pk"):
        with transaction.atomic():
            # Recorded first: a second run (or one at the same moment) finds it and sends
            # nothing; the email itself goes when this transaction commits.
            _invitation, created = FeedbackInvitation.objects.get_or_create(
                survey=survey, user=user, defaults={"sent_at": now}
            )
            if not created:
                continue
            send_templated_email(
                [user.email],
                "forums/emails/feedback_survey",
                {
                    "event": event,
                    "survey": survey,
                    "survey_url": localized_page_absolute_url(survey),
                    "closes_at": survey.closes_at,
                },
            )
            sent += 1
    return sent


def event_outcomes_published(event, now=None):
    """Called when an event is published with its outcomes: invite its attendees to its
    feedback survey, if one is live and open."""
    survey = feedback_survey_of(event)
    return invite_to_feedback(survey, now) if survey is not None else 0


# What the event page shows


def feedback_context(event, request):
    survey = feedback_survey_of(event)
    show = (
        survey is not None
        and survey.state() == ConsultationState.OPEN
        and may_give_feedback(request.user, event)
    )
    return {"feedback_survey": survey if show else None}
