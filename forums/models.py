from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class ForumIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["forums.RegionalForumPage"]
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
        return context


class RegionalForumPage(Page):
    """The forum of one probation region, run by its Regional Probation Director's team."""

    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="forums",
        verbose_name=_("probation region"),
    )
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )

    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, FieldPanel("region"), FieldPanel("introduction")]

    class Meta:
        verbose_name = _("regional forum")

    def get_context(self, request, *args, **kwargs):
        from directory.models import DirectoryIndexPage

        context = super().get_context(request, *args, **kwargs)
        directory = DirectoryIndexPage.objects.live().first()
        context["directory_url"] = directory.get_url(request) if directory else None
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
