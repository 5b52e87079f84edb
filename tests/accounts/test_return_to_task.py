"""Return to the task: listing, claiming, registering for an event or responding to a
consultation survives signing up, confirming the email address and signing in; a `next`
pointing at another site is ignored; the account page offers listing and claiming."""

import gettext
import re
from pathlib import Path
from urllib.parse import quote

from django.core import mail
from django.urls import reverse
from django.utils import translation

import allauth
import pytest
from allauth.account.models import EmailAddress

from accounts.allauth_strings import ALLAUTH_MSGIDS
from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory
from tests.factories.directory import OrganisationPageFactory
from tests.factories.forums import ConsultationPageFactory, EventPageFactory
from tests.factories.team import OwnerFactory
from tests.factories.tree import build_site_tree

pytestmark = pytest.mark.django_db

EMAIL = "sam@lwhp.org.uk"


def list_your_organisation():
    return reverse("directory_create_listing_step", args=["organisation"])


def claim_a_listing():
    return reverse("directory_claim_listing", args=[OrganisationPageFactory().pk])


def register_for_an_event():
    return EventPageFactory().url


def respond_to_a_consultation():
    return reverse("forums_consultation_respond", args=[ConsultationPageFactory().pk])


# What each task is called on the sign-in and sign-up pages.
TASKS = {
    list_your_organisation: (
        "Sign in to list your organisation",
        "Create an account to list your organisation",
    ),
    claim_a_listing: ("Sign in to claim this listing", "Create an account to claim this listing"),
    register_for_an_event: (
        "Sign in to register for this event",
        "Create an account to register for this event",
    ),
    respond_to_a_consultation: (
        "Sign in to respond to this consultation",
        "Create an account to respond to this consultation",
    ),
}
each_task = pytest.mark.parametrize("make_task", list(TASKS), ids=lambda make: make.__name__)


@pytest.fixture(autouse=True)
def site():
    # A /cy/ page requested by an earlier test leaves Welsh active: reverse() in English.
    translation.activate("en-gb")
    return build_site_tree()


def sign_up(client, capture, next_url, email=EMAIL):
    with capture(execute=True):
        return client.post(
            "/account/signup/",
            {
                "email": email,
                "password1": DEFAULT_PASSWORD,
                "password2": DEFAULT_PASSWORD,
                "next": next_url,
            },
        )


def sign_in(client, next_url, email=EMAIL):
    return client.post(
        "/account/login/", {"login": email, "password": DEFAULT_PASSWORD, "next": next_url}
    )


def confirmation_link():
    match = re.search(
        r"http://testserver(?P<link>/account/confirm-email/\S+)", mail.outbox[-1].body
    )
    assert match, mail.outbox[-1].body
    return match["link"]


def signed_in(client):
    return client.get("/account/").status_code == 200


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1].strip()


@each_task
def test_confirming_the_email_in_the_same_browser_signs_in_and_goes_back_to_the_task(
    client, django_capture_on_commit_callbacks, make_task
):
    task = make_task()

    response = sign_up(client, django_capture_on_commit_callbacks, task)
    assert response.status_code == 302
    assert not signed_in(client)
    link = confirmation_link()
    assert client.get(link).status_code == 200
    response = client.post(link)

    assert EmailAddress.objects.get(email=EMAIL).verified
    assert response.status_code == 302
    assert response.url == task
    assert signed_in(client)


@each_task
def test_the_link_opened_in_another_browser_asks_to_sign_in_then_goes_back_to_the_task(
    client, django_capture_on_commit_callbacks, make_task
):
    from django.test import Client

    task = make_task()
    sign_up(client, django_capture_on_commit_callbacks, task)
    link = confirmation_link()
    assert f"next={quote(task, safe='')}" in link

    elsewhere = Client()
    response = elsewhere.post(link)
    assert EmailAddress.objects.get(email=EMAIL).verified
    assert response.url == task
    assert not signed_in(elsewhere)

    sign_in_page = elsewhere.get(f"/account/login/?next={quote(task)}")
    assert h1(sign_in_page) == TASKS[make_task][0]
    response = sign_in(elsewhere, task)
    assert response.status_code == 302
    assert response.url == task
    assert signed_in(elsewhere)


@each_task
def test_the_sign_in_and_sign_up_pages_say_what_the_account_is_for(client, make_task):
    task = make_task()
    sign_in_heading, sign_up_heading = TASKS[make_task]

    sign_in_page = client.get(f"/account/login/?next={quote(task)}")
    assert h1(sign_in_page) == sign_in_heading
    assert f"<title>{sign_in_heading}" in sign_in_page.content.decode()
    # The link to create an account keeps the task.
    assert f'href="/account/signup/?next={quote(task, safe="")}"' in sign_in_page.content.decode()

    sign_up_page = client.get(f"/account/signup/?next={quote(task)}")
    assert h1(sign_up_page) == sign_up_heading


@each_task
def test_signing_in_goes_back_to_the_task(client, make_task):
    task = make_task()
    VerifiedUserFactory(email=EMAIL)

    response = sign_in(client, task)

    assert response.status_code == 302
    assert response.url == task


def test_signing_in_before_confirming_sends_a_new_link_that_keeps_the_task(
    client, django_capture_on_commit_callbacks
):
    task = list_your_organisation()
    sign_up(client, django_capture_on_commit_callbacks, "")
    mail.outbox.clear()
    client.cookies.clear()  # a new visit, days later: the first link is lost
    EmailAddress.objects.filter(email=EMAIL).update(verified=False)
    from django.core.cache import cache

    cache.clear()  # allauth sends one confirmation email per address every 3 minutes

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, task)
    assert response.url == "/account/confirm-email/"
    response = client.post(confirmation_link())

    assert response.url == task
    assert signed_in(client)


@pytest.mark.parametrize(
    "foreign",
    ["https://evil.example/", "//evil.example/list-your-organisation/", "http://evil.example"],
)
def test_a_next_pointing_at_another_site_is_ignored(
    client, django_capture_on_commit_callbacks, foreign
):
    sign_in_page = client.get(f"/account/login/?next={quote(foreign)}")
    assert h1(sign_in_page) == "Sign in"

    sign_up(client, django_capture_on_commit_callbacks, foreign)
    link = confirmation_link()
    assert "evil" not in link and "next=" not in link
    response = client.post(f"{link}?next={quote(foreign)}")
    assert "evil" not in response.url
    assert response.url == "/account/"
    client.post("/account/logout/")

    response = sign_in(client, foreign)
    assert response.url == "/account/"


def test_only_this_host_counts_not_every_allowed_host(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    VerifiedUserFactory(email=EMAIL)

    response = sign_in(client, "http://other.example/list-your-organisation/")

    assert response.url == "/account/"


@pytest.mark.parametrize("sign_in_page", ["/account/login/", "/cy/account/login/"])
@pytest.mark.parametrize("language_prefix", ["", "/cy"])
def test_the_task_is_recognised_in_either_language(client, sign_in_page, language_prefix):
    task = f"{language_prefix}{list_your_organisation()}"

    response = client.get(f"{sign_in_page}?next={quote(task)}")

    # The heading names the task (in the page's language), not just "Sign in".
    assert h1(response) != h1(client.get(sign_in_page))


def test_a_next_that_is_not_a_task_gets_the_plain_headings(client):
    assert h1(client.get("/account/login/?next=/account/")) == "Sign in"
    assert h1(client.get("/account/signup/?next=/no-such-page/")) == "Create an account"
    assert h1(client.get("/account/login/")) == "Sign in"


def test_the_account_page_offers_listing_and_claiming_to_someone_without_an_organisation(
    client, site
):
    client.force_login(VerifiedUserFactory())

    html = client.get("/account/").content.decode()

    assert 'href="/list-your-organisation/">List your organisation</a>' in html
    assert f'href="{site.directory.url}">Find your organisation to claim it</a>' in html


def test_the_account_page_of_an_owner_lists_the_organisation_instead(client):
    owner = OwnerFactory(user=VerifiedUserFactory()).user
    client.force_login(owner)

    html = client.get("/account/").content.decode()

    assert "Find your organisation to claim it" not in html
    assert 'href="/list-your-organisation/"' not in html.split("Your organisations", 1)[1]


def allauth_msgids():
    """Every msgid in allauth's own catalogues (any language)."""
    msgids = set()
    for path in Path(allauth.__file__).parent.glob("locale/*/LC_MESSAGES/django.mo"):
        with path.open("rb") as catalogue:
            for key in gettext.GNUTranslations(catalogue)._catalog:
                msgids.add(key if isinstance(key, str) else key[0])
    return msgids


def test_every_allauth_string_we_translate_is_exactly_allauths():
    known = allauth_msgids()
    assert len(ALLAUTH_MSGIDS) == len(set(ALLAUTH_MSGIDS))
    assert [msgid for msgid in ALLAUTH_MSGIDS if msgid not in known] == []
