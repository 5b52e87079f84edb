"""Registering for an event without an account: the form, and the emailed link that
confirms it (forums/registrations/guests.py has the rules)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from core.ratelimit import allow
from forums.models import EventPage, RegistrationState
from forums.registrations.forms import GuestRegistrationForm
from forums.registrations.guests import (
    REQUESTS_PER_HOUR,
    GuestLinkError,
    LinkState,
    confirm_guest_registration,
    guest_request_for_token,
    link_state,
    request_guest_registration,
)
from forums.registrations.rules import RegistrationError, places_left, registration_state

TEMPLATE = "forums/guests/register.html"


def guest_register(request, event_id):
    event = get_object_or_404(EventPage.objects.live().specific(), pk=event_id)
    if request.user.is_authenticated:
        # Signed-in people register with the form on the event page.
        return redirect(f"{event.url}#registration")
    state = registration_state(event)
    context = {
        "event": event,
        "registration_open": state == RegistrationState.OPEN,
        "is_full": places_left(event) == 0,
    }
    if not context["registration_open"]:
        return render(request, TEMPLATE, context)
    if request.method != "POST":
        context["form"] = GuestRegistrationForm()
        return render(request, TEMPLATE, context)
    if request.POST.get("action") == "search":
        # Show the matches as choices; nothing is checked until the form is sent.
        context["form"] = GuestRegistrationForm(initial=request.POST.dict())
        context["searched"] = True
        return render(request, TEMPLATE, context)
    form = GuestRegistrationForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    if not allow(request, "guest-registration", REQUESTS_PER_HOUR, 3600):
        context["rate_limited"] = True
        return render(request, TEMPLATE, context, status=429)
    request_guest_registration(
        event,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        organisation=form.chosen_organisation(),
        unlisted_organisation_name=form.unlisted_name(),
        access_needs=form.cleaned_data["access_needs"],
    )
    return render(
        request,
        "forums/guests/check_email.html",
        {"event": event, "email": form.cleaned_data["email"]},
    )


@never_cache
def guest_confirm(request, token):
    """The emailed link. A GET only shows what will be booked and a button (mail scanners
    follow links); the POST registers. Afterwards the link shows what was booked."""
    guest = guest_request_for_token(token)
    if guest is None:
        return render(request, "forums/guests/invalid.html", status=404)
    event = guest.event.specific
    context = {"guest": guest, "event": event}
    if request.method == "POST":
        try:
            confirm_guest_registration(guest)
        except GuestLinkError:
            pass  # the page below says why
        except RegistrationError as error:
            context["error"] = str(error)
            return render(request, "forums/guests/confirm.html", context, status=409)
        else:
            return redirect("forums_guest_confirm", token)
    state = link_state(guest)
    context.update(
        {
            "link_valid": state == LinkState.VALID,
            "link_used": state == LinkState.USED,
            "link_expired": state == LinkState.EXPIRED,
            "registration": guest.registration,
        }
    )
    return render(request, "forums/guests/confirm.html", context)
