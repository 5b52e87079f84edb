import factory
import wagtail_factories

from wagtail.models import Page

from home.models import ContentPage, HomePage


def _root_page():
    return Page.get_first_root_node()


def _home_page():
    """The site's home page, building the site tree the first time it is needed."""
    from .tree import build_site_tree

    home = HomePage.objects.first()
    return home if home is not None else build_site_tree().home


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page directly under the tree's root (make it a site root with build_site_tree)."""

    title = "Common Ground"
    introduction = "Find support for people in contact with the justice system."
    parent = factory.LazyFunction(_root_page)
    live = True

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content page {n}")
    summary = "What this page is about."
    body = "<p>Some plain English content.</p>"
    parent = factory.LazyFunction(_home_page)
    live = True

    class Meta:
        model = ContentPage
