"""Where a service is delivered: its locations, each with an address or, if confidential, only
its area."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ServiceLocation(Orderable):
    """Where a service is delivered. A confidential location shows only its area, everywhere."""

    service = ParentalKey(
        "directory.ServicePage",
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    area = models.CharField(
        _("area"),
        max_length=100,
        help_text=_("The town, city or district. Always shown, even for confidential locations."),
    )
    is_confidential = models.BooleanField(
        _("confidential location"),
        default=False,
        help_text=_(
            "For refuges and other services whose address must not be published: "
            "only the area is shown, on every page, export and in the open data."
        ),
    )
    accessibility = models.TextField(_("accessibility"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("is_confidential"),
        FieldPanel("area"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("accessibility"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")

    def __str__(self):
        return self.name or self.area

    @property
    def public_address(self):
        """The address as anyone outside the organisation may see it."""
        if self.is_confidential:
            return ""
        return ", ".join(part for part in [self.address.strip(), self.postcode] if part)
