"""Consultations: a page with questions (frozen once it opens); the responses to it are in
consultation_records.py.

Opening and closing are stored in UTC and shown in Europe/London time. The state
(forthcoming, open, closed) is derived from the clock, never stored."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_urls import LinkedInVisitorsLanguage
from core.rich_text import CONTENT_FEATURES
from forums.models.consultation_records import ConsultationResponse
from forums.models.page_permissions import ForumPagePermissions

EVENT_FIXED_MESSAGE = _(
    "People have responded to this feedback survey about this event, so its event cannot "
    "change. To ask about another event, create a new survey."
)
NOT_A_SURVEY_MESSAGE = _(
    "People have responded to this consultation, so it cannot become an event's feedback "
    "survey: only the event's attendees answer one. Create a new survey instead."
)


class ConsultationState(models.TextChoices):
    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def consultation_state(opens_at, closes_at, now=None):
    """Forthcoming before `opens_at`, open from `opens_at` until `closes_at`, then closed."""
    now = now or timezone.now()
    if now < opens_at:
        return ConsultationState.FORTHCOMING
    if now < closes_at:
        return ConsultationState.OPEN
    return ConsultationState.CLOSED


class ResponseMode(models.TextChoices):
    ORGANISATION = "organisation", _("One response per organisation")
    PERSON = "person", _("One response per person")


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    SCALE = "scale", _("Scale (1 to 5)")
    YES_NO = "yes_no", _("Yes or no")


CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}
SUMMARISED_KINDS = {*CHOICE_KINDS, QuestionKind.SCALE, QuestionKind.YES_NO}
FREE_TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
SCALE_OPTIONS = ["1", "2", "3", "4", "5"]
YES_NO_OPTIONS = [("yes", _("Yes")), ("no", _("No"))]


def question_signature(questions):
    """What respondents are asked, comparable between the stored and the edited questions."""
    return [
        (
            q["kind"],
            q["text"].strip(),
            (q.get("help_text") or "").strip(),
            bool(q.get("required")),
            tuple(line.strip() for line in (q.get("choices") or "").splitlines() if line.strip()),
            q.get("max_length"),
            q.get("max_choices"),
        )
        for q in questions
    ]


def stored_feedback_event_id(page_id):
    return (
        ConsultationPage.objects.filter(pk=page_id)
        .values_list("feedback_for_event_id", flat=True)
        .first()
    )


class FeedbackEventPanel(FieldPanel):
    """The survey's event: chosen while nobody has responded, then shown read-only (the
    responses are about that event)."""

    def format_value_for_display(self, value):
        return _("None") if value is None else value.title

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None and getattr(self.form, "feedback_event_fixed", False):
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                survey = self.instance.feedback_for_event_id is not None
                self.help_text = EVENT_FIXED_MESSAGE if survey else NOT_A_SURVEY_MESSAGE


def questions_frozen(page_id, now=None):
    """Whether the questions of this consultation may no longer change: it is live and has
    opened (by its stored opening time, so moving the date does not unfreeze them in the same
    edit), or anyone has answered."""
    stored = ConsultationPage.objects.filter(pk=page_id).values("opens_at", "live").first()
    if stored is None:
        return False
    if stored["live"] and stored["opens_at"] <= (now or timezone.now()):
        return True
    return ConsultationResponse.objects.filter(consultation_id=page_id).exists()


class ConsultationPageForm(WagtailAdminPageForm):
    """Refuses changes to the questions once the consultation has opened (by the stored
    opening time, so moving the date does not unfreeze them in the same edit), and shows the
    event of a feedback survey read-only once anyone has responded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        self.feedback_event_fixed = bool(
            page.pk
            and "feedback_for_event" in self.fields
            and ConsultationResponse.objects.filter(consultation_id=page.pk).exists()
        )
        if self.feedback_event_fixed:
            # Not in the form at all, so nothing posted can change it; the edited page (a
            # draft, perhaps) keeps the stored event.
            del self.fields["feedback_for_event"]
            page.feedback_for_event_id = stored_feedback_event_id(page.pk)
        self._label_empty_choices()

    def _label_empty_choices(self):
        """Selects say what choosing nothing means, never a blank "---------"."""
        if "feedback_for_event" in self.fields:
            self.fields["feedback_for_event"].empty_label = _("Not a feedback survey")
        questions = self.formsets.get("questions")
        if questions is not None:
            questions.form.base_fields["kind"].choices = [
                ("", _("Choose the kind of question")),
                *QuestionKind.choices,
            ]

    def clean(self):
        cleaned_data = super().clean()
        self._check_feedback_event_belongs_here(cleaned_data.get("feedback_for_event"))
        page = self.instance
        if not page.pk:
            return cleaned_data
        if not questions_frozen(page.pk):
            return cleaned_data
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned_data
        submitted = [
            form.cleaned_data
            for form in sorted(
                (f for f in formset.forms if f.cleaned_data and not formset._should_delete_form(f)),
                key=lambda f: f.cleaned_data.get("ORDER") or 0,
            )
        ]
        existing = list(
            ConsultationQuestion.objects.filter(page_id=page.pk)
            .order_by("sort_order", "pk")
            .values("kind", "text", "help_text", "required", "choices", "max_length", "max_choices")
        )
        if question_signature(submitted) != question_signature(existing):
            self.add_error(
                None,
                _(
                    "The questions cannot be changed once the consultation has opened: "
                    "people may already have answered them."
                ),
            )
        return cleaned_data

    def _check_feedback_event_belongs_here(self, event):
        """The survey sits in the forum that held the event (not in another forum, nor among
        the national consultations)."""
        if event is None:
            return
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None or not event.is_child_of(parent):
            self.add_error(
                "feedback_for_event",
                _(
                    "Choose an event of this forum: a feedback survey belongs to the forum "
                    "that held the event."
                ),
            )


class ConsultationCopyForm(CopyForm):
    """Wagtail's copy form. A copy of a feedback survey is an ordinary consultation (the
    event keeps its one survey), and a survey offers no alias, which would be a second
    survey of the same event."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if stored_feedback_event_id(self.page.pk) is not None:
            self.fields.pop("alias", None)
            self.fields["new_title"].help_text = _(
                "The copy is not linked to the event: an event has one feedback survey. "
                "Choose an event for it when you edit it, if it is a survey of another event."
            )


PRIVATE_DOCUMENTS_HELP = _(
    "Shown only to people who may respond and to the forum's managers, each time through a "
    "link that works for a few minutes, for that person alone. Upload or choose them in your "
    "forum's “For respondents only” collection: Wagtail's own document links serve nobody "
    "else there."
)


class ConsultationPage(LinkedInVisitorsLanguage, ForumPagePermissions, Page):
    """A consultation of a regional forum, or a national one directly under the forum index."""

    summary = models.TextField(_("summary"), max_length=500)
    purpose = RichTextField(_("purpose"), features=CONTENT_FEATURES)
    background = RichTextField(_("background"), blank=True, features=CONTENT_FEATURES)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    response_mode = models.CharField(
        _("who responds"),
        max_length=12,
        choices=ResponseMode.choices,
        default=ResponseMode.ORGANISATION,
    )
    allow_anonymous = models.BooleanField(
        _("allow anonymous responses"),
        default=False,
        help_text=_("Anonymous responses keep no name, organisation, address or time of day."),
    )
    outcome_asked = RichTextField(_("we asked"), blank=True, features=CONTENT_FEATURES)
    outcome_said = RichTextField(_("you said"), blank=True, features=CONTENT_FEATURES)
    outcome_did = RichTextField(_("we did"), blank=True, features=CONTENT_FEATURES)
    feedback_for_event = models.ForeignKey(
        "forums.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_surveys",
        verbose_name=_("feedback survey for the event"),
        help_text=_(
            "Makes this the event's feedback survey: only people who came may respond, once "
            "each, and they are emailed a link when the event's outcomes are published and "
            "the survey is open. The event must belong to this forum."
        ),
    )
    # Denormalised from the parent forum; empty for national consultations.
    forum_region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )

    base_form_class = ConsultationPageForm
    # A copy is a new consultation, not a second survey of the same event (one per event:
    # see the constraint); its creator may link it to another event.
    exclude_fields_in_copy = ["feedback_for_event"]
    copy_form_class = ConsultationCopyForm
    parent_page_types = ["forums.RegionalForumPage", "forums.ForumIndexPage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("background"),
        InlinePanel("documents", label=_("Background documents")),
        InlinePanel(
            "private_documents",
            label=_("Documents for respondents only"),
            help_text=PRIVATE_DOCUMENTS_HELP,
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("When")),
        FieldRowPanel([FieldPanel("response_mode"), FieldPanel("allow_anonymous")]),
        FeedbackEventPanel("feedback_for_event"),
        InlinePanel(
            "questions",
            label=_("Questions"),
            help_text=_("Questions cannot be changed once the consultation opens."),
        ),
        MultiFieldPanel(
            [FieldPanel("outcome_asked"), FieldPanel("outcome_said"), FieldPanel("outcome_did")],
            heading=_("Outcome: we asked, you said, we did"),
            help_text=_(
                "Publish after the consultation closes. Respondents are emailed the first time "
                "an outcome is published."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("consultation")
        constraints = [
            # An event has one feedback survey, so its attendees get one email; the form
            # says so in words, this holds for every other way of saving (copying, importing).
            models.UniqueConstraint(
                fields=["feedback_for_event"],
                condition=Q(feedback_for_event__isnull=False),
                name="one_feedback_survey_per_event",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The consultation must close after it opens.")
        if self.has_outcome and self.closes_at and self.closes_at > timezone.now():
            errors["outcome_did"] = _("Publish the outcome after the consultation closes.")
        if self.feedback_for_event_id:
            errors.update(self._feedback_survey_errors())
        if self._feedback_event_changed_after_responses():
            errors["feedback_for_event"] = (
                EVENT_FIXED_MESSAGE
                if stored_feedback_event_id(self.pk) is not None
                else NOT_A_SURVEY_MESSAGE
            )
        if errors:
            raise ValidationError(errors)

    def _feedback_survey_errors(self):
        """A feedback survey hears from each person who came, once and by name, so it can be
        limited to them; and an event has one survey, so attendees get one email."""
        errors = {}
        if self.response_mode != ResponseMode.PERSON:
            errors["response_mode"] = _("A feedback survey takes one response per person.")
        if self.allow_anonymous:
            errors["allow_anonymous"] = _(
                "A feedback survey cannot take anonymous responses: only people who came to "
                "the event may respond, so they sign in."
            )
        others = ConsultationPage.objects.filter(feedback_for_event_id=self.feedback_for_event_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.exists():
            errors["feedback_for_event"] = _(
                "This event already has a feedback survey: “%(title)s”."
            ) % {"title": others.order_by("pk").first().title}
        return errors

    def _feedback_event_changed_after_responses(self):
        """Whether this edit moves a survey that people have answered to another event, or
        makes an answered consultation an event's survey: the answers are about what people
        were asked, and came from the people who could answer then."""
        if not self.pk or stored_feedback_event_id(self.pk) == self.feedback_for_event_id:
            return False
        return ConsultationResponse.objects.filter(consultation_id=self.pk).exists()

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.forum_region_id = getattr(parent.specific, "region_id", None)
        super().save(*args, **kwargs)

    @property
    def is_feedback_survey(self):
        return self.feedback_for_event_id is not None

    def state(self, now=None):
        return consultation_state(self.opens_at, self.closes_at, now)

    @property
    def current_state(self):
        return self.state()

    @property
    def is_forthcoming(self):
        return self.state() == ConsultationState.FORTHCOMING

    @property
    def is_open(self):
        return self.state() == ConsultationState.OPEN

    @property
    def is_closed(self):
        return self.state() == ConsultationState.CLOSED

    @property
    def has_outcome(self):
        return any(
            strip_tags(text or "").strip()
            for text in (self.outcome_asked, self.outcome_said, self.outcome_did)
        )

    @property
    def per_organisation(self):
        return self.response_mode == ResponseMode.ORGANISATION

    def get_context(self, request, *args, **kwargs):
        """What every visitor sees; their own responses, and whether they may respond, come
        from the `consultation_response_panel` tag (forums/templatetags/forum_panels.py)."""
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.documents.select_related("document")
        return context


class ConsultationQuestion(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For choice questions: one choice per line.")
    )
    max_length = models.PositiveIntegerField(
        _("maximum length"), null=True, blank=True, help_text=_("For long text: characters.")
    )
    max_choices = models.PositiveIntegerField(
        _("maximum choices"), null=True, blank=True, help_text=_("For multiple choice.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldPanel("choices", widget=forms.Textarea(attrs={"rows": 4})),
        FieldRowPanel([FieldPanel("max_length"), FieldPanel("max_choices")]),
    ]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.kind in CHOICE_KINDS and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def options(self):
        """The (value, label) pairs a summarised question can be answered with."""
        if self.kind in CHOICE_KINDS:
            return [(c, c) for c in self.choice_list]
        if self.kind == QuestionKind.SCALE:
            return [(v, v) for v in SCALE_OPTIONS]
        if self.kind == QuestionKind.YES_NO:
            return [(v, str(label)) for v, label in YES_NO_OPTIONS]
        return []
