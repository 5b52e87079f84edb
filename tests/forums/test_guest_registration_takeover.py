"""Someone signs up with another person's address (and cannot sign in: the address is not
verified). When that person then registers for an event as a guest and confirms, the
impostor's password goes: the registration never becomes theirs to read."""

import re

from django.contrib.auth import get_user_model

import pytest
from allauth.account.models import EmailAddress

from forums.models import EventRegistration

pytestmark = pytest.mark.django_db

PASSWORD = "Impostor-pass-123!"


def test_confirming_as_a_guest_takes_the_account_from_whoever_made_it_unverified(
    client, event, mailoutbox, django_capture_on_commit_callbacks, settings
):
    client.post(
        "/account/signup/",
        {"email": "victim@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    impostor = get_user_model().objects.get(email="victim@example.org")
    assert not EmailAddress.objects.get(user=impostor).verified
    client.logout()

    victim = type(client)()
    with django_capture_on_commit_callbacks(execute=True):
        victim.post(
            f"/events/{event.pk}/register/guest/",
            {
                "name": "Victim Person",
                "email": "victim@example.org",
                "organisation": "individual",
                "unlisted_organisation_name": "",
                "access_needs": "A quiet room",
                "action": "register",
            },
        )
    link = re.search(r"(http\S+/events/register/confirm/\S+/)", mailoutbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        victim.post(link.removeprefix(settings.WAGTAILADMIN_BASE_URL.rstrip("/")))

    registration = EventRegistration.objects.get(event=event)
    impostor.refresh_from_db()
    assert registration.user_id == impostor.pk
    assert not impostor.has_usable_password()
    client.post("/account/login/", {"login": "victim@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "A quiet room" not in client.get("/account/").content.decode()
