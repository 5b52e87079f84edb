"""Consultation rules: who may respond and how (an event's feedback survey: only the people
who came, see forums.feedback.rules), the response form built from the questions,
saving drafts and submissions, summaries for forum managers and the outcome emails."""

from collections import Counter

from django import forms
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from forums.models.consultations import FREE_TEXT_KINDS, SUMMARISED_KINDS, YES_NO_OPTIONS

INDIVIDUAL = "individual"
ANONYMOUS = "anonymous"
SHORT_TEXT_MAX_LENGTH = 250
LONG_TEXT_DEFAULT_MAX_LENGTH = 5000


class ResponseError(Exception):
    """Why a response cannot be taken, in words for the respondent."""


def question_field_name(question):
    return f"question_{question.pk}"


def question_field(question):
    """The form field that answers `question`, with its validation."""
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    required_message = _("Answer the question: %(question)s") % {"question": question.text}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        field = forms.CharField(max_length=SHORT_TEXT_MAX_LENGTH, **common)
        field.error_messages["max_length"] = _(
            "Your answer must be %(limit)s characters or fewer (it has %%(show_value)s)."
        ) % {"limit": SHORT_TEXT_MAX_LENGTH}
    elif kind == QuestionKind.LONG_TEXT:
        limit = question.max_length or LONG_TEXT_DEFAULT_MAX_LENGTH
        field = forms.CharField(
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 5}),
            **common,
        )
        field.error_messages["max_length"] = _(
            "Your answer must be %(limit)s characters or fewer (it has %%(show_value)s)."
        ) % {"limit": limit}
    elif kind == QuestionKind.SINGLE_CHOICE:
        field = forms.ChoiceField(choices=question.options(), widget=forms.RadioSelect, **common)
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        field = forms.MultipleChoiceField(
            choices=question.options(), widget=forms.CheckboxSelectMultiple, **common
        )
    elif kind == QuestionKind.SCALE:
        field = forms.ChoiceField(choices=question.options(), widget=forms.RadioSelect, **common)
    else:
        field = forms.ChoiceField(choices=YES_NO_OPTIONS, widget=forms.RadioSelect, **common)
    field.question = question
    field.required_message = required_message
    field.error_messages["invalid_choice"] = _("Choose one of the options given.")
    return field


class ResponseForm(forms.Form):
    """The questions of a consultation, plus who the response is for. Required questions are
    checked only on submission: a draft may be incomplete, but never invalid."""

    on_behalf_of = forms.ChoiceField(
        label=gettext_lazy("Who are you responding for?"),
        widget=forms.RadioSelect,
        required=False,
    )
    copy_email = forms.EmailField(
        label=gettext_lazy("Email address for a copy of your answers (optional)"),
        help_text=gettext_lazy("We send the copy and then delete the address."),
        required=False,
    )

    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def __init__(self, *args, consultation, user, questions, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.user = user
        self.questions = questions
        self.submitting = submitting
        if user.is_authenticated and consultation.is_feedback_survey:
            # Feedback on an event is each person's own: no organisation to choose.
            self.organisations = {}
            del self.fields["on_behalf_of"]
            del self.fields["copy_email"]
        elif user.is_authenticated:
            self.organisations = {str(o.pk): o for o in organisations_acting_for(user)}
            self.fields["on_behalf_of"].choices = [
                *((pk, o.title) for pk, o in self.organisations.items()),
                (INDIVIDUAL, _("As an individual")),
            ]
            del self.fields["copy_email"]
        else:
            self.organisations = {}
            del self.fields["on_behalf_of"]
            if not consultation.allow_anonymous:
                raise ResponseError(_("Sign in to respond to this consultation."))
        for question in questions:
            self.fields[question_field_name(question)] = question_field(question)

    def question_fields(self):
        return [self[question_field_name(q)] for q in self.questions]

    def clean_on_behalf_of(self):
        value = self.cleaned_data.get("on_behalf_of")
        if not value:
            if self.organisations:
                raise forms.ValidationError(_("Choose your organisation or 'As an individual'."))
            return INDIVIDUAL
        return value

    def clean(self):
        cleaned_data = super().clean()
        chose_who = "on_behalf_of" in cleaned_data or "on_behalf_of" not in self.fields
        if not self.submitting and self.user.is_authenticated and chose_who:
            # A submitted response stays complete: saving it again checks it in full.
            existing = find_response(self.consultation, self.user, self.organisation())
            self.submitting = existing is not None and existing.is_submitted
        for question in self.questions:
            name = question_field_name(question)
            if name not in cleaned_data:
                continue
            value = cleaned_data[name]
            if self.submitting and question.required and not value:
                self.add_error(name, self.fields[name].required_message)
            elif (
                question.kind == QuestionKind.MULTIPLE_CHOICE
                and question.max_choices
                and len(value) > question.max_choices
            ):
                self.add_error(
                    name,
                    _("Choose no more than %(count)s options.") % {"count": question.max_choices},
                )
        return cleaned_data

    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("on_behalf_of"))

    def answers(self):
        """{question: stored value} for the answered questions."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if isinstance(value, list):
                value = "\n".join(value)
            if value:
                answers[question] = value.strip() if isinstance(value, str) else value
        return answers


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


def save_response(consultation, user, form, submit, now=None):
    """Save a draft or submit a response from a valid form. Saving twice (a double-submitted
    form) updates the one response. Anonymous responses are always submitted at once."""
    check_can_respond(consultation, user, now)
    today = timezone.localdate(now or timezone.now())
    organisation = form.organisation() if user.is_authenticated else None
    answers = form.answers()
    with transaction.atomic():
        if user.is_authenticated:
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
                            for_organisation=organisation is not None
                            and consultation.per_organisation,
                            created_on=today,
                            updated_on=today,
                        )
                except IntegrityError:
                    response = find_response(consultation, user, organisation)
            # One save at a time per response: a double-clicked form's second save waits for
            # the first instead of writing the same answers alongside it.
            response = ConsultationResponse.objects.select_for_update().get(pk=response.pk)
        else:
            submit = True
            response, created = _anonymous_response(
                consultation, form.cleaned_data.get("form_key") or None, today
            )
            if not created:
                return response
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
    if submit:
        email = user.email if user.is_authenticated else form.cleaned_data.get("copy_email")
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


# Analysis


class AnalysisFilterForm(forms.Form):
    """Filters by the responding organisation's attributes. Any filter leaves out
    individual and anonymous responses, which have no organisation."""

    income_band = forms.ChoiceField(label=gettext_lazy("Annual income"), required=False)
    led_by_and_for = forms.ModelChoiceField(
        label=gettext_lazy("Led by and for"), queryset=None, required=False
    )
    commissioning = forms.ModelChoiceField(
        label=gettext_lazy("Relationship to HMPPS commissioning"), queryset=None, required=False
    )

    def __init__(self, *args, **kwargs):
        from core.models import CommissioningRelationship, IncomeBand, LedByAndFor

        super().__init__(*args, **kwargs)
        self.fields["income_band"].choices = [("", _("Any")), *IncomeBand.choices]
        self.fields["led_by_and_for"].queryset = LedByAndFor.objects.in_default_locale()
        self.fields[
            "commissioning"
        ].queryset = CommissioningRelationship.objects.in_default_locale()

    def filter(self, responses):
        if not self.is_valid():
            return responses
        data = self.cleaned_data
        if data.get("income_band"):
            responses = responses.filter(organisation__income_band=data["income_band"])
        if data.get("led_by_and_for"):
            responses = responses.filter(organisation__led_by_and_for=data["led_by_and_for"])
        if data.get("commissioning"):
            responses = responses.filter(
                organisation__commissioning_relationships=data["commissioning"]
            )
        return responses.distinct()


def submitted_responses(consultation, filters=None):
    responses = consultation.responses.filter(status=ResponseStatus.SUBMITTED)
    return filters.filter(responses) if filters is not None else responses


def summarise(consultation, filters=None):
    """Per-question summaries of submitted responses, in a few queries whatever their number."""
    questions = questions_of(consultation)
    responses = submitted_responses(consultation, filters)
    answers = ConsultationAnswer.objects.filter(response__in=responses.values("pk")).values_list(
        "question_id", "value", "response__organisation__title"
    )
    by_question = {}
    for question_id, value, organisation in answers:
        by_question.setdefault(question_id, []).append((value, organisation))
    total = responses.count()
    summaries = []
    for question in questions:
        given = by_question.get(question.pk, [])
        summary = {"question": question, "answered": len(given), "rows": [], "texts": []}
        if question.kind in SUMMARISED_KINDS:
            counts = Counter()
            for value, _organisation in given:
                counts.update(line for line in value.splitlines() if line)
            for option, label in question.options():
                count = counts.get(option, 0)
                percent = round(100 * count / len(given)) if given else 0
                summary["rows"].append({"label": label, "count": count, "percent": percent})
        elif question.kind in FREE_TEXT_KINDS:
            summary["texts"] = [
                {"text": value, "organisation": organisation} for value, organisation in given
            ]
        summaries.append(summary)
    return {"total": total, "questions": summaries}


def responses_over_time(consultation):
    from django.db.models import Count

    return list(
        consultation.responses.filter(status=ResponseStatus.SUBMITTED)
        .values("submitted_on")
        .annotate(count=Count("pk"))
        .order_by("submitted_on")
    )


def export_rows(consultation, filters=None):
    """One row per submitted response: no personal data for anonymous responses."""
    questions = questions_of(consultation)
    header = ["Response", "Submitted", "Respondent", "Email", "Organisation"] + [
        q.text for q in questions
    ]
    responses = (
        submitted_responses(consultation, filters)
        .select_related("user", "organisation")
        .prefetch_related("answers")
        .order_by("pk")
    )

    def rows():
        for response in responses:
            answers = {a.question_id: a.value for a in response.answers.all()}
            user = response.user
            yield [
                response.pk,
                response.submitted_on.isoformat() if response.submitted_on else "",
                (user.get_full_name() or user.email) if user else "Anonymous",
                user.email if user else "",
                response.organisation.title if response.organisation else "",
                *(answer_display(q, answers[q.pk]) if q.pk in answers else "" for q in questions),
            ]

    return header, rows()


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
