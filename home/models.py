from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from core.page_urls import LinkedInVisitorsLanguage
from core.rich_text import CONTENT_FEATURES


class HomePage(LinkedInVisitorsLanguage, Page):
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
        from search.translations import one_version_each

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = _in_this_language(DirectoryIndexPage, self)
        context["forum_index"] = _in_this_language(ForumIndexPage, self)
        context["regions"] = Region.objects.in_default_locale()
        # A translated service counts once (search.translations).
        context["service_count"] = one_version_each(ServicePage.objects.listed()).count()
        return context

    def route(self, request, path_components):
        """A page not translated into this home page's language is served from the other
        languages' trees (the default's first) under this language's prefix: its content in
        its own language, the interface in the visitor's. So every page has a Welsh address,
        and the language switcher's "same path under /cy/" always leads somewhere."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            for other in self._other_versions():
                try:
                    return Page.route(other, request, path_components)
                except Http404:
                    continue
            raise

    def _other_versions(self):
        default = Locale.get_default()
        others = self.get_translations().live().specific()
        return sorted(others, key=lambda page: page.locale_id != default.pk)


def _in_this_language(page_class, home):
    """The live page of this class in the home page's language, else the first one."""
    pages = page_class.objects.live()
    return pages.filter(locale_id=home.locale_id).first() or pages.first()


class ContentPage(LinkedInVisitorsLanguage, Page):
    """A plain content page: the privacy notice, cookies page, accessibility statement."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), features=CONTENT_FEATURES)

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")
