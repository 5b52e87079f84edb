"""Calendars (iCalendar files): one event, a forum, every forum, and a person's own private feed.

A forum's and every forum's calendar are in the language of their address (/cy/ for Welsh):
an event translated into Welsh appears once, as its Welsh page in the Welsh calendar and its
English page in the English one; an event with no Welsh page appears in both, in English.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.page_urls import page_absolute_url
from core.redirects import safe_next_url
from forums.events.calendars import build_calendar, event_ics, feed_events
from forums.models import (
    ACTIVE,
    CalendarFeedToken,
    EventPage,
    ForumIndexPage,
    RegionalForumPage,
)
from search.translations import one_version_each


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(request, event_id):
    event = get_object_or_404(
        EventPage.objects.live().select_related("calendar_state"), pk=event_id
    )
    return _ics_response(event_ics(event), f"{event.slug}.ics")


def _in_language(pages):
    """Events under any of these pages (the versions of a forum or of the forum index),
    each once, in the request's language where it has a version."""
    under_any = Q()
    for page in pages:
        under_any |= EventPage.objects.descendant_of_q(page)
    return one_version_each(EventPage.objects.live().filter(under_any))


def forum_calendar(request, forum_id):
    forum = get_object_or_404(RegionalForumPage.objects.live(), pk=forum_id).localized
    versions = forum.get_translations(inclusive=True).live()
    events = feed_events(_in_language(versions))
    return _ics_response(
        build_calendar(events, forum.title, page_absolute_url), f"{forum.slug}.ics"
    )


def site_calendar(request):
    indexes = list(ForumIndexPage.objects.live())
    if not indexes:
        raise Http404
    index = indexes[0].localized
    events = feed_events(_in_language(indexes))
    return _ics_response(
        build_calendar(events, index.title, page_absolute_url), "regional-forums.ics"
    )


def my_calendar(request, token):
    """A person's own events (registered or waiting), at a secret address they can replace."""
    if "\x00" in token:
        # Never a token, and PostgreSQL refuses NUL in text: a wrong address, not an error.
        raise Http404
    feed = get_object_or_404(CalendarFeedToken.objects.select_related("user"), token=token)
    events = feed_events(
        EventPage.objects.filter(
            registrations__user=feed.user,
            registrations__status__in=ACTIVE,
        ).distinct()
    )
    return _ics_response(build_calendar(events, _("My events"), page_absolute_url), "my-events.ics")


@login_required
@require_POST
def reset_my_calendar(request):
    from forums.account import replace_feed_token

    replace_feed_token(request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect(safe_next_url(request, reverse("account")))
