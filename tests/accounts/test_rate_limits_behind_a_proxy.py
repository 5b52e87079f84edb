"""allauth's sign-in limits behind the reverse proxy: one bucket per client, not one for all.

The client's address is decided by core.ratelimit.client_address (tests/core/test_ratelimit.py
covers the rule itself); these tests check that allauth's limits really use it.
"""

import pytest

from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
CLIENT_A = "198.51.100.1"
CLIENT_B = "198.51.100.2"


@pytest.fixture(autouse=True)
def _two_sign_ins_a_minute(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}


def sign_in(client, forwarded_for, email="someone@example.org", password="a guess"):
    """A sign-in through the proxy: it connects from PROXY and passes on X-Forwarded-For."""
    return client.post(
        "/account/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def use_up_the_limit(client, forwarded_for):
    for _attempt in range(2):
        assert sign_in(client, forwarded_for).status_code == 200
    assert sign_in(client, forwarded_for).status_code == 429


def test_behind_the_proxy_one_client_using_up_the_limit_does_not_block_another(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    use_up_the_limit(client, CLIENT_A)

    response = sign_in(client, CLIENT_B)

    assert response.status_code == 200
    assert "The email address or password is not right" in response.content.decode()


def test_the_other_client_can_still_sign_in(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = VerifiedUserFactory()
    use_up_the_limit(client, CLIENT_A)

    response = sign_in(client, CLIENT_B, email=user.email, password=DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response.url == "/account/"


@pytest.mark.parametrize(
    "spoofed", [f"203.0.113.66, {CLIENT_A}", f"{CLIENT_B}, {CLIENT_A}", f"junk, {CLIENT_A}"]
)
def test_writing_an_extra_forwarded_for_entry_gets_no_fresh_bucket(client, settings, spoofed):
    settings.TRUSTED_PROXY_COUNT = 1
    use_up_the_limit(client, CLIENT_A)

    # The client sent its own X-Forwarded-For; the proxy appended the address it saw.
    assert sign_in(client, spoofed).status_code == 429


def test_two_proxies_count_the_client_second_from_the_right(client, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    use_up_the_limit(client, f"{CLIENT_A}, 172.16.0.5")

    assert sign_in(client, f"{CLIENT_A}, 172.16.0.6").status_code == 429
    assert sign_in(client, f"{CLIENT_B}, 172.16.0.5").status_code == 200


def test_without_trusted_proxies_the_header_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    use_up_the_limit(client, CLIENT_A)

    # Everyone arriving from the same address shares it, whatever the header says.
    assert sign_in(client, CLIENT_B).status_code == 429


def test_wrong_passwords_are_counted_per_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login": "30/m/ip",
        "login_failed": "2/m/ip",
    }
    users = VerifiedUserFactory.create_batch(3)
    for user in users[:2]:
        sign_in(client, CLIENT_A, email=user.email, password="a wrong guess")

    refused = sign_in(client, CLIENT_A, email=users[2].email, password=DEFAULT_PASSWORD)
    allowed = sign_in(client, CLIENT_B, email=users[2].email, password=DEFAULT_PASSWORD)

    assert "You have tried to sign in too many times" in refused.content.decode()
    assert allowed.status_code == 302


def test_signing_up_is_limited_per_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}

    def sign_up(forwarded_for, email):
        return client.post(
            "/account/signup/",
            {"email": email, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    assert sign_up(CLIENT_A, "first@example.org").status_code == 302
    assert sign_up(f"203.0.113.66, {CLIENT_A}", "second@example.org").status_code == 429
    assert sign_up(CLIENT_B, "third@example.org").status_code == 302
