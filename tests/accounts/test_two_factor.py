"""Two-factor authentication: who must use it, and that nobody reaches the admin without.

A matrix of roles × what they try (the admin, the home page, their account page).
"""

from django.contrib.auth.models import Group

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from accounts.security import must_use_two_factor
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
    fresh_code,
)

pytestmark = pytest.mark.django_db

TOTP_SET_UP = "/account/2fa/totp/activate/"
REQUIRED_GROUPS = ["Moderators", "Forum managers", "Commissioners"]


def sign_in(client, user, next_url="/admin/"):
    return client.post(
        "/account/login/", {"login": user.email, "password": DEFAULT_PASSWORD, "next": next_url}
    )


def in_group(user, name):
    user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def staff():
    return VerifiedUserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def person():
    return VerifiedUserFactory()


# Anonymous people


def test_the_admin_sends_anonymous_people_to_the_one_sign_in_page(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/account/login/?next=/admin/"


def test_the_admin_sign_in_page_sends_people_to_the_one_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == "/account/login/?next=/admin/pages/"


def test_a_password_alone_cannot_be_posted_to_the_admin_sign_in_page(client, staff):
    activate_authenticator_app(staff)

    client.post("/admin/login/", {"username": staff.email, "password": DEFAULT_PASSWORD})

    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("url", ["/_util/login/", "/cy/_util/login/"])
def test_a_password_alone_cannot_be_posted_to_wagtails_front_end_sign_in_page(client, staff, url):
    """Wagtail's own sign-in page (for private pages) takes a password alone: it sends people
    to the one sign-in page instead, which asks for the second factor."""
    activate_authenticator_app(staff)

    response = client.post(url, {"username": staff.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert "/account/login/" in response.url
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("url", ["/admin/password_reset/", "/admin/account/change_password/"])
def test_the_admin_has_no_password_forms_of_its_own(client, staff, url):
    activate_authenticator_app(staff)
    client.force_login(staff)

    assert client.get(url).status_code == 404


# People who do not help run the site


def test_a_signed_in_person_without_admin_access_does_not_reach_the_admin(client, person):
    client.force_login(person)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/account/login/")
    assert "You do not have permission to access the admin." in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/account/", "/account/email/"])
def test_a_person_without_admin_access_is_never_made_to_set_up_two_factor(client, person, url):
    client.force_login(person)

    response = client.get(url)

    assert response.status_code in {200, 404}, url
    assert not must_use_two_factor(person)


def test_a_group_that_does_not_help_run_the_site_needs_no_two_factor(client, person):
    client.force_login(in_group(person, "Newsletter readers"))

    assert client.get("/account/").status_code == 200


# Staff and the groups that help run the site, without an authenticator app


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/", "/account/"])
def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == TOTP_SET_UP


def test_staff_who_sign_in_without_an_authenticator_app_go_to_set_one_up(client, staff):
    response = sign_in(client, staff)
    assert response.url == "/admin/"

    response = client.get("/admin/")

    assert response.url == TOTP_SET_UP
    set_up = client.get(TOTP_SET_UP)
    assert set_up.status_code == 200
    assert "Set up your authenticator app" in set_up.content.decode()


@pytest.mark.parametrize("group", REQUIRED_GROUPS)
def test_members_of_the_groups_that_run_the_site_must_set_up_two_factor(client, person, group):
    client.force_login(in_group(person, group))

    response = client.get("/account/")

    assert response.status_code == 302
    assert response.url == TOTP_SET_UP


def test_the_groups_that_need_two_factor_are_a_setting(client, person, settings):
    settings.TWO_FACTOR_REQUIRED_GROUPS = ["Trustees"]
    in_group(person, "Newsletter readers")
    client.force_login(in_group(person, "Trustees"))

    assert client.get("/account/").url == TOTP_SET_UP
    settings.TWO_FACTOR_REQUIRED_GROUPS = []
    assert client.get("/account/").status_code == 200


def test_any_group_that_opens_the_admin_needs_two_factor_whatever_its_name(client, person):
    """As Wagtail's default "Editors" group did: a group anyone may create in the admin."""
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(in_group(person, "Editors"))

    assert client.get("/admin/").url == TOTP_SET_UP


@pytest.mark.parametrize(
    "url", ["/account/2fa/", "/account/email/", "/account/password/change/", "/static/x.css"]
)
def test_the_pages_needed_to_set_up_two_factor_stay_open(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.get("Location") != TOTP_SET_UP, url


def test_staff_without_an_authenticator_app_can_still_sign_out(client, staff):
    client.force_login(staff)

    response = client.post("/account/logout/")

    assert response.status_code == 302
    assert client.get("/admin/").url == "/account/login/?next=/admin/"


# Staff with an authenticator app


def test_staff_with_an_authenticator_app_reach_the_admin_after_entering_a_code(client, staff):
    app = activate_authenticator_app(staff)

    response = sign_in(client, staff)
    # The password alone is not enough: the code comes next.
    assert response.url == "/account/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302

    response = client.post("/account/2fa/authenticate/", {"code": fresh_code(app)})

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/", "/admin/account/", "/account/", "/"])
def test_staff_with_an_authenticator_app_go_where_they_like(client, url):
    client.force_login(StaffUserFactory())

    response = client.get(url)

    assert response.get("Location") != TOTP_SET_UP
    assert response.status_code in {200, 404}, url


def test_a_wrong_code_keeps_staff_out_of_the_admin(client, staff):
    activate_authenticator_app(staff)
    sign_in(client, staff)

    response = client.post("/account/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_moderator_with_an_authenticator_app_is_not_redirected(client, person):
    in_group(person, "Moderators")
    activate_authenticator_app(person)
    client.force_login(person)

    assert client.get("/account/").status_code == 200


def test_staff_cannot_turn_off_their_authenticator_app(client, staff):
    app = activate_authenticator_app(staff)
    sign_in(client, staff, next_url="/account/")
    client.post("/account/2fa/authenticate/", {"code": fresh_code(app)})

    client.post("/account/2fa/totp/deactivate/")

    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_setting_up_the_app_lets_staff_into_the_admin(client, staff):
    sign_in(client, staff)
    assert client.get("/admin/").url == TOTP_SET_UP
    page = client.get(TOTP_SET_UP)
    secret = page.context["form"].secret

    response = client.post(TOTP_SET_UP, {"code": fresh_code(pyotp.TOTP(secret))})

    # Recovery codes are shown next, with a way back to where the person was going.
    assert response.url == "/account/2fa/recovery-codes/"
    codes = client.get(response.url).content.decode()
    assert 'href="/admin/"' in codes
    assert client.get("/admin/").status_code == 200


def test_the_admin_sign_out_button_signs_out_through_allauth(client, staff):
    activate_authenticator_app(staff)
    client.force_login(staff)

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert client.get("/admin/").url == "/account/login/?next=/admin/"
