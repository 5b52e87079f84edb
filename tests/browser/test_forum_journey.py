"""A forum manager publishes an event in the admin; a charity worker finds it on the forum
page, registers, downloads the calendar file and cancels."""

import datetime
import re
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

import icalendar
import pytest
from playwright.sync_api import expect

from forums.models import EventRegistration
from tests.factories import ForumIndexPageFactory, RegionalForumPageFactory, build_site_tree
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    VerifiedUserFactory,
    activate_authenticator_app,
    fresh_code,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


def sign_in(page, base_url, email, app=None):
    page.goto(f"{base_url}/account/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if app is not None:
        page.get_by_label("Code from your authenticator app").fill(fresh_code(app))
        page.get_by_role("button", name="Sign in").click()


def test_manager_publishes_an_event_and_a_charity_worker_registers_and_cancels(
    live_server, page, axe, chromium
):
    tree = build_site_tree()
    forums = ForumIndexPageFactory(parent=tree.home)
    forum = RegionalForumPageFactory(parent=forums, region="north-east")
    manager = VerifiedUserFactory()
    manager.groups.add(Group.objects.get(name="Forum managers: North East"))
    app = activate_authenticator_app(manager)
    worker = VerifiedUserFactory()

    # The forum manager adds and publishes an event under their forum.
    sign_in(page, live_server.url, manager.email, app)
    expect(page).to_have_url(re.compile(r"/(admin/)?$"))
    the_manager_publishes_an_event(page, live_server.url, forum)

    # A charity worker finds it on the forum page and registers.
    worker_context = chromium.new_context(locale="en-GB")
    visitor = worker_context.new_page()
    visitor.set_default_timeout(10_000)
    sign_in(visitor, live_server.url, worker.email)
    the_worker_finds_the_event_and_registers(visitor, live_server.url, forum, axe)
    assert EventRegistration.objects.get(user=worker).status == "registered"

    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Add to your calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Housing on release: open forum"

    visitor.get_by_role("link", name="Cancel your registration").click()
    expect(visitor.get_by_role("button", name="Cancel my registration")).to_be_visible()
    assert axe(visitor) == []
    visitor.get_by_role("button", name="Cancel my registration").click()
    expect(visitor.get_by_text("is cancelled")).to_be_visible()
    assert EventRegistration.objects.get(user=worker).status == "cancelled"

    visitor.goto(f"{live_server.url}/account/")
    assert axe(visitor) == []
    worker_context.close()


def the_manager_publishes_an_event(
    page, base_url, forum, title="Housing on release: open forum", places=20
):
    page.goto(f"{base_url}/admin/pages/add/forums/eventpage/{forum.pk}/")
    day = timezone.localdate() + datetime.timedelta(days=10)
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Tell the regional team what you see in housing.")
    page.locator("#id_start").fill(f"{day:%Y-%m-%d} 10:00")
    page.locator("#id_end").fill(f"{day:%Y-%m-%d} 12:00")
    page.keyboard.press("Escape")
    page.locator("#id_venue_name").fill("Civic Centre")
    page.get_by_label("A limited number of places").check()
    page.locator("#id_capacity").fill(str(places))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # Back in the forum's page listing, the new event is live.
    row = page.get_by_role("row", name=re.compile(re.escape(title)))
    expect(row.get_by_role("link", name="Current page status: live")).to_be_visible()


def the_worker_finds_the_event_and_registers(visitor, base_url, forum, axe):
    visitor.goto(f"{base_url}{forum.url}")
    expect(visitor.get_by_role("heading", level=1, name=forum.title)).to_be_visible()
    assert axe(visitor) == []
    visitor.get_by_role("link", name="Housing on release: open forum").click()
    expect(visitor.get_by_role("heading", level=1, name="Housing on release")).to_be_visible()
    expect(visitor.get_by_text("10:00")).to_be_visible()
    assert axe(visitor) == []
    visitor.get_by_label("As an individual").check()
    visitor.get_by_label("Access needs (optional)").fill("A seat near the door")
    visitor.get_by_role("button", name="Register").click()
    expect(visitor.get_by_text("You are registered for this event.")).to_be_visible()
    assert axe(visitor) == []
