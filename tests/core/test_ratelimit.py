"""Who the client is behind the reverse proxies, and the site's own rate limits keyed on it."""

from django.core.cache import cache
from django.test import RequestFactory

import pytest

from accounts.adapters import AccountAdapter
from core.ratelimit import allow, client_address, parse_address, rate_limit_bucket

PROXY = "10.0.0.1"
CLIENT_A = "198.51.100.1"
CLIENT_B = "198.51.100.2"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def request_from(forwarded_for=None, remote_addr=PROXY):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().post("/somewhere/", **extra)


# No trusted proxies: the connection's address, whatever the header says.


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from(CLIENT_A)) == PROXY
    assert client_address(request_from(f"{CLIENT_B}, {CLIENT_A}")) == PROXY


def test_without_trusted_proxies_clients_cannot_pick_a_bucket_with_the_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert allow(request_from(CLIENT_A), "form", 1, 60)

    assert not allow(request_from(CLIENT_B), "form", 1, 60)


# Behind trusted proxies: the Nth entry from the right.


@pytest.mark.parametrize(
    ("count", "forwarded_for", "client"),
    [
        (1, CLIENT_A, CLIENT_A),
        # Whatever the client wrote itself stands to the left and is ignored.
        (1, f"203.0.113.66, {CLIENT_A}", CLIENT_A),
        (1, f"203.0.113.66,{CLIENT_A}", CLIENT_A),
        (1, f"not an address, {CLIENT_A}", CLIENT_A),
        # A load balancer in front of nginx: the client is second from the right.
        (2, f"{CLIENT_A}, 172.16.0.5", CLIENT_A),
        (2, f"203.0.113.66, {CLIENT_A}, 172.16.0.5", CLIENT_A),
    ],
)
def test_behind_trusted_proxies_the_client_is_counted_from_the_right(
    settings, count, forwarded_for, client
):
    settings.TRUSTED_PROXY_COUNT = count

    assert client_address(request_from(forwarded_for)) == client


@pytest.mark.parametrize(
    "forwarded_for",
    [
        None,  # no header: not through the proxy (a health check, say)
        "",
        CLIENT_A,  # one entry where two proxies should have written two
    ],
)
def test_too_short_a_header_counts_against_the_connection_not_the_header(settings, forwarded_for):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_address(request_from(forwarded_for)) == PROXY


@pytest.mark.parametrize(
    "entry", ["unknown", "", "198.51.100.300", "example.org", "198.51.100.1 extra"]
)
def test_something_that_is_not_an_ip_address_is_refused(settings, entry):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(request_from(f"{CLIENT_B}, {entry}")) == PROXY


def test_without_any_usable_address_requests_share_one_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from(remote_addr="")) == "unknown"
    assert client_address(request_from(remote_addr="garbage")) == "unknown"


@pytest.mark.parametrize(
    ("written", "address"),
    [
        (" 198.51.100.1 ", "198.51.100.1"),
        ("198.51.100.1:4431", "198.51.100.1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("::ffff:198.51.100.1", "198.51.100.1"),
        ("nonsense", None),
        ("", None),
        (None, None),
    ],
)
def test_addresses_are_read_in_the_forms_proxies_write_them(written, address):
    assert parse_address(written) == address


# The site's own limits.


def test_two_clients_behind_the_proxy_have_separate_buckets(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert allow(request_from(CLIENT_A), "form", 1, 60)
    assert not allow(request_from(CLIENT_A), "form", 1, 60)

    assert allow(request_from(CLIENT_B), "form", 1, 60)


def test_writing_an_extra_entry_in_the_header_gets_no_fresh_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert allow(request_from(CLIENT_A), "form", 1, 60)

    # The client sends "X-Forwarded-For: 203.0.113.66"; the proxy appends what it saw.
    assert not allow(request_from(f"203.0.113.66, {CLIENT_A}"), "form", 1, 60)
    assert not allow(request_from(f"{CLIENT_B}, {CLIENT_A}"), "form", 1, 60)


def test_an_ipv6_client_cannot_get_fresh_buckets_from_its_own_network(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert allow(request_from("2001:db8:1:2::1"), "form", 1, 60)

    assert not allow(request_from("2001:db8:1:2::ffff"), "form", 1, 60)
    assert allow(request_from("2001:db8:1:3::1"), "form", 1, 60)


def test_ipv6_addresses_are_counted_by_network_like_allauth_does():
    assert rate_limit_bucket("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::"
    assert rate_limit_bucket(CLIENT_A) == CLIENT_A
    assert rate_limit_bucket("unknown") == "unknown"


# allauth asks the same function.


@pytest.mark.parametrize("count", [0, 1, 2])
def test_allauth_finds_the_client_by_the_same_rule(settings, count):
    settings.TRUSTED_PROXY_COUNT = count
    request = request_from(f"203.0.113.66, {CLIENT_A}, 172.16.0.5")

    assert AccountAdapter(request).get_client_ip(request) == client_address(request)
