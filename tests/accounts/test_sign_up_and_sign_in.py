"""Signing up, confirming an email address, signing in and resetting a password."""

import re

from django.core import mail

import pytest
from allauth.account.models import EmailAddress

from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "an entirely different long password"


def sign_up(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post(
        "/account/signup/",
        {"email": email, "password1": password, "password2": password, **extra},
    )


def sign_in(client, email, password=DEFAULT_PASSWORD, next_url=None):
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/account/login/", data)


def signed_in_email(client):
    response = client.get("/account/")
    return response.context["user"].email if response.status_code == 200 else None


def link_in(message, path_pattern):
    match = re.search(rf"http://testserver(?P<path>{path_pattern})", message.body)
    assert match, message.body
    return match["path"]


def test_signing_up_emails_a_link_to_confirm_the_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "new.person@example.org")

    assert response.status_code == 302
    assert response.url == "/account/confirm-email/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert message.subject.startswith("[Common Ground] ")
    assert "Common Ground" in message.body
    link = link_in(message, r"/account/confirm-email/[-:\w]+/")
    # Every email has an HTML version too, with the same link.
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html
    assert client.get("/account/confirm-email/").status_code == 200


def test_nobody_can_sign_in_before_confirming_their_email_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "new.person@example.org")

    response = sign_in(client, "new.person@example.org")

    assert response.status_code == 302
    assert response.url == "/account/confirm-email/"
    assert signed_in_email(client) is None


def test_after_confirming_through_the_link_the_person_can_sign_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "new.person@example.org")
    link = link_in(mail.outbox[0], r"/account/confirm-email/[-:\w]+/")

    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new.person@example.org").verified
    response = sign_in(client, "new.person@example.org")
    assert response.status_code == 302
    assert response.url == "/account/"
    assert signed_in_email(client) == "new.person@example.org"


def test_signing_up_with_a_weak_password_keeps_the_email_and_says_why(client):
    response = sign_up(client, "new.person@example.org", password="password")

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'class="govuk-error-message"' in content
    assert 'value="new.person@example.org"' in content
    assert not EmailAddress.objects.exists()


def test_a_bot_filling_in_the_hidden_field_gets_no_account(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "bot@example.org", website="http://spam.example")

    # It looks like success to the bot, but nothing happened.
    assert response.status_code == 302
    assert not EmailAddress.objects.filter(email="bot@example.org").exists()
    assert mail.outbox == []


def test_a_wrong_password_is_refused_with_a_message(client):
    user = VerifiedUserFactory()

    response = sign_in(client, user.email, password="not my password")

    assert response.status_code == 200
    assert "The email address or password is not right" in response.content.decode()
    assert signed_in_email(client) is None


def test_a_password_reset_emails_a_link_that_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/password/reset/", {"email": user.email})

    assert response.status_code == 302
    assert response.url == "/account/password/reset/done/"
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject.startswith("[Common Ground] ")
    link = link_in(message, r"/account/password/reset/key/[-:\w]+/")
    assert "text/html" in [mimetype for _, mimetype in message.alternatives]

    # The link hides its key in the session and moves on to the form.
    form_url = client.get(link).url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    sign_in(client, user.email, password=NEW_PASSWORD)
    assert signed_in_email(client) == user.email


def test_a_password_reset_for_an_unknown_address_gives_nothing_away(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/password/reset/", {"email": "nobody@example.org"})

    # Same page as for a real account; the email says there is no account.
    assert response.status_code == 302
    assert response.url == "/account/password/reset/done/"
    [message] = mail.outbox
    assert message.to == ["nobody@example.org"]
    assert "/account/password/reset/key/" not in message.body


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client):
    user = VerifiedUserFactory()
    for _attempt in range(5):
        sign_in(client, user.email, password="a wrong guess")

    # Now even the right password is refused, with a message that says why.
    response = sign_in(client, user.email)

    assert response.status_code == 200
    assert "You have tried to sign in too many times" in response.content.decode()
    assert signed_in_email(client) is None


def test_the_lock_is_per_account_not_for_everyone(client):
    locked, other = VerifiedUserFactory(), VerifiedUserFactory()
    for _attempt in range(5):
        sign_in(client, locked.email, password="a wrong guess")

    sign_in(client, other.email)

    assert signed_in_email(client) == other.email


def test_signing_out_is_a_post_from_the_header(client):
    user = VerifiedUserFactory()
    sign_in(client, user.email)
    page = client.get("/account/").content.decode()
    assert 'action="/account/logout/"' in page

    response = client.post("/account/logout/")

    assert response.status_code == 302
    assert signed_in_email(client) is None


def test_the_account_page_needs_signing_in(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response.url == "/account/login/?next=/account/"


def test_the_account_page_shows_the_email_and_where_to_change_things(client):
    user = VerifiedUserFactory()
    client.force_login(user)

    content = client.get("/account/").content.decode()

    assert "Your account" in content
    assert user.email in content
    for url in ["/account/email/", "/account/password/change/", "/account/2fa/"]:
        assert f'href="{url}"' in content


def test_too_many_sign_in_attempts_from_one_place_get_a_page_that_says_so(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _attempt in range(2):
        sign_in(client, "someone@example.org", password="a guess")

    response = sign_in(client, "someone@example.org", password="a guess")

    assert response.status_code == 429
    content = response.content.decode()
    assert "You have tried too many times" in content
    assert 'class="govuk-template"' in content
