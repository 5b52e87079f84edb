"""Registering for an event and cancelling (from the site or the emailed link)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.redirects import safe_next_url
from forums.models import (
    EventPage,
)
from forums.registrations.forms import RegistrationForm
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
        return redirect(safe_next_url(request, event.url or "/"))
    return render(
        request,
        "forums/cancel_registration.html",
        {"registration": registration, "event": event, "next": safe_next_url(request, "")},
    )
