"""An email address longer than an account can keep is refused with a message, never cut short
into an address nobody receives mail at."""

import pytest
from allauth.account.models import EmailAddress

from accounts.forms import email_max_length
from accounts.models import User
from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

DOMAIN = "@example.org"
TOO_LONG = "Email address must be 254 characters or less"


def address(length):
    """A valid email address `length` characters long."""
    return "x" * (length - len(DOMAIN)) + DOMAIN


def sign_up(client, email):
    return client.post(
        "/account/signup/",
        {"email": email, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD},
    )


def add_email(client, email):
    return client.post("/account/email/", {"email": email, "action_add": ""})


def test_the_limit_is_what_the_user_model_can_store():
    assert email_max_length() == User._meta.get_field("email").max_length == 254


@pytest.mark.parametrize("length", [255, 300, 321, 1000])
def test_signing_up_with_too_long_an_address_says_so_and_creates_nobody(client, length):
    email = address(length)

    response = sign_up(client, email)

    assert response.status_code == 200
    form = response.context["form"]
    # One clear message, next to the field (not "Enter a valid email address" as well).
    assert form.errors["email"] == [TOO_LONG]
    content = response.content.decode()
    assert TOO_LONG in content
    assert 'class="govuk-error-message"' in content
    # What was typed is kept, so it can be corrected. The browser does not cut a pasted
    # address down to the limit (it would then pass), only to Django's 320 characters.
    assert f'value="{email}"' in content
    assert 'maxlength="254"' not in content
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


def test_signing_up_with_an_address_of_the_longest_length_works(
    client, django_capture_on_commit_callbacks
):
    email = address(254)

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email)

    assert response.status_code == 302
    assert User.objects.get().email == email
    assert EmailAddress.objects.get().email == email


def test_adding_too_long_an_address_says_so_and_adds_nothing(client):
    user = VerifiedUserFactory()
    client.force_login(user)

    response = add_email(client, address(255))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [TOO_LONG]
    assert TOO_LONG in response.content.decode()
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        user.email
    ]


def test_adding_an_address_of_the_longest_length_works(client, django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = add_email(client, address(254))

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email=address(254)).exists()


def test_an_ordinary_mistake_still_gets_the_usual_message(client):
    response = sign_up(client, "not an email address")

    assert response.status_code == 200
    assert TOO_LONG not in str(response.context["form"].errors["email"])
    assert not User.objects.exists()
