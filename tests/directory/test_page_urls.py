"""A service page's `url` is its address on this site, as for every Wagtail page.

Wagtail relies on `page.url` of the specific page: the admin's "View live" link and status
tag, and links to pages in the rich text editor all read it.
"""

import pytest

from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def test_a_service_pages_url_is_its_address_on_this_site(tree):
    service = ServicePageFactory(website="https://example.org/our-housing-service")

    assert service.url == service.get_url()
