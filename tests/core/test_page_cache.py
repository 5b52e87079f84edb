"""The public page cache (core/page_cache/): what anonymous visitors are served from it, what
makes a stored page stale, and what is never stored.

Run against the local-memory cache, the database cache (production without Redis) and a real
Redis server (TEST_REDIS_URL, which CI starts)."""

import os
import re

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings

import pytest

from directory.listings.rules import set_capacity
from directory.models import CapacityStatus
from forums.registrations.rules import register_for_event
from tests.conftest import skip_unless_available
from tests.factories import ServicePageFactory, build_site_tree
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.forums import EventPageFactory
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(params=["local-memory", "database", "redis"])
def page_cache(request):
    """The page cache on, over each kind of shared cache."""
    backends = {
        "local-memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_page_cache",
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"test-page-cache-{os.getpid()}",
        },
    }
    if request.param == "redis":
        skip_unless_available(TEST_REDIS_URL, "TEST_REDIS_URL is not set (a Redis server)")
    with override_settings(CACHES={"default": backends[request.param]}, PAGE_CACHE_SECONDS=300):
        if request.param == "database":
            call_command("createcachetable", verbosity=0)
        cache.clear()
        yield request.param
        cache.clear()


@pytest.fixture
def service(page_cache):
    build_site_tree()
    return ServicePageFactory(title="Housing advice line", parent__title="Bridge Trust")


def visit(url, client=None):
    return (client or Client()).get(url)


def test_the_second_anonymous_visitor_is_served_the_stored_page(service):
    first = visit(service.url)
    second = visit(service.url)

    assert first.status_code == second.status_code == 200
    assert "X-Cache" not in first
    assert second["X-Cache"] == "hit"
    assert "Housing advice line" in second.text
    # Everything but the form tokens is the same page.
    assert TOKEN.sub("", first.text) == TOKEN.sub("", second.text)


def test_a_stored_page_costs_two_cache_reads(service, page_cache, django_assert_num_queries):
    """The page, then its stamps: no database query at all unless the cache is the database."""
    visit(service.url)
    with django_assert_num_queries(2 if page_cache == "database" else 0):
        assert visit(service.url)["X-Cache"] == "hit"


def test_each_visitor_gets_a_form_token_of_their_own_that_works(service):
    """The stored copy holds no token; each visitor's copy holds one matching their cookie, so
    "Add to shortlist" works from a stored page."""
    visit(service.url)
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [visitor.get(service.url) for visitor in visitors]

    tokens = [TOKEN.findall(page.text) for page in pages]
    assert all(page["X-Cache"] == "hit" for page in pages)
    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1])
    for page in pages:
        assert "private" in page["Cache-Control"]
        assert "public" not in page["Cache-Control"]
    added = visitors[0].post(
        "/shortlist/add/",
        {"csrfmiddlewaretoken": tokens[0][0], "service": service.pk},
    )
    assert added.status_code in (302, 303), added.status_code


def test_publishing_a_change_shows_at_once_on_the_page_and_where_it_is_listed(
    service, django_capture_on_commit_callbacks
):
    organisation = service.get_parent().specific
    for page in (service, organisation):
        visit(page.url)
        assert visit(page.url)["X-Cache"] == "hit"

    service.title = "Housing advice and tenancy line"
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()

    for page in (service, organisation):
        response = visit(page.url)
        assert "X-Cache" not in response
        assert "Housing advice and tenancy line" in response.text


def test_an_organisations_new_name_shows_on_its_services_pages(
    service, django_capture_on_commit_callbacks
):
    visit(service.url)
    organisation = service.get_parent().specific
    organisation.title = "Bridge Trust Cymru"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()

    assert "Bridge Trust Cymru" in visit(service.url).text


def test_a_change_of_availability_shows_at_once(service, django_capture_on_commit_callbacks):
    visit(service.url)
    assert visit(service.url)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        set_capacity(VerifiedUserFactory(), service, CapacityStatus.PAUSED)

    response = visit(service.url)
    assert "X-Cache" not in response
    assert str(CapacityStatus.PAUSED.label) in response.text


def test_a_change_not_yet_committed_is_not_announced(service, django_capture_on_commit_callbacks):
    """Stamps move after the commit: a page stored from the old data in between would
    otherwise be kept as current."""
    visit(service.url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        set_capacity(VerifiedUserFactory(), service, CapacityStatus.PAUSED)
        assert visit(service.url)["X-Cache"] == "hit"
    assert callbacks


def test_a_signed_in_visitor_is_never_served_the_public_copy(service):
    visit(service.url)
    member = Client()
    member.force_login(VerifiedUserFactory())

    signed_in = member.get(service.url)

    assert "X-Cache" not in signed_in
    assert "Sign out" in signed_in.text
    assert "private" in signed_in["Cache-Control"]
    assert "Cookie" in signed_in["Vary"]
    # Nor is their page stored for anyone else.
    anonymous = visit(service.url)
    assert anonymous["X-Cache"] == "hit"
    assert "Sign out" not in anonymous.text


def test_a_visitor_with_a_session_is_not_served_the_public_copy(service):
    """A shortlist kept without an account lives in the session: the page shows it."""
    visit(service.url)
    visitor = Client()
    visitor.post("/shortlist/add/", {"service": service.pk})
    assert visitor.cookies.get("sessionid")

    page = visitor.get(service.url)

    assert "X-Cache" not in page
    assert "Remove from shortlist" in page.text


def test_a_page_without_forms_is_public_and_revalidated(service):
    """Shared caches may keep a page with no form token, but must ask each time; unchanged,
    the answer is a 304."""
    url = ContentPageFactory(title="Privacy").url
    first = visit(url)
    assert first.status_code == 200
    assert not TOKEN.search(first.text)
    assert "public" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    assert "must-revalidate" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]

    again = Client().get(url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again["X-Cache"] == "hit"


def test_off_means_never_stored(service):
    with override_settings(PAGE_CACHE_SECONDS=0):
        visit(service.url)
        assert "X-Cache" not in visit(service.url)


def test_a_registration_changes_the_places_left_at_once(
    page_cache, django_capture_on_commit_callbacks
):
    build_site_tree()
    event = EventPageFactory(capacity=20)
    forum = event.get_parent()
    for page in (event, forum):
        visit(page.url)
        assert visit(page.url)["X-Cache"] == "hit"
    assert "20 places left" in visit(event.url).text

    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(event, VerifiedUserFactory())

    assert "19 places left" in visit(event.url).text
    # The forum's page shows whether its events are full.
    assert "X-Cache" not in visit(forum.url)


def test_the_health_check_answers_when_the_cache_is_down(page_cache, client):
    """Redis stopped (or the database the cache lives in gone): the page cache steps aside, so
    the health check still says what is wrong instead of failing on the cache."""
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                # Nothing listens on port 1.
                "LOCATION": "redis://127.0.0.1:1/0",
            }
        }
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
