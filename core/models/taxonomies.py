"""The sector's vocabularies, as snippets editors can extend without a deploy.

Each taxonomy has its own slug space (unique per language), its own URL parameter and its
own index field. Terms are translatable: all language versions of a term share a
`translation_key`, which is also the term's stable open-data identifier.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class IncomeBand(models.TextChoices):
    """Annual income bands, as the Charity Commission reports them (a fixed, ordered scale)."""

    UNDER_10K = "under-10k", _("Under £10,000")
    FROM_10K_TO_100K = "10k-100k", _("£10,000 to £100,000")
    FROM_100K_TO_500K = "100k-500k", _("£100,000 to £500,000")
    FROM_500K_TO_1M = "500k-1m", _("£500,000 to £1m")
    FROM_1M_TO_5M = "1m-5m", _("£1m to £5m")
    FROM_5M_TO_10M = "5m-10m", _("£5m to £10m")
    OVER_10M = "over-10m", _("Over £10m")


class TermQuerySet(models.QuerySet):
    def in_default_locale(self):
        from django.conf import settings

        from wagtail.coreutils import get_supported_content_language_variant

        # A join rather than a separate query for the default Locale.
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return self.filter(locale__language_code=language)


class Term(TranslatableMixin, index.Indexed, models.Model):
    """A named term with a slug, unique within its taxonomy and language."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in web addresses and filters. Changing it breaks shared links."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = TermQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def unique_slug_constraint(cls, name):
        return models.UniqueConstraint(fields=["locale", "slug"], name=name)


class Region(Term):
    """One of the 12 probation regions of England and Wales, each led by an RPD."""

    police_force_areas = models.TextField(
        _("police force areas"),
        blank=True,
        help_text=_("The police force areas the region covers, separated by semicolons."),
    )

    panels = [*Term.panels, FieldPanel("police_force_areas")]

    class Meta(Term.Meta):
        verbose_name = _("probation region")
        verbose_name_plural = _("probation regions")
        constraints = [Term.unique_slug_constraint("unique_region_slug")]

    @property
    def police_force_area_list(self):
        return [area.strip() for area in self.police_force_areas.split(";") if area.strip()]


class Place(TranslatableMixin, index.Indexed, models.Model):
    """A place name mapped to its region: for "housing in Leeds" and for imported addresses."""

    name = models.CharField(_("name"), max_length=255)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="places", verbose_name=_("region")
    )

    panels = [FieldPanel("name"), FieldPanel("region")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="unique_place_name"),
        ]

    def __str__(self):
        return self.name


class PostcodeArea(models.Model):
    """A postcode area ("LS") or district ("CH5") and the probation region it lies in.

    A search for "LS6 1AA", "LS6" or "CF10" is filtered by the region of the most specific
    entry: the district when one is listed (areas that cross a border list their
    exceptions as districts), otherwise the area.
    """

    code = models.CharField(
        _("postcode area or district"),
        max_length=4,
        unique=True,
        help_text=_("The letters of an area (“LS”) or a whole district (“CH5”), in capitals."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )

    panels = [FieldPanel("code"), FieldPanel("region")]

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["code"]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = "".join(self.code.split()).upper()
        super().save(*args, **kwargs)


class ServiceCategory(Term):
    """Two levels: a category (following the CRS pathways and wider needs) and its subcategories."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent category"),
        help_text=_("Leave empty for a top-level category."),
    )

    panels = [*Term.panels, FieldPanel("parent")]

    class Meta(Term.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        constraints = [Term.unique_slug_constraint("unique_servicecategory_slug")]

    def __str__(self):
        return f"{self.parent.name}: {self.name}" if self.parent_id else self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("Categories have two levels: choose a top-level category.")}
            )
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A category cannot be its own parent.")})


class ClientGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")
        constraints = [Term.unique_slug_constraint("unique_clientgroup_slug")]


class JusticeStage(Term):
    class Meta(Term.Meta):
        verbose_name = _("justice stage")
        verbose_name_plural = _("justice stages")
        constraints = [Term.unique_slug_constraint("unique_justicestage_slug")]


class LedByAndFor(Term):
    class Meta(Term.Meta):
        verbose_name = _("led by and for")
        verbose_name_plural = _("led by and for")
        constraints = [Term.unique_slug_constraint("unique_ledbyandfor_slug")]


class CommissioningRelationship(Term):
    class Meta(Term.Meta):
        verbose_name = _("commissioning relationship")
        verbose_name_plural = _("commissioning relationships")
        constraints = [Term.unique_slug_constraint("unique_commissioningrelationship_slug")]
