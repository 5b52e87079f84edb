import factory
import wagtail_factories

from core.models import Region
from forums.models import ForumIndexPage, RegionalForumPage

from .core import term
from .home import site_home_page


def _forum_index():
    index = ForumIndexPage.objects.first()
    return index if index is not None else ForumIndexPageFactory()


def _region_without_a_forum():
    return Region.objects.in_default_locale().filter(forums__isnull=True).first()


class ForumIndexPageFactory(wagtail_factories.PageFactory):
    title = "Regional forums"
    slug = "forums"
    introduction = "Meet your Regional Probation Director's team and other organisations."
    parent = factory.LazyFunction(site_home_page)
    live = True

    class Meta:
        model = ForumIndexPage


class RegionalForumPageFactory(wagtail_factories.PageFactory):
    """The forum of a region (by default the first region that has none yet)."""

    region = factory.LazyFunction(_region_without_a_forum)
    title = factory.LazyAttribute(lambda o: f"{term(Region, o.region).name} forum")
    introduction = "<p>Events, consultations and what came out of them.</p>"
    parent = factory.LazyFunction(_forum_index)
    live = True

    class Meta:
        model = RegionalForumPage

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs = super()._adjust_kwargs(**kwargs)
        kwargs["region"] = term(Region, kwargs["region"])
        return kwargs
