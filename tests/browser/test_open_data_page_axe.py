"""axe-core finds nothing, of any impact, on the Open data page (its downloads table with
times and sizes, the API's paths and parameters, the licence), at desktop width and on a
phone, with JavaScript and without (the site's scripts never load; axe-core itself needs
JavaScript), and nothing on it makes a phone scroll sideways."""

import io
import re

from django.core.cache import cache
from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.factories import ServiceLocationFactory, ServicePageFactory, build_site_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

WIDER_THAN_THE_SCREEN = """
[...document.querySelectorAll("main *")]
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
  .map((element) => `${element.tagName}.${element.className}: ${element.textContent.slice(0, 40)}`)
"""


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def open_data_url(live_server, tmp_path, settings):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    build_site_tree()
    service = ServicePageFactory(title="Housing advice drop-in")
    ServiceLocationFactory(service=service)
    call_command("build_open_data", stdout=io.StringIO())
    return "/open-data/"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_open_data_page_passes_axe(chromium, live_server, axe, open_data_url, viewport, javascript):
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())

    page.goto(f"{live_server.url}{open_data_url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    downloads = page.get_by_test_id("open-data-downloads")
    expect(downloads.get_by_role("link", name="directory.csv")).to_be_visible()
    expect(downloads.get_by_role("link", name="directory.json")).to_be_visible()
    assert axe(page) == []
    # Long paths and addresses wrap: nothing makes the page scroll sideways on a phone.
    too_wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], too_wide
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_trying_the_api_passes_axe_and_sends_the_request(
    chromium, live_server, axe, open_data_url, viewport, javascript
):
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())

    # The address the API's own documents use leads to the page.
    page.goto(f"{live_server.url}/api/docs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Try the API")
    assert axe(page) == []
    too_wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], too_wide

    # A missing id: the error is summarised, linked to its box, and passes axe too.
    one_service = page.get_by_test_id("operation-service")
    one_service.get_by_role("button", name="Send request GET /api/services/{record_id}").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter record_id")
    assert axe(page) == []

    services = page.get_by_test_id("operation-services")
    services.get_by_label("search").fill("housing")
    services.get_by_label("per_page").fill("5")
    # A JSON answer has no icon of its own: the browser would ask the site for
    # /favicon.ico while the test database is being emptied.
    page.route(re.compile(r"/favicon\.ico$"), lambda route: route.abort())
    services.get_by_role("button", name="Send request GET /api/services").click()
    page.wait_for_url(re.compile(r"/api/services\?search=housing&per_page=5$"))
    page.wait_for_load_state("networkidle")
    answer = page.evaluate("document.body.innerText")
    context.close()
    assert '"total_items"' in answer
