"""Those who must use two-factor authentication have short idle sessions; everyone else keeps
the usual ones."""

import time

from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

import pytest

from accounts import security
from accounts.middleware import (
    LAST_SEEN_SESSION_KEY,
    ShortStaffSessionsMiddleware,
    idle_time_text,
)
from home.site_structure import COOKIES_BODY
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    ModeratorFactory,
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
    fresh_code,
)

pytestmark = pytest.mark.django_db

TWO_WEEKS = 14 * 24 * 60 * 60


def in_group(user, name):
    user.groups.add(Group.objects.get_or_create(name=name)[0])
    activate_authenticator_app(user)
    return user


ROLES = {
    "staff": lambda: StaffUserFactory(is_superuser=False),
    "superuser": StaffUserFactory,
    "moderator": ModeratorFactory,
    "forum manager": lambda: in_group(VerifiedUserFactory(), "Forum managers"),
    "regional forum manager": lambda: in_group(VerifiedUserFactory(), "Forum managers: North East"),
    "commissioner": lambda: in_group(VerifiedUserFactory(), "Commissioners"),
}


def session_cookie(response):
    return response.cookies.get(django_settings.SESSION_COOKIE_NAME)


def stored_expiry_age(client):
    """Seconds until the session stored in the database expires."""
    stored = Session.objects.get(session_key=client.session.session_key)
    return (stored.expire_date - timezone.now()).total_seconds()


def go_idle(client, seconds):
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - seconds
    session.save()


def test_the_default_idle_time_is_two_hours_as_the_cookies_page_says():
    assert django_settings.STAFF_SESSION_IDLE_SECONDS == 2 * 60 * 60
    assert "two hours without activity" in COOKIES_BODY
    assert django_settings.SESSION_COOKIE_AGE == TWO_WEEKS
    assert "after two weeks" in COOKIES_BODY


@pytest.mark.parametrize("role", ROLES)
def test_those_who_help_run_the_site_have_short_sessions(client, role):
    client.force_login(ROLES[role]())

    response = client.get("/account/")

    assert response.status_code == 200
    assert client.session.get_expiry_age() == 2 * 60 * 60
    assert 2 * 60 * 60 - 60 < stored_expiry_age(client) <= 2 * 60 * 60


def test_everyone_else_keeps_the_usual_session(client):
    client.force_login(VerifiedUserFactory())

    response = client.get("/account/")

    assert response.status_code == 200
    assert client.session.get_expiry_age() == TWO_WEEKS
    assert stored_expiry_age(client) > TWO_WEEKS - 60
    assert LAST_SEEN_SESSION_KEY not in client.session
    # The session was not saved again, so no new cookie was sent.
    assert session_cookie(response) is None


def test_a_group_that_does_not_help_run_the_site_keeps_the_usual_session(client):
    client.force_login(in_group(VerifiedUserFactory(), "Book club"))

    client.get("/account/")

    assert client.session.get_expiry_age() == TWO_WEEKS


def test_the_idle_time_is_a_setting(client, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    client.force_login(StaffUserFactory())

    client.get("/account/")

    assert client.session.get_expiry_age() == 600
    assert 600 - 60 < stored_expiry_age(client) <= 600


def sign_in_with_a_code(client, user, remember):
    data = {"login": user.email, "password": DEFAULT_PASSWORD}
    if remember:
        data["remember"] = "on"
    response = client.post("/account/login/", data)
    assert response.url == "/account/2fa/authenticate/"
    response = client.post(
        "/account/2fa/authenticate/", {"code": fresh_code(user.authenticator_app)}
    )
    assert response.status_code == 302
    return response


def test_staff_who_ask_to_stay_signed_in_still_get_a_short_session(client):
    staff = StaffUserFactory()

    response = sign_in_with_a_code(client, staff, remember=True)

    # From the response that signs them in, not only from their next request.
    assert session_cookie(response)["max-age"] == 2 * 60 * 60
    assert client.session.get_expiry_age() == 2 * 60 * 60
    assert client.get("/account/").status_code == 200


def test_everyone_else_who_asks_to_stay_signed_in_stays_for_two_weeks(client):
    person = VerifiedUserFactory()

    response = client.post(
        "/account/login/", {"login": person.email, "password": DEFAULT_PASSWORD, "remember": "on"}
    )

    assert response.status_code == 302
    assert session_cookie(response)["max-age"] == TWO_WEEKS
    assert client.session.get_expiry_age() == TWO_WEEKS


def test_staff_who_do_not_ask_to_stay_signed_in_keep_a_cookie_that_ends_with_the_browser(
    client,
):
    staff = StaffUserFactory()

    response = sign_in_with_a_code(client, staff, remember=False)

    assert session_cookie(response)["max-age"] == ""
    assert client.session.get_expire_at_browser_close()
    assert LAST_SEEN_SESSION_KEY in client.session


@pytest.mark.parametrize("remember", [True, False])
def test_staff_idle_for_too_long_are_signed_out(client, remember):
    staff = StaffUserFactory()
    sign_in_with_a_code(client, staff, remember=remember)
    go_idle(client, 2 * 60 * 60 + 1)

    response = client.get("/account/")

    assert response.status_code == 302
    assert response.url == "/account/login/?next=/account/"
    page = client.get(response.url).content.decode()
    assert "You have been signed out because you did not use the site for 2 hours" in page
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("role", ["superuser", "moderator"])
def test_staff_who_keep_working_stay_signed_in(client, role):
    client.force_login(ROLES[role]())
    go_idle(client, 2 * 60 * 60 - 60)

    assert client.get("/account/").status_code == 200
    # Seen just now: the timer starts again.
    assert time.time() - client.session[LAST_SEEN_SESSION_KEY] < 5
    assert client.get("/account/").status_code == 200


def test_the_idle_timer_is_saved_at_most_once_a_minute(client):
    # It starts with the sign-in, so the first page has nothing to write either.
    client.force_login(StaffUserFactory())
    first_seen = client.session[LAST_SEEN_SESSION_KEY]

    response = client.get("/account/")

    # Nothing changed, so the session was not written again.
    assert client.session[LAST_SEEN_SESSION_KEY] == first_seen
    assert session_cookie(response) is None

    go_idle(client, 61)
    response = client.get("/account/")
    assert client.session[LAST_SEEN_SESSION_KEY] > first_seen
    assert session_cookie(response)["max-age"] == 2 * 60 * 60


def test_the_editor_pinging_in_the_background_does_not_keep_the_session_alive(client):
    client.force_login(StaffUserFactory())
    go_idle(client, 30 * 60)
    idle_since = client.session[LAST_SEEN_SESSION_KEY]
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "1", "1"])

    client.post(ping)

    assert client.session[LAST_SEEN_SESSION_KEY] == idle_since
    go_idle(client, 2 * 60 * 60 + 1)
    client.post(ping)
    assert "_auth_user_id" not in client.session


def test_someone_made_a_moderator_while_signed_in_gets_a_short_session(client):
    person = VerifiedUserFactory()
    client.force_login(person)
    client.get("/account/")
    assert client.session.get_expiry_age() == TWO_WEEKS

    in_group(person, "Moderators")
    client.get("/account/")

    assert client.session.get_expiry_age() == 2 * 60 * 60


# What it costs.


def test_a_visitor_without_a_session_costs_nothing(django_assert_num_queries):
    def no_user():
        raise AssertionError("the user was looked up")

    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = SimpleLazyObject(no_user)
    middleware = ShortStaffSessionsMiddleware(lambda request: HttpResponse())

    with django_assert_num_queries(0):
        middleware(request)

    assert not request.session.modified


def session_writes(queries):
    return [
        query["sql"]
        for query in queries.captured_queries
        if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")
    ]


def test_the_first_pages_after_signing_in_write_no_session(client):
    # The short session starts with the sign-in, saved with it.
    client.force_login(StaffUserFactory())

    with CaptureQueriesContext(connection) as first:
        client.get("/account/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")

    assert session_writes(first) == session_writes(second) == []


def test_a_visitor_signed_out_costs_no_extra_query(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.session.create()
    request.user = AnonymousUser()
    middleware = ShortStaffSessionsMiddleware(lambda request: HttpResponse())

    with django_assert_num_queries(0):
        middleware(request)


def test_roles_are_looked_up_once_a_request(client, monkeypatch):
    calls = []
    real = security.must_use_two_factor

    def counting(user):
        calls.append(user)
        return real(user)

    monkeypatch.setattr(security, "must_use_two_factor", counting)
    client.force_login(VerifiedUserFactory())

    assert client.get("/account/").status_code == 200

    assert len(calls) == 1


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(7200, "2 hours"), (3600, "1 hour"), (5400, "90 minutes"), (600, "10 minutes")],
)
def test_the_idle_time_is_said_in_words(seconds, text):
    assert idle_time_text(seconds) == text
