"""The forum pages: the index, one forum per probation region, and its events."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.page_urls import LinkedInVisitorsLanguage
from core.rich_text import CONTENT_FEATURES, SHORT_FEATURES
from directory.models import DirectoryIndexPage
from forums.blocks import AgendaBlock
from forums.models.consultations import ConsultationPage
from forums.models.event_form import EventPageForm
from forums.models.page_permissions import ForumPagePermissions

# The joining link appears this long before the start, and only to registered attendees.
JOINING_LINK_LEAD_TIME = datetime.timedelta(minutes=30)


class ForumIndexPage(LinkedInVisitorsLanguage, ForumPagePermissions, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["forums.RegionalForumPage", "forums.ConsultationPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("forum index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forums"] = (
            RegionalForumPage.objects.child_of(self)
            .live()
            .select_related("region")
            .order_by("region__sort_order", "title")
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .descendant_of(self)
            .upcoming()
            .select_related("forum_region")[:10]
        )
        return context


class RegionalForumPage(LinkedInVisitorsLanguage, ForumPagePermissions, Page):
    """The forum of one probation region, run by its Regional Probation Director's team."""

    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="forums",
        verbose_name=_("probation region"),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=SHORT_FEATURES)
    director_name = models.CharField(_("Regional Probation Director"), max_length=200, blank=True)
    run_by = RichTextField(
        _("who runs the forum"),
        blank=True,
        features=CONTENT_FEATURES,
        help_text=_("The RPD's team: names and roles of the people who run the forum."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    terms_of_reference = RichTextField(
        _("terms of reference"), blank=True, features=CONTENT_FEATURES
    )
    how_to_join = RichTextField(_("how to join"), blank=True, features=CONTENT_FEATURES)

    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types = ["forums.EventPage", "forums.ConsultationPage", "forums.ForumNewsPage"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("terms_of_reference"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("region"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("director_name"),
                FieldPanel("run_by"),
                InlinePanel("team_contacts", label=_("Contacts")),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Who runs the forum"),
        ),
        FieldPanel("terms_of_reference"),
        FieldPanel("how_to_join"),
    ]

    class Meta:
        verbose_name = _("regional forum")

    def get_context(self, request, *args, **kwargs):
        """What every visitor sees; the join and leave buttons come from the
        `forum_membership_panel` tag (forums/templatetags/forum_panels.py)."""
        context = super().get_context(request, *args, **kwargs)
        directory = DirectoryIndexPage.objects.live().first()
        context["directory_url"] = directory.get_url(request) if directory else None
        events = EventPage.objects.live().child_of(self)
        context["upcoming_events"] = events.upcoming().order_by("start")
        context["past_events"] = events.past().order_by("-start")[:20]
        context["consultations"] = (
            ConsultationPage.objects.live().child_of(self).order_by("-closes_at")[:20]
        )
        context["news"] = ForumNewsPage.objects.live().child_of(self).order_by("-date", "-pk")[:5]
        context["member_count"] = self.memberships.count()
        return context

    def clean(self):
        super().clean()
        others = RegionalForumPage.objects.filter(
            locale_id=self.locale_id, region_id=self.region_id
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.region_id and others.exists():
            raise ValidationError({"region": _("This region already has a forum.")})


class ForumContact(Orderable):
    """Someone in the regional team organisations can contact: shown on the forum page."""

    forum = ParentalKey(RegionalForumPage, on_delete=models.CASCADE, related_name="team_contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("forum contact")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationState(models.TextChoices):
    """Whether an event takes registrations now, whoever is asking."""

    OPEN = "open", _("Open")
    NOT_YET = "not_yet", _("Not open yet")
    CLOSED = "closed", _("Closed")
    UNAVAILABLE = "unavailable", _("Not taking registrations (postponed or cancelled)")


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())


class EventPage(LinkedInVisitorsLanguage, ForumPagePermissions, Page):
    """An engagement event of a regional forum. Start and end are stored in UTC and shown in
    Europe/London time (the site's TIME_ZONE), so they stay right across clock changes."""

    summary = models.TextField(_("summary"), max_length=500)
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    accessibility = models.TextField(
        _("accessibility information"),
        blank=True,
        help_text=_("Step-free access, hearing loop, toilets, quiet room, parking."),
    )
    joining_link = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_(
            "Shown only to registered attendees, and only from 30 minutes before the start. "
            "Never included in calendars."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"), default=0, help_text=_("0 means unlimited.")
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: at the start.")
    )
    audience_notes = models.TextField(
        _("who should come"), blank=True, help_text=_("Who the event is for.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.TextField(
        _("reason for the change"),
        blank=True,
        help_text=_("Shown publicly and emailed when the event is postponed or cancelled."),
    )
    minutes = RichTextField(_("minutes and outcomes"), blank=True, features=CONTENT_FEATURES)
    attendee_count = models.PositiveIntegerField(_("number of attendees"), null=True, blank=True)
    closed = models.BooleanField(
        _("closed"),
        default=False,
        help_text=_(
            "Tick after the event, with the minutes and outcomes: registered attendees are "
            "emailed when it is published."
        ),
    )
    # Denormalised from the parent forum so lists and feeds need no extra queries.
    forum_region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )

    objects = PageManager.from_queryset(EventPageQuerySet)()
    base_form_class = EventPageForm

    parent_page_types = ["forums.RegionalForumPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("start"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        FieldPanel("format"),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("accessibility")],
            heading=_("Venue"),
        ),
        FieldPanel("joining_link"),
        FieldPanel("agenda"),
        FieldPanel("audience_notes"),
        MultiFieldPanel(
            [
                FieldPanel("places"),
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_reason")], heading=_("Status")),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                InlinePanel("outcome_documents", label=_("Documents")),
                FieldPanel("attendee_count"),
                FieldPanel("closed"),
            ],
            heading=_("After the event"),
        ),
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not self.venue_name:
            errors["venue_name"] = _("Say where the event takes place.")
        if self.status != EventStatus.SCHEDULED and not self.status_reason.strip():
            errors["status_reason"] = _("Say why, so people understand the change.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.forum_region_id = getattr(parent.specific, "region_id", None)
        super().save(*args, **kwargs)

    # What visitors see

    @property
    def is_online(self):
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self):
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_postponed(self):
        return self.status == EventStatus.POSTPONED

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.start

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def registration_state(self, now=None):
        """A `RegistrationState`: unavailable while postponed or cancelled."""
        now = now or timezone.now()
        if self.status != EventStatus.SCHEDULED:
            return RegistrationState.UNAVAILABLE
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_YET
        if now >= self.registration_closes:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    def joining_link_visible(self, now=None):
        now = now or timezone.now()
        return (
            bool(self.joining_link)
            and self.is_online
            and self.status == EventStatus.SCHEDULED
            and self.start - JOINING_LINK_LEAD_TIME <= now <= self.end
        )

    def get_context(self, request, *args, **kwargs):
        """What every visitor sees; places, registration and the feedback link come from
        the tags in forums/templatetags/forum_panels.py."""
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.outcome_documents.select_related("document")
        return context


class EventDocument(Orderable):
    """A document published with the event's outcomes (slides, minutes, a report)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="outcome_documents")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    panels = [FieldPanel("document")]


class ForumNewsPage(LinkedInVisitorsLanguage, ForumPagePermissions, Page):
    """News from a regional forum: what the RPD's team wants the sector to know."""

    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), features=CONTENT_FEATURES)

    parent_page_types = ["forums.RegionalForumPage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("forum news")
        verbose_name_plural = _("forum news")
