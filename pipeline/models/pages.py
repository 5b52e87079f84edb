"""The commissioning pipeline's pages: one index, and an opportunity page per grant,
contract, call-off or subcontract on the horizon."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_urls import LinkedInVisitorsLanguage
from core.rich_text import CONTENT_FEATURES
from pipeline.models.opportunity_form import OpportunityPageForm
from pipeline.models.page_permissions import PipelinePagePermissions


class OpportunityKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    CONTRACT = "contract", _("Contract")
    CALL_OFF = "call_off", _("Framework or Dynamic Framework call-off")
    SUBCONTRACT = "subcontract", _("Subcontract offered by a lead provider")


class OpportunityStatus(models.TextChoices):
    """Find a Tender's stages, plus the two that must never be quiet: delayed, cancelled."""

    PLANNED = "planned", _("Planned")
    MARKET_ENGAGEMENT = "market_engagement", _("Market engagement")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    EVALUATING = "evaluating", _("Evaluating")
    AWARDED = "awarded", _("Awarded")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


# The expected key dates, in the order they happen.
KEY_DATES = (
    "market_engagement_on",
    "opens_on",
    "closes_on",
    "decision_on",
    "notification_on",
    "starts_on",
)


class PipelineIndexPage(LinkedInVisitorsLanguage, PipelinePagePermissions, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["pipeline.OpportunityPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("commissioning pipeline")


class OpportunityPage(LinkedInVisitorsLanguage, PipelinePagePermissions, Page):
    """A grant or contract opportunity. Its public history (`StatusUpdate`) is appended when
    it is published with a new status or moved key dates, never rewritten."""

    summary = models.TextField(_("summary"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    funder = models.CharField(_("funder"), max_length=200)
    description = RichTextField(_("description"), blank=True, features=CONTENT_FEATURES)
    is_national = models.BooleanField(_("national (every region)"), default=False)
    regions = ParentalManyToManyField(
        "core.Region", blank=True, related_name="opportunities", verbose_name=_("regions")
    )
    categories = ParentalManyToManyField(
        "core.ServiceCategory",
        blank=True,
        related_name="opportunities",
        verbose_name=_("service categories"),
    )
    lots = models.TextField(_("lots"), blank=True)
    value_min = models.PositiveIntegerField(_("value from (£)"), null=True, blank=True)
    value_max = models.PositiveIntegerField(_("value up to (£)"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    expected_volumes = models.TextField(_("expected volumes"), blank=True)
    # Eligibility
    income_threshold = models.PositiveIntegerField(
        _("minimum annual income (£)"), null=True, blank=True
    )
    open_to_lead_providers = models.BooleanField(_("open to lead providers"), default=True)
    open_to_partners = models.BooleanField(_("open to partners in a bid"), default=False)
    subcontracting_offered = models.BooleanField(_("subcontracting offered"), default=False)
    led_by_and_for_only = ParentalManyToManyField(
        "core.LedByAndFor",
        blank=True,
        related_name="opportunities",
        verbose_name=_("only for organisations led by and for"),
    )
    women_only = models.BooleanField(_("women-only services"), default=False)
    # Expected key dates
    market_engagement_on = models.DateField(_("market engagement"), null=True, blank=True)
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes"), null=True, blank=True)
    decision_on = models.DateField(_("decision"), null=True, blank=True)
    notification_on = models.DateField(_("notification"), null=True, blank=True)
    starts_on = models.DateField(_("service starts"), null=True, blank=True)
    # Where to find more, and help
    notice_url = models.URLField(_("official notice"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    bid_help = RichTextField(_("help with a bid"), blank=True, features=CONTENT_FEATURES)
    seeking_partners = models.BooleanField(
        _("seeking specialist partners"),
        default=False,
        help_text=_(
            "Listed organisations can register interest in partnering. The lead provider can "
            "also turn this on and off from the opportunity's page."
        ),
    )
    lead_provider = models.ForeignKey(
        "directory.OrganisationPage",
        verbose_name=_("lead provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For a subcontract: the listed organisation offering it. Its owners and editors see "
            "who registers interest and say whether it is still seeking partners."
        ),
    )
    # Status: a change needs a reason, published in the history
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.PLANNED,
    )
    change_reason = models.TextField(_("reason for this change"), blank=True)
    next_update_on = models.DateField(_("next update promised by"), null=True, blank=True)

    parent_page_types = ["pipeline.PipelineIndexPage"]
    subpage_types = []
    base_form_class = OpportunityPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("funder"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("funder")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("is_national"), FieldPanel("regions"), FieldPanel("categories")],
            heading=_("Where and what"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lots"),
                FieldRowPanel([FieldPanel("value_min"), FieldPanel("value_max")]),
                FieldPanel("duration_months"),
                FieldPanel("expected_volumes"),
                InlinePanel(
                    "documents", label=_("Documents (including cost and volume modelling)")
                ),
            ],
            heading=_("Value, volumes and modelling"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("income_threshold"),
                FieldRowPanel(
                    [
                        FieldPanel("open_to_lead_providers"),
                        FieldPanel("open_to_partners"),
                        FieldPanel("subcontracting_offered"),
                    ]
                ),
                FieldPanel("led_by_and_for_only"),
                FieldPanel("women_only"),
                FieldPanel("lead_provider"),
                FieldPanel("seeking_partners"),
            ],
            heading=_("Who can bid"),
        ),
        MultiFieldPanel([FieldPanel(name) for name in KEY_DATES], heading=_("Expected key dates")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("change_reason"), FieldPanel("next_update_on")],
            heading=_("Status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("notice_url"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
                FieldPanel("bid_help"),
                InlinePanel("shaped_by", label=_("Forum events and consultations that shaped it")),
            ],
            heading=_("More information and help"),
        ),
    ]

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    def key_dates(self):
        """{field name: date or None} for the expected key dates."""
        return {name: getattr(self, name) for name in KEY_DATES}

    def clean(self):
        super().clean()
        errors = {}
        if self.value_min and self.value_max and self.value_max < self.value_min:
            errors["value_max"] = _("The upper value must not be less than the lower one.")
        known = [(name, date) for name, date in self.key_dates().items() if date]
        for (_earlier, first), (later, second) in zip(known, known[1:], strict=False):
            if second < first:
                errors.setdefault(later, _("This date is before an earlier step's date."))
        if errors:
            raise ValidationError(errors)


class DocumentKind(models.TextChoices):
    MODELLING = "modelling", _("Cost and volume modelling")
    SPECIFICATION = "specification", _("Specification")
    OTHER = "other", _("Other")


class OpportunityDocument(Orderable):
    opportunity = ParentalKey(OpportunityPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("kind")])]


class OpportunityForumLink(Orderable):
    """A forum event or consultation that shaped the opportunity."""

    opportunity = ParentalKey(OpportunityPage, on_delete=models.CASCADE, related_name="shaped_by")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    panels = [FieldPanel("page")]
