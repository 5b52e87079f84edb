"""A practitioner on a phone searches in plain words, sees what was understood, and removes
one understood term with one tap; the service page they open passes axe-core at phone and
desktop widths, with and without JavaScript."""

import re

from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from directory.models import ServicePage
from tests.browser.test_directory_on_a_phone import DESKTOP, PHONE, phone_page
from tests.browser.test_directory_on_a_phone import services as services  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])


@pytest.fixture(autouse=True)
def fresh_reference_data():
    cache.clear()
    yield
    cache.clear()


def result_titles(page):
    return page.locator(".cg-results .cg-result__title").all_inner_texts()


@JAVASCRIPT
def test_plain_words_are_understood_and_one_tap_removes_a_term(
    live_server, chromium, services, javascript
):
    page = phone_page(chromium, javascript)
    page.goto(f"{live_server.url}/directory/")
    page.locator("#search-text").fill("somewhere to live for a woman in Leeds")
    page.locator("#search-text").press("Enter")

    understood = page.get_by_role("list", name="We understood your search as:")
    expect(understood.get_by_role("link")).to_have_count(2)
    assert sorted(result_titles(page)) == ["Tenancy rescue", "Women's move-on housing"]

    understood.get_by_role("link", name=re.compile("Women")).click()

    expect(page.get_by_role("list", name="We understood your search as:")).to_be_visible()
    assert "Young adults' flats" in result_titles(page)
    assert "woman" not in page.locator("#search-text").input_value()
    page.context.close()


@JAVASCRIPT
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_service_page_passes_axe(live_server, chromium, services, axe, javascript, viewport):
    page = phone_page(chromium, True, viewport)
    if not javascript:
        page.route(re.compile(r"\.m?js$"), lambda route: route.abort())
    service = ServicePage.objects.get(title="Tenancy rescue")
    page.goto(f"{live_server.url}{service.url}")
    expect(page.get_by_role("heading", level=1, name="Tenancy rescue")).to_be_visible()

    assert axe(page) == []
    page.context.close()
