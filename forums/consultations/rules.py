"""Consultation rules: who may respond and how (an event's feedback survey: only the people
who came, see forums.feedback.rules), saving drafts and submissions, the copy of a response
and the outcome emails. The forms are in forms.py, the forum managers' summaries and exports
in analysis.py, the answers held for the check-your-answers page in checking.py."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import send_templated_email
from directory.permissions import organisations_acting_for
from forums.feedback.rules import feedback_refusal
from forums.models import (
    ConsultationAnswer,
    ConsultationOutcomeNotice,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationResponse,
    ConsultationState,
    QuestionKind,
    ResponseStatus,
)
from forums.models.consultations import YES_NO_OPTIONS

INDIVIDUAL = "individual"
ANONYMOUS = "anonymous"


class ResponseError(Exception):
    """Why a response cannot be taken, in words for the respondent."""


def questions_of(consultation):
    return list(ConsultationQuestion.objects.filter(page=consultation).order_by("sort_order", "pk"))


def responses_of(user, consultation):
    """The responses `user` may see and edit: their own, and their organisations' ones."""
    if not user.is_authenticated:
        return ConsultationResponse.objects.none()
    from django.db.models import Q

    own = Q(user=user)
    organisations = organisations_acting_for(user)
    if consultation.per_organisation:
        own |= Q(organisation__in=organisations, for_organisation=True)
    return consultation.responses.filter(own).select_related("organisation")


def find_response(consultation, user, organisation):
    """The existing response of this person, or of their organisation when it responds once."""
    if not user.is_authenticated:
        return None
    responses = consultation.responses.all()
    if organisation is not None and consultation.per_organisation:
        return responses.filter(organisation=organisation, for_organisation=True).first()
    return responses.filter(user=user, organisation=organisation).first()


def initial_answers(response):
    initial = {}
    if response is None:
        return initial
    organisation_id = response.organisation_id
    initial["on_behalf_of"] = str(organisation_id) if organisation_id else INDIVIDUAL
    for answer in response.answers.select_related("question"):
        if answer.question.kind == QuestionKind.MULTIPLE_CHOICE:
            initial[f"question_{answer.question_id}"] = answer.values
        else:
            initial[f"question_{answer.question_id}"] = answer.value
    return initial


def check_open(consultation, now=None):
    state = consultation.state(now)
    if state == ConsultationState.FORTHCOMING:
        raise ResponseError(
            _("This consultation has not opened yet. It opens on %(date)s.")
            % {"date": timezone.localtime(consultation.opens_at).strftime("%-d %B %Y at %H:%M")}
        )
    if state == ConsultationState.CLOSED:
        raise ResponseError(_("This consultation has closed: it no longer takes responses."))


def check_can_respond(consultation, user, now=None):
    """Raise ResponseError unless the consultation is open and, for an event's feedback
    survey, `user` came to the event."""
    check_open(consultation, now)
    refusal = feedback_refusal(consultation, user)
    if refusal:
        raise ResponseError(refusal)


def _anonymous_response(consultation, key, today):
    """(response, created): a new anonymous response, or the one already stored for this
    form's key (the same form submitted twice, perhaps at the same moment: the second waits
    for the first to commit, then finds its response). A key stored for another consultation
    (an edited form) is not used."""
    if key:
        existing = ConsultationResponse.objects.filter(form_key=key).first()
        if existing is not None:
            if existing.consultation_id == consultation.pk:
                return existing, False
            key = None
    try:
        with transaction.atomic():
            response = ConsultationResponse.objects.create(
                consultation=consultation, created_on=today, updated_on=today, form_key=key
            )
    except IntegrityError:
        existing = ConsultationResponse.objects.filter(
            form_key=key, consultation=consultation
        ).first()
        if key is None or existing is None:
            raise
        return existing, False
    return response, True


def _own_response(consultation, user, form, today):
    """The signed-in person's response for the organisation chosen in `form` (created as a
    draft if need be), locked until the transaction ends: a double-clicked form's second
    save waits for the first instead of writing the same answers alongside it."""
    organisation = form.organisation()
    if organisation is not None and organisation.pk not in {
        o.pk for o in form.organisations.values()
    }:
        raise ResponseError(_("You can only respond for an organisation you belong to."))
    response = find_response(consultation, user, organisation)
    if response is None:
        try:
            with transaction.atomic():
                response = ConsultationResponse.objects.create(
                    consultation=consultation,
                    user=user,
                    organisation=organisation,
                    for_organisation=organisation is not None and consultation.per_organisation,
                    created_on=today,
                    updated_on=today,
                )
        except IntegrityError:
            response = find_response(consultation, user, organisation)
    return ConsultationResponse.objects.select_for_update().get(pk=response.pk)


def save_response(consultation, user, form, submit, now=None, copy_to=None):
    """Save a draft or submit a response from a valid form. Saving twice (a double-submitted
    form) updates the one response. Anonymous responses are always submitted at once.

    A submission emails a copy of the answers (to the account's address, or to `copy_to` for
    an anonymous respondent) once: submitting the same answers again sends nothing."""
    check_can_respond(consultation, user, now)
    today = timezone.localdate(now or timezone.now())
    answers = form.answers()
    with transaction.atomic():
        if user.is_authenticated:
            response = _own_response(consultation, user, form, today)
        else:
            submit = True
            response, created = _anonymous_response(
                consultation, form.cleaned_data.get("form_key") or None, today
            )
            if not created:
                return response
        stored = dict(response.answers.values_list("question_id", "value"))
        unchanged = response.is_submitted and stored == {q.pk: v for q, v in answers.items()}
        response.updated_on = today
        if submit:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_on = response.submitted_on or today
        response.save()
        response.answers.exclude(question__in=list(answers)).delete()
        for question, value in answers.items():
            ConsultationAnswer.objects.update_or_create(
                response=response, question=question, defaults={"value": value}
            )
    if submit and not unchanged:
        email = user.email if user.is_authenticated else copy_to
        send_response_copy(consultation, response, answers, email)
    return response


def answer_display(question, value):
    if question.kind == QuestionKind.YES_NO:
        return dict(YES_NO_OPTIONS).get(value, value)
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return ", ".join(line for line in value.splitlines() if line)
    return value


def send_response_copy(consultation, response, answers, email):
    """A copy of the answers. The address of an anonymous respondent is used for this email
    only and never stored."""
    if not email:
        return
    rows = [
        (question.text, answer_display(question, answers[question]) if question in answers else "")
        for question in questions_of(consultation)
    ]
    send_templated_email(
        [email],
        "forums/emails/consultation_response",
        {"consultation": consultation, "response": response, "rows": rows},
    )


def consultation_context(consultation, request):
    user = request.user
    return {
        "state": consultation.state(),
        "documents": consultation.documents.select_related("document"),
        "my_responses": list(responses_of(user, consultation)),
        "respond_url": reverse("forums_consultation_respond", args=[consultation.pk]),
        "refusal": feedback_refusal(consultation, user),
    }


# Outcome


def published_outcomes():
    return (
        ConsultationPage.objects.live()
        .filter(outcome_notice__isnull=False)
        .select_related("forum_region", "outcome_notice")
        .order_by("-outcome_notice__published_at")
    )


def outcome_published(consultation, now=None):
    """Called when the page is published: the first time it carries an outcome after
    closing, record when and email the respondents who gave an address (once)."""
    now = now or timezone.now()
    if not consultation.has_outcome or consultation.state(now) != ConsultationState.CLOSED:
        return False
    with transaction.atomic():
        notice, created = ConsultationOutcomeNotice.objects.get_or_create(
            consultation_id=consultation.pk, defaults={"published_at": now}
        )
        if not created:
            return False
        emails = set(
            consultation.responses.filter(
                status=ResponseStatus.SUBMITTED, user__isnull=False
            ).values_list("user__email", flat=True)
        )
        for email in sorted(emails):
            send_templated_email(
                [email], "forums/emails/consultation_outcome", {"consultation": consultation}
            )
        notice.recipients = len(emails)
        notice.save(update_fields=["recipients"])
    return True
