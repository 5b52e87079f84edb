from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import IncomeBand
from core.page_urls import LinkedInVisitorsLanguage
from core.rich_text import SHORT_FEATURES
from directory.identifiers import (
    CharityRegulator,
    normalise_charity_number,
    normalise_company_number,
)
from directory.models.choices import (
    DeliveryMethod,
    OrganisationSource,
    ReferralMethod,
    ServiceState,
)
from directory.models.coverage import Coverage, CoverageForm, ServicePageForm
from directory.models.display import category_lines, checklist_items, sharing_description
from directory.models.opening_hours import OpeningHoursPanel, opening_week
from directory.models.querysets import ServicePageManager


class DirectoryIndexPage(LinkedInVisitorsLanguage, Page):
    """The directory: every listed service, filtered by region, need, group and stage."""

    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.OrganisationPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    # The view that serves this page (the search, its filters and counts) belongs to the
    # browse feature, which models never import: `DirectoryConfig.ready()` sets it.
    serve_view = None

    class Meta:
        verbose_name = _("directory")

    def serve(self, request, *args, **kwargs):
        if self.serve_view is None:
            raise ImproperlyConfigured(
                "DirectoryIndexPage.serve_view is unset: DirectoryConfig.ready() sets it."
            )
        return self.serve_view(request, self)


class OrganisationPage(LinkedInVisitorsLanguage, Coverage, Page):
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences about what you do.")
    )
    description = RichTextField(_("description"), blank=True, features=SHORT_FEATURES)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    address_is_confidential = models.BooleanField(
        _("keep our address confidential"),
        default=False,
        help_text=_(
            "For refuges and other organisations whose address must not be published: "
            "the address is never shown on any page, export or in the open data."
        ),
    )

    charity_regulator = models.CharField(
        _("charity regulator"),
        max_length=10,
        choices=CharityRegulator.choices,
        blank=True,
        help_text=_("If you are a registered charity, who you are registered with."),
    )
    charity_number = models.CharField(_("charity number"), max_length=20, blank=True)
    company_number = models.CharField(_("company number"), max_length=8, blank=True)

    income_band = models.CharField(
        _("annual income"), max_length=20, choices=IncomeBand.choices, blank=True
    )
    led_by_and_for = ParentalManyToManyField(
        "core.LedByAndFor",
        blank=True,
        related_name="organisations",
        verbose_name=_("led by and for"),
    )
    commissioning_relationships = ParentalManyToManyField(
        "core.CommissioningRelationship",
        blank=True,
        related_name="organisations",
        verbose_name=_("relationship to HMPPS commissioning"),
    )
    regions = ParentalManyToManyField(
        "core.Region", blank=True, related_name="organisations", verbose_name=_("regions")
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=OrganisationSource.choices,
        default=OrganisationSource.STAFF,
    )

    # Identifiers are unique across listings; a copy (or a translation) must not carry them.
    exclude_fields_in_copy = ["charity_regulator", "charity_number", "company_number"]

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.ServicePage"]
    base_form_class = CoverageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("charity_number"),
        index.FilterField("company_number"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("address_is_confidential"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_national"), FieldPanel("regions")],
            heading=_("Where you work"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("charity_regulator"), FieldPanel("charity_number")]),
                FieldPanel("company_number"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("income_band"),
                FieldPanel("led_by_and_for"),
                FieldPanel("commissioning_relationships"),
                FieldPanel("source"),
            ],
            heading=_("About the organisation"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation")
        constraints = [
            models.UniqueConstraint(
                fields=["charity_regulator", "charity_number"],
                condition=~models.Q(charity_number=""),
                name="unique_charity_number",
            ),
            models.UniqueConstraint(
                fields=["company_number"],
                condition=~models.Q(company_number=""),
                name="unique_company_number",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.charity_number:
            try:
                self.charity_number = normalise_charity_number(
                    self.charity_regulator, self.charity_number
                )
            except ValidationError as error:
                errors["charity_number"] = error.messages
        elif self.charity_regulator:
            errors["charity_number"] = [_("Enter the charity number, or clear the regulator.")]
        if self.company_number:
            try:
                self.company_number = normalise_company_number(self.company_number)
            except ValidationError as error:
                errors["company_number"] = error.messages
        errors.update(self._duplicate_identifier_errors(errors))
        if errors:
            raise ValidationError(errors)

    def _duplicate_identifier_errors(self, errors):
        """Another listing with the same number is almost always the same organisation."""
        others = OrganisationPage.objects.all()
        if self.translation_key:
            others = others.exclude(translation_key=self.translation_key)
        found = {}
        if self.charity_number and "charity_number" not in errors:
            match = others.filter(
                charity_regulator=self.charity_regulator, charity_number=self.charity_number
            ).first()
            if match:
                found["charity_number"] = [
                    _("“%(name)s” is already listed with this charity number.")
                    % {"name": match.title}
                ]
        if self.company_number and "company_number" not in errors:
            match = others.filter(company_number=self.company_number).first()
            if match:
                found["company_number"] = [
                    _("“%(name)s” is already listed with this company number.")
                    % {"name": match.title}
                ]
        return found

    def route(self, request, path_components):
        # A draft organisation hides its services too, even ones that are live.
        if not self.live:
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.public()
            .child_of(self)
            .select_related("operational_status")
            .order_by("title")
        )
        context["coverage_regions"] = self.coverage_regions()
        return context

    def coverage_regions(self):
        """Declared coverage plus the coverage of its public services."""
        from core.models import Region

        if self.is_national:
            return Region.objects.none()
        services = ServicePage.objects.public().child_of(self)
        # Two subqueries, not two joins: joining both link tables multiplies their rows (a
        # query of 9 minutes at 100,000 organisations, where this takes milliseconds).
        declared = OrganisationPage.regions.through.objects.filter(organisationpage=self)
        of_services = ServicePage.regions.through.objects.filter(servicepage__in=services)
        return Region.objects.filter(
            models.Q(pk__in=declared.values("region_id"))
            | models.Q(pk__in=of_services.values("region_id"))
        ).order_by("sort_order", "name")

    @property
    def meta_description(self):
        """What search engines and link previews show: the promote tab's text when set."""
        return self.search_description or sharing_description(self.summary)

    @property
    def public_address(self):
        """The address as anyone outside the organisation may see it: none when confidential."""
        if self.address_is_confidential:
            return ""
        return ", ".join(part for part in [self.address.strip(), self.postcode] if part)

    @property
    def commissioning_is_confirmed(self):
        """False while the relationships shown are only as the organisation declared them."""
        status = getattr(self, "operational_status", None)
        slugs = [term.slug for term in self.commissioning_relationships.all()]
        return bool(slugs) and status is not None and status.confirms_commissioning(slugs)

    @property
    def works_nationally(self):
        return (
            self.is_national
            or ServicePage.objects.public().child_of(self).filter(is_national=True).exists()
        )


class ServicePage(LinkedInVisitorsLanguage, Coverage, Page):
    """A service, shaped after Open Referral UK's `service` object."""

    organisation = models.ForeignKey(
        OrganisationPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="services",
        help_text="The parent organisation page, kept in step with the page tree for queries.",
    )
    description = RichTextField(_("description"), features=SHORT_FEATURES)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceState.choices, default=ServiceState.ACTIVE
    )
    categories = ParentalManyToManyField(
        "core.ServiceCategory", related_name="services", verbose_name=_("categories")
    )
    client_groups = ParentalManyToManyField(
        "core.ClientGroup", blank=True, related_name="services", verbose_name=_("who it is for")
    )
    stages = ParentalManyToManyField(
        "core.JusticeStage", blank=True, related_name="services", verbose_name=_("justice stages")
    )
    regions = ParentalManyToManyField(
        "core.Region", blank=True, related_name="services", verbose_name=_("regions")
    )
    eligibility = models.TextField(
        _("who can use it"), blank=True, help_text=_("Who the service is for, and who it is not.")
    )
    referral_method = models.CharField(
        _("how to refer"),
        max_length=20,
        choices=ReferralMethod.choices,
        default=ReferralMethod.BOTH,
    )
    referral_details = models.TextField(
        _("referral details"),
        blank=True,
        help_text=_("What to send, to whom, and what happens next."),
    )
    referral_checklist = models.TextField(
        _("what a referral must include"),
        blank=True,
        help_text=_("One item on each line, for example: the person's date of birth."),
    )
    opening_hours_note = models.CharField(
        _("note on opening hours"),
        max_length=255,
        blank=True,
        help_text=_("For example: closed on bank holidays; drop-in on Tuesday afternoons."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("web page"), blank=True)
    cost = models.CharField(_("cost"), max_length=255, blank=True, default="Free")
    languages = models.CharField(
        _("languages"), max_length=255, blank=True, help_text=_("Separate languages with commas.")
    )
    delivered_in_person = models.BooleanField(_("in person"), default=True)
    delivered_online = models.BooleanField(_("online"), default=False)
    delivered_by_phone = models.BooleanField(_("by phone"), default=False)

    objects = ServicePageManager()

    parent_page_types = ["directory.OrganisationPage"]
    subpage_types = []
    base_form_class = ServicePageForm

    # Database full-text search: the name counts most, then the kind of support, then
    # who runs it, then the words of the description. (Page.search_fields boosts the title 2.)
    search_fields = [
        *Page.search_fields,
        index.RelatedFields(
            "categories", [index.SearchField("name", boost=1.5), index.AutocompleteField("name")]
        ),
        index.RelatedFields("client_groups", [index.SearchField("name", boost=1.25)]),
        index.RelatedFields("organisation", [index.SearchField("title", boost=1.25)]),
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.FilterField("status"),
        index.FilterField("is_national"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("client_groups"), FieldPanel("stages")],
            heading=_("What it does and for whom"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_national"), FieldPanel("regions")],
            heading=_("Where it works"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldPanel("referral_method"),
                FieldPanel("referral_details"),
                FieldPanel("referral_checklist"),
                FieldPanel("cost"),
                FieldPanel("languages"),
            ],
            heading=_("Eligibility and referral"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("delivered_in_person"),
                FieldPanel("delivered_online"),
                FieldPanel("delivered_by_phone"),
            ],
            heading=_("How it is delivered"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Contact details"),
        ),
        InlinePanel("locations", heading=_("Locations"), label=_("Location")),
        MultiFieldPanel(
            [
                OpeningHoursPanel(label=_("Opening times")),
                FieldPanel("opening_hours_note"),
            ],
            heading=_("Opening hours"),
            help_text=_("Days without opening times show as closed."),
        ),
    ]

    class Meta:
        verbose_name = _("service")

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.organisation_id = parent.id
        super().save(*args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        """Every service to index, with the related rows its search fields read.

        modelsearch selects the organisation but does not prefetch parental many-to-many
        fields, and reads each of them several times per service (title, body, autocomplete):
        without this, indexing makes about ten queries a service.
        """
        return super().get_indexed_objects().prefetch_related("categories", "client_groups")

    def route(self, request, path_components):
        if self.status == ServiceState.DEFUNCT:
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["category_lines"] = category_lines(self.categories.select_related("parent"))
        today = timezone.localdate().weekday()
        context["opening_week"] = opening_week(self.opening_hours.all(), today=today)
        return context

    @property
    def meta_description(self):
        """What search engines and link previews show: the promote tab's text when set."""
        return self.search_description or sharing_description(self.description)

    @property
    def referral_checklist_items(self):
        return checklist_items(self.referral_checklist)

    @property
    def delivery_methods(self):
        flags = {
            DeliveryMethod.IN_PERSON: self.delivered_in_person,
            DeliveryMethod.ONLINE: self.delivered_online,
            DeliveryMethod.PHONE: self.delivered_by_phone,
        }
        return [method for method, delivered in flags.items() if delivered]

    @property
    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]
