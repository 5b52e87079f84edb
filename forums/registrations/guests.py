"""Registering for an event without an account ("guests").

Someone gives their name, email address, organisation (one from the directory, one that is
not listed, or none) and any access needs. That is kept as a `GuestRegistration` and a link
is emailed to them; nothing is held until they follow it. Confirming (a POST: link scanners
only GET) finds or makes the account for that address, marks the address verified (they
proved they read it) and registers them with `register_for_event`, exactly as a member: a
place or the waiting list, and the usual email.

Links work for 48 hours and once. Requests are personal data: every one is deleted 7 days
after it was made (`delete_old_guest_requests`, run daily by the delete_event_access_needs
command); a confirmed one gives its access needs to the registration, which keeps them for
30 days after the event like anyone's.
"""

import datetime
import enum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from allauth.account.models import EmailAddress

from core.emails import send_templated_email
from forums.models import GuestRegistration
from forums.registrations.rules import event_url, register_for_event

LINK_VALID_FOR = datetime.timedelta(hours=48)
REQUESTS_KEPT_FOR = datetime.timedelta(days=7)
REQUESTS_PER_HOUR = 5


class LinkState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"


class GuestLinkError(Exception):
    """The link was used already or has expired (`state` says which)."""

    def __init__(self, state):
        super().__init__(state.value)
        self.state = state


def request_guest_registration(
    event,
    *,
    name,
    email,
    organisation=None,
    unlisted_organisation_name="",
    access_needs="",
    now=None,
):
    """Record the request and email the confirmation link.

    Asking again for the same event from the same address while a request is waiting
    updates that request with the new details and sends its link again, valid for another
    48 hours: one request, one link, however often the form is sent."""
    now = now or timezone.now()
    details = {
        "name": name.strip(),
        "organisation": organisation,
        "unlisted_organisation_name": ("" if organisation else unlisted_organisation_name.strip()),
        "access_needs": access_needs.strip(),
        "created_at": now,
    }
    with transaction.atomic():
        guest = (
            GuestRegistration.objects.select_for_update()
            .filter(
                event=event,
                email__iexact=email,
                confirmed_at__isnull=True,
                created_at__gt=now - LINK_VALID_FOR,
            )
            .order_by("-created_at")
            .first()
        )
        if guest is None:
            guest = GuestRegistration.objects.create(event=event, email=email, **details)
        else:
            for field, value in details.items():
                setattr(guest, field, value)
            guest.save()
        send_confirmation_link(guest)
    return guest


def confirm_url(guest):
    """The absolute address of the link, from the site's configured root URL."""
    path = reverse("forums_guest_confirm", args=[guest.token])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def send_confirmation_link(guest):
    event = guest.event
    send_templated_email(
        [guest.email],
        "forums/emails/guest_confirm",
        {"guest": guest, "event": event, "valid_for_hours": 48},
        context_for=lambda _language: {
            "confirm_url": confirm_url(guest),
            "event_url": event_url(event),
        },
    )


def guest_request_for_token(token):
    """The request a link names, or None (forged, mistyped or deleted)."""
    if not token or len(token) > 64:
        return None
    return (
        GuestRegistration.objects.select_related("event", "organisation", "registration")
        .filter(token=token)
        .first()
    )


def link_state(guest, now=None):
    if guest.confirmed_at is not None:
        return LinkState.USED
    if guest.created_at <= (now or timezone.now()) - LINK_VALID_FOR:
        return LinkState.EXPIRED
    return LinkState.VALID


def _split_name(name):
    first, _space, last = name.strip().partition(" ")
    return first[:150], last.strip()[:150]


def account_for(guest):
    """The account for the guest's address: theirs if they have one, else a new one with
    no usable password (they can set one with "forgot your password"). Either way the
    address is now verified: they followed a link sent to it. An account whose address was
    never verified loses its password (see below)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=guest.email).first()
    if user is None:
        first_name, last_name = _split_name(guest.name)
        user = User(
            email=User.objects.normalize_email(guest.email),
            first_name=first_name,
            last_name=last_name,
            preferred_language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        user.set_unusable_password()
        user.save()
    address = EmailAddress.objects.filter(user=user, email__iexact=guest.email).first()
    if address is None or not address.verified:
        # Whoever made this account never proved the address: the guest just did. The
        # password they chose goes (which also ends their sessions), so an account made
        # in someone else's name cannot be taken over by their confirmation.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=not has_primary
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    return user


def confirm_guest_registration(guest, now=None):
    """Register the guest (a place or the waiting list, emailed as usual). Raises
    GuestLinkError for a used or expired link, RegistrationError when the event no longer
    takes registrations (nothing is changed then). Returns the registration."""
    now = now or timezone.now()
    with transaction.atomic():
        guest = GuestRegistration.objects.select_for_update().get(pk=guest.pk)
        state = link_state(guest, now)
        if state != LinkState.VALID:
            raise GuestLinkError(state)
        event = guest.event.specific
        registration = register_for_event(
            event,
            account_for(guest),
            organisation=guest.organisation,
            access_needs=guest.access_needs,
            now=now,
            unlisted_organisation_name=guest.unlisted_organisation_name,
            organisation_claimed=True,
        )
        guest.confirmed_at = now
        if not GuestRegistration.objects.filter(registration=registration).exists():
            # (Registered already, by an earlier link: that request keeps the link to it.)
            guest.registration = registration
        # The registration holds them now, for as long as anyone's.
        guest.access_needs = ""
        guest.save(update_fields=["confirmed_at", "registration", "access_needs"])
        return registration


def delete_old_guest_requests(now):
    """Delete every request made more than 7 days ago, confirmed or not (a confirmed one's
    registration has what it needs). Returns how many were deleted."""
    deleted, _by_model = GuestRegistration.objects.filter(
        created_at__lte=now - REQUESTS_KEPT_FOR
    ).delete()
    return deleted
