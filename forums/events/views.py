"""Public views of forums and events: registering, cancelling, calendars, membership."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.permissions import organisations_acting_for
from forums.events.calendars import build_calendar, event_ics, feed_events
from forums.memberships.rules import join_forum, leave_forum
from forums.models import (
    ACTIVE,
    CalendarFeedToken,
    EventPage,
    ForumIndexPage,
    RegionalForumPage,
)
from forums.registrations.forms import MembershipForm, RegistrationForm
from forums.registrations.rules import (
    RegistrationError,
    cancel_registration,
    register_for_event,
    registration_context,
    registration_for_token,
)


def _live_event(event_id):
    return get_object_or_404(EventPage.objects.live().specific(), pk=event_id)


def register(request, event_id):
    event = _live_event(event_id)
    if request.method != "POST":
        return redirect(event.url)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={event.url}")
    form = RegistrationForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            registration = register_for_event(
                event, request.user, form.organisation(), form.cleaned_data["access_needs"]
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if registration.is_waitlisted:
                messages.success(
                    request,
                    _(
                        "The event is full: you are on the waiting list. "
                        "We will email you if a place frees up."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("You are registered. We have emailed you the details and a calendar file."),
                )
            return redirect(event.url)
    context = event.get_context(request)
    context.update(registration_context(event, request, form=form))
    return TemplateResponse(request, event.get_template(request), context, status=400)


def _safe_next(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@login_required
def cancel_registration_view(request, registration_id):
    registration = get_object_or_404(
        request.user.event_registrations.select_related("event"), pk=registration_id
    )
    return _cancel(request, registration)


def cancel_from_email(request, token):
    """The cancel link in the emails: no sign-in needed. A GET only asks (mail scanners
    follow links); the POST cancels."""
    registration = registration_for_token(token)
    if registration is None:
        return render(request, "forums/cancel_invalid.html", status=400)
    return _cancel(request, registration)


def _cancel(request, registration):
    event = registration.event.specific
    if request.method == "POST":
        if registration.is_active:
            cancel_registration(registration)
            messages.success(
                request, _("Your registration for %(event)s is cancelled.") % {"event": event.title}
            )
        return redirect(_safe_next(request, event.url or "/"))
    return render(
        request,
        "forums/cancel_registration.html",
        {"registration": registration, "event": event, "next": _safe_next(request, "")},
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
    return redirect(_safe_next(request, reverse("account")))


def _membership_action(request, forum_id):
    forum = get_object_or_404(RegionalForumPage.objects.live(), pk=forum_id)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        raise Http404
    organisation = get_object_or_404(
        organisations_acting_for(request.user), pk=form.cleaned_data["organisation"]
    )
    return forum, organisation


@login_required
@require_POST
def join_forum_view(request, forum_id):
    forum, organisation = _membership_action(request, forum_id)
    join_forum(forum, organisation, request.user)
    messages.success(
        request,
        _("%(organisation)s is a member of %(forum)s.")
        % {"organisation": organisation.title, "forum": forum.title},
    )
    return redirect(forum.url)


@login_required
@require_POST
def leave_forum_view(request, forum_id):
    forum, organisation = _membership_action(request, forum_id)
    leave_forum(forum, organisation)
    messages.success(
        request,
        _("%(organisation)s has left %(forum)s.")
        % {"organisation": organisation.title, "forum": forum.title},
    )
    return redirect(forum.url)
