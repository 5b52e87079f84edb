"""Calendars (iCalendar files): one event, a forum, every forum, and a person's own private feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.redirects import safe_next_url
from forums.events.calendars import build_calendar, event_ics, feed_events
from forums.models import (
    ACTIVE,
    CalendarFeedToken,
    EventPage,
    ForumIndexPage,
    RegionalForumPage,
)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(request, event_id):
    event = get_object_or_404(
        EventPage.objects.live().select_related("calendar_state"), pk=event_id
    )
    return _ics_response(event_ics(event, request), f"{event.slug}.ics")


def _url_for(request):
    return lambda event: event.get_full_url(request)


def forum_calendar(request, forum_id):
    forum = get_object_or_404(RegionalForumPage.objects.live(), pk=forum_id)
    events = feed_events(EventPage.objects.child_of(forum))
    return _ics_response(
        build_calendar(events, forum.title, _url_for(request)), f"{forum.slug}.ics"
    )


def site_calendar(request):
    index = ForumIndexPage.objects.live().first()
    if index is None:
        raise Http404
    events = feed_events(EventPage.objects.descendant_of(index))
    return _ics_response(
        build_calendar(events, index.title, _url_for(request)), "regional-forums.ics"
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
    return _ics_response(build_calendar(events, _("My events"), _url_for(request)), "my-events.ics")


@login_required
@require_POST
def reset_my_calendar(request):
    from forums.account import replace_feed_token

    replace_feed_token(request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect(safe_next_url(request, reverse("account")))
