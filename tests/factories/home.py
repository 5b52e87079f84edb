from wagtail.models import Page

import factory
import wagtail_factories

from home.models import ContentPage, HomePage


def root_page():
    """The root of Wagtail's page tree, which Wagtail's migrations create."""
    root = Page.get_first_root_node()
    if root is None:
        raise RuntimeError(
            "The page tree has no root page: the test database was emptied (a transactional "
            "test flushed it) without restoring what the migrations created."
        )
    return root


def site_home_page():
    """The site's home page, building the site tree the first time it is needed."""
    from .tree import build_site_tree

    home = HomePage.objects.first()
    return home if home is not None else build_site_tree().home


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page directly under the tree's root (make it a site root with build_site_tree)."""

    title = "Common Ground"
    introduction = "Find support for people in contact with the justice system."
    parent = factory.LazyFunction(root_page)
    live = True

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content page {n}")
    summary = "What this page is about."
    body = "<p>Some plain English content.</p>"
    parent = factory.LazyFunction(site_home_page)
    live = True

    class Meta:
        model = ContentPage
