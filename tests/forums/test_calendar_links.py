"""Calendar subscriptions (webcal://, a download and an address to copy) and absolute
addresses in feeds and emails: always on the configured root URL (WAGTAILADMIN_BASE_URL),
never on the Site row's http://localhost."""

import datetime
import html
import re

from django.core import mail
from django.utils import timezone

from wagtail.models import Site

import icalendar
import pytest

from forums.events.jobs import nag_about_unclosed_events
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db

ROOT = "https://forums.example.gov.uk"


@pytest.fixture
def configured_root(settings):
    settings.WAGTAILADMIN_BASE_URL = ROOT + "/"
    # The Site row still says localhost, as in a fresh install.
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"
    return ROOT


def _subscribe_block(page_html):
    [block] = re.findall(
        r'<div[^>]*data-testid="calendar-subscribe">.*?</div>\s*</div>', page_html, re.S
    )
    return html.unescape(block)


def test_the_forum_page_offers_webcal_a_download_and_an_address_to_copy(
    client, forum, configured_root
):
    block = _subscribe_block(client.get(forum.url).content.decode())
    feed = f"/calendars/forums/{forum.pk}.ics"
    assert f'href="webcal://forums.example.gov.uk{feed}"' in block
    assert re.search(rf'href="{re.escape(feed)}" download[^>]*>Download \(\.ics\)</a>', block)
    assert f'value="{ROOT}{feed}" readonly' in block
    assert "Google Calendar or Outlook" in block


def test_the_forum_index_offers_every_forums_calendar(client, tree, configured_root):
    block = _subscribe_block(client.get(tree.forums.url).content.decode())
    assert 'href="webcal://forums.example.gov.uk/calendars/all-forums.ics"' in block
    assert f'value="{ROOT}/calendars/all-forums.ics"' in block


def _urls_in(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return [str(vevent["url"]) for vevent in calendar.walk("VEVENT")]


def test_feeds_link_events_on_the_configured_root(client, forum, event, configured_root):
    expected = f"{ROOT}{event.url}"
    assert _urls_in(client.get(f"/calendars/events/{event.pk}.ics")) == [expected]
    assert _urls_in(client.get(f"/calendars/forums/{forum.pk}.ics")) == [expected]
    assert _urls_in(client.get("/calendars/all-forums.ics")) == [expected]
    # Whatever host the request came in on.
    other_host = client.get(f"/calendars/forums/{forum.pk}.ics", HTTP_HOST="internal:8000")
    assert _urls_in(other_host) == [expected]


def test_outcome_emails_link_to_the_configured_root(
    forum, event, configured_root, django_capture_on_commit_callbacks
):
    EventRegistrationFactory(event=event, status="attended")
    event.closed = True
    event.minutes = "<p>We agreed to meet again.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()

    [message] = [m for m in mail.outbox if event.title in m.subject or event.title in m.body]
    assert f"{ROOT}{event.url}" in message.body
    assert "localhost" not in message.body
    assert f'href="{ROOT}{event.url}"' in message.alternatives[0][0]


def test_the_calendar_attached_to_a_confirmation_links_to_the_configured_root(
    forum, configured_root
):
    from forums.events.calendars import event_ics

    event = EventPageFactory(parent=forum)
    [vevent] = icalendar.Calendar.from_ical(event_ics(event)).walk("VEVENT")
    assert str(vevent["url"]) == f"{ROOT}{event.url}"


def test_the_reminder_to_close_an_event_links_to_the_configured_root(
    forum, configured_root, django_capture_on_commit_callbacks
):
    now = timezone.now()
    past = EventPageFactory(
        parent=forum,
        start=now - datetime.timedelta(days=3),
        end=now - datetime.timedelta(days=3, hours=-2),
    )
    _manager_of(forum)
    with django_capture_on_commit_callbacks(execute=True):
        assert nag_about_unclosed_events(now) == 1
    [message] = mail.outbox
    assert f"{ROOT}/admin/forums/events/{past.pk}/registrations/" in message.body


def test_setting_up_the_site_gives_the_default_site_the_configured_address(settings, db):
    from home.site_structure import ensure_site_structure

    settings.WAGTAILADMIN_BASE_URL = "https://forums.example.gov.uk"
    structure = ensure_site_structure()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("forums.example.gov.uk", 443, ROOT)
    forum = structure.forums[0]
    assert forum.get_full_url().startswith(f"{ROOT}/")

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000/"
    ensure_site_structure()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
