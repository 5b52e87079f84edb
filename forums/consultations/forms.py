"""The forms of consultations: the response form built from the questions, the last step of
sending a response (an anonymous respondent's address for a copy), and the filters of the
forum managers' analysis."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from directory.permissions import organisations_acting_for
from forums.consultations.rules import INDIVIDUAL, ResponseError, find_response
from forums.models import QuestionKind
from forums.models.consultations import YES_NO_OPTIONS

SHORT_TEXT_MAX_LENGTH = 250
LONG_TEXT_DEFAULT_MAX_LENGTH = 5000


def question_field_name(question):
    return f"question_{question.pk}"


def question_label(question):
    """The question as the form asks it: GOV.UK marks the optional ones, not the required."""
    if question.required:
        return question.text
    return _("%(question)s (optional)") % {"question": question.text}


def _length_message(limit):
    return ngettext(
        "Your answer must be %(limit)s character or fewer (it has %%(show_value)s).",
        "Your answer must be %(limit)s characters or fewer (it has %%(show_value)s).",
        limit,
    ) % {"limit": limit}


def question_field(question):
    """The form field that answers `question`, with its validation."""
    common = {
        "label": question_label(question),
        "help_text": question.help_text,
        "required": False,
    }
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        field = forms.CharField(max_length=SHORT_TEXT_MAX_LENGTH, **common)
        field.error_messages["max_length"] = _length_message(SHORT_TEXT_MAX_LENGTH)
    elif kind == QuestionKind.LONG_TEXT:
        limit = question.max_length or LONG_TEXT_DEFAULT_MAX_LENGTH
        field = forms.CharField(
            max_length=limit, widget=forms.Textarea(attrs={"rows": 5}), **common
        )
        field.error_messages["max_length"] = _length_message(limit)
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        field = forms.MultipleChoiceField(
            choices=question.options(), widget=forms.CheckboxSelectMultiple, **common
        )
    elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.SCALE):
        field = forms.ChoiceField(choices=question.options(), widget=forms.RadioSelect, **common)
    else:
        field = forms.ChoiceField(choices=YES_NO_OPTIONS, widget=forms.RadioSelect, **common)
    field.question = question
    field.required_message = _("Answer the question: %(question)s") % {"question": question.text}
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
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def __init__(self, *args, consultation, user, questions, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.user = user
        self.questions = questions
        self.submitting = submitting
        self.organisations = {}
        if user.is_authenticated and not consultation.is_feedback_survey:
            self.organisations = {str(o.pk): o for o in organisations_acting_for(user)}
            self.fields["on_behalf_of"].choices = [
                *((pk, o.title) for pk, o in self.organisations.items()),
                (INDIVIDUAL, _("As an individual")),
            ]
        else:
            # Feedback on an event is each person's own, and an anonymous response nobody's:
            # no organisation to choose.
            del self.fields["on_behalf_of"]
            if not user.is_authenticated and not consultation.allow_anonymous:
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
                count = question.max_choices
                self.add_error(
                    name,
                    ngettext(
                        "Choose no more than %(count)s option.",
                        "Choose no more than %(count)s options.",
                        count,
                    )
                    % {"count": count},
                )
        return cleaned_data

    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("on_behalf_of"))

    def responding_for(self):
        """Who the response is for, as the respond page's `?for=` names it."""
        return self.cleaned_data.get("on_behalf_of") or INDIVIDUAL

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

    def held_data(self):
        """The valid answers as form data, to fill this form in again later (JSON-safe)."""
        return {name: value for name in self.fields if (value := self.cleaned_data.get(name))}


class SendResponseForm(forms.Form):
    """The last step, on the check-your-answers page. An anonymous respondent may give an
    address for a copy: it is asked only here, used for that email and never stored."""

    copy_email = forms.EmailField(
        label=gettext_lazy("Email address for a copy of your answers (optional)"),
        help_text=gettext_lazy("We send the copy and then delete the address."),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_authenticated:
            # The copy goes to the address of the account.
            del self.fields["copy_email"]

    def copy_to(self):
        return self.cleaned_data.get("copy_email") or None


class AnalysisFilterForm(forms.Form):
    """Filters by the responding organisation's attributes. Any filter leaves out
    individual and anonymous responses, which have no organisation."""

    income_band = forms.ChoiceField(label=gettext_lazy("Annual income"), required=False)
    led_by_and_for = forms.ModelChoiceField(
        label=gettext_lazy("Led by and for"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All communities"),
    )
    commissioning = forms.ModelChoiceField(
        label=gettext_lazy("Relationship to HMPPS commissioning"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All relationships"),
    )

    def __init__(self, *args, **kwargs):
        from core.models import CommissioningRelationship, IncomeBand, LedByAndFor

        super().__init__(*args, **kwargs)
        self.fields["income_band"].choices = [("", _("All incomes")), *IncomeBand.choices]
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
