"""A forum manager reads the reach report at a glance, at desktop width and on a phone, with
JavaScript and without: the headline, a chart (an image named by its title) beside each
table, numbers right-aligned, and every section filled (people not listed, invitations,
searches that found nothing, the outreach list). axe-core finds nothing, of any impact.

Without JavaScript means the admin's scripts are never loaded (axe-core itself needs
JavaScript to run)."""

import datetime
import re

from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from forums.models import OutreachInvitation
from forums.reach.periods import current_quarter
from search.log import record_search
from tests.factories import (
    EventPageFactory,
    EventRegistrationFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def manager(live_server):
    """The North East forum's manager, with a quarter's engagement to report."""
    tree = build_site_tree()
    forum = RegionalForumPageFactory(
        parent=ForumIndexPageFactory(parent=tree.home), region="north-east"
    )
    quarter = current_quarter()
    start = quarter.start_at + datetime.timedelta(hours=10)
    meeting = EventPageFactory(parent=forum, title="Quarterly meeting", start=start)
    for number, (title, band) in enumerate(
        [("Tyne Women's Aid", "under-10k"), ("Wear Mentors", "10k-100k"), ("Tees Kitchen", "")]
    ):
        organisation = OrganisationPageFactory(
            title=title,
            regions=["north-east"],
            income_band=band,
            led_by_and_for=["lived-experience"] if number == 0 else [],
            email=f"hello{number}@example.org",
        )
        OutreachInvitation.objects.create(
            forum=forum, page=meeting, organisation=organisation, sent_at=start
        )
        if number == 0:
            EventRegistrationFactory(event=meeting, organisation=organisation, status="attended")
    EventRegistrationFactory(
        event=meeting, organisation=None, unlisted_organisation_name="Hope Hub", status="attended"
    )
    for text in ("gambling support", "gambling support", "deaf bsl"):
        record_search("services", text, {"region": ["north-east"]}, 0, today=timezone.localdate())
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name="Forum managers: North East"))
    activate_authenticator_app(user)
    return user


def signed_in_page(chromium, live_server, user, viewport, javascript):
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_reach_report_reads_at_a_glance_and_passes_axe(
    live_server, chromium, axe, manager, javascript
):
    failures = {}
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = signed_in_page(chromium, live_server, manager, viewport, javascript)
        page.goto(f"{live_server.url}/admin/forums/reach/")
        expect(page.locator(".cg-headline__sentence")).to_have_text(
            re.compile(r"^1 organisation engaged, 33% of 3 listed; up 1 on last quarter \(0\)\.$")
        )
        chart = page.get_by_role("img", name="Annual income: share engaged")
        expect(chart).to_be_visible()
        expect(page.get_by_role("table", name=re.compile("^Annual income: listed"))).to_be_visible()
        listed = page.locator("table.cg-reach-breakdown td.cg-num").first
        assert listed.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
        expect(
            page.get_by_text("1 person took part without a listed organisation.")
        ).to_be_visible()
        expect(page.get_by_role("row", name=re.compile("Event: Quarterly meeting"))).to_be_visible()
        expect(page.get_by_role("row", name=re.compile("gambling support"))).to_be_visible()
        expect(page.get_by_role("row", name=re.compile("Wear Mentors"))).to_be_visible()
        # The chart fits the screen.
        assert chart.bounding_box()["width"] <= viewport["width"], name
        found = axe(page)
        if found:
            failures[name] = found
        page.context.close()
    assert failures == {}
