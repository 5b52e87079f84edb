from django.http import Http404

from wagtail.coreutils import get_dummy_request

import pytest

from tests.factories import build_site_tree


@pytest.fixture
def tree(db):
    """A live home page as the default site's root, with the directory under it."""
    return build_site_tree()


@pytest.fixture
def routes_to():
    """Whether a page's URL routes to that page (without rendering it), or raises Http404."""

    def check(page):
        request = get_dummy_request()
        site = page.get_site()
        components = [part for part in page.get_url(request).split("/") if part]
        try:
            found, _args, _kwargs = site.root_page.localized.specific.route(request, components)
        except Http404:
            return False
        return found.pk == page.pk

    return check
