"""The page tree every page test starts from: a home page as the site root, and the directory."""

from dataclasses import dataclass

from wagtail.models import Site

from directory.models import DirectoryIndexPage
from home.models import HomePage


@dataclass
class SiteTree:
    home: HomePage
    directory: DirectoryIndexPage


def build_site_tree():
    """Make a live HomePage the default site's root, with a live DirectoryIndexPage under it.

    Wagtail's test database starts with a default Site whose root is a "Welcome" page under
    the tree's root; the home page becomes its sibling and takes over the site.
    """
    from .directory import DirectoryIndexPageFactory
    from .home import HomePageFactory, root_page

    home = HomePageFactory(parent=root_page())
    Site.objects.filter(is_default_site=True).update(root_page=home)
    # update() skips Site's signals, which would have cleared the cached site root paths.
    Site.clear_site_root_paths_cache()
    directory = DirectoryIndexPageFactory(parent=home)
    return SiteTree(home=home, directory=directory)
