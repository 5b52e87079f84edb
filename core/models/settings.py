from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What every page shows: the phase banner, contact address and footer links."""

    phase = models.CharField(_("phase"), max_length=20, default="Beta")
    phase_banner_text = models.CharField(
        _("phase banner text"),
        max_length=255,
        default="This is a new service. Your feedback will help us improve it.",
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cookies page"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )

    panels = [
        MultiFieldPanel([FieldPanel("phase"), FieldPanel("phase_banner_text")], _("Banner")),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("cookies_page"),
                FieldPanel("accessibility_page"),
            ],
            _("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
