"""Where an organisation or service works: some regions, or all of England and Wales, and
the admin forms that check it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from directory.models.opening_hours import mark_overlapping_rows


class CoverageForm(WagtailAdminPageForm):
    """Coverage is checked on the form: many-to-many choices reach the page only on save."""

    def clean(self):
        cleaned_data = super().clean()
        message = Coverage.coverage_error(
            cleaned_data.get("is_national"), cleaned_data.get("regions")
        )
        if message:
            self.add_error("regions", message)
        return cleaned_data


class ServicePageForm(CoverageForm):
    """Coverage, and opening times that do not overlap on a day (a rule across inline rows)."""

    def clean(self):
        cleaned_data = super().clean()
        mark_overlapping_rows(self.formsets.get("opening_hours"))
        return cleaned_data


class Coverage(models.Model):
    """Where an organisation or service works: some regions, or all of England and Wales."""

    is_national = models.BooleanField(
        _("works across England and Wales"),
        default=False,
        help_text=_("National services appear in every region's results."),
    )

    class Meta:
        abstract = True

    @staticmethod
    def covering(region):
        """A filter for listings that work in `region`: national ones work in every region."""
        return models.Q(is_national=True) | models.Q(regions=region)

    @staticmethod
    def coverage_error(is_national, regions):
        """The message for a listing that says neither where it works nor that it is national."""
        if not is_national and not regions:
            return _("Choose the regions you work in, or say you work nationally.")
        return None
