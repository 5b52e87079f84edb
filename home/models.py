from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.rich_text import CONTENT_FEATURES


class HomePage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "directory.DirectoryIndexPage",
        "forums.ForumIndexPage",
        "home.ContentPage",
    ]
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from core.models import Region
        from directory.models import DirectoryIndexPage, ServicePage
        from forums.models import ForumIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = DirectoryIndexPage.objects.live().first()
        context["forum_index"] = ForumIndexPage.objects.live().first()
        context["regions"] = Region.objects.in_default_locale()
        context["service_count"] = ServicePage.objects.listed().count()
        return context


class ContentPage(Page):
    """A plain content page: the privacy notice, cookies page, accessibility statement."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), features=CONTENT_FEATURES)

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")
