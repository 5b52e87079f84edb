"""A read-only link to a shortlist: anyone with it sees the services and their contacts,
never the notes; it stops working after 30 days."""

import datetime
import re

from django.test import Client
from django.utils import timezone

import pytest

from directory.models import ShortlistShare
from tests.directory.shortlist_fixtures import add, service_with_details
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(client):
    services = [service_with_details("Alpha advice"), service_with_details("Beta beds")]
    for service in services:
        add(client, service)
    client.post("/shortlist/note/", {"service": services[0].pk, "note": "Private: ask for Sam"})
    return services


def make_link(client):
    response = client.post("/shortlist/share/")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Your link is ready. It works until" in page
    return re.search(r'value="(http://testserver/shortlist/shared/[^"]+/)"', page)[1]


@pytest.mark.parametrize("signed_in", [False, True], ids=["session", "account"])
def test_anyone_with_the_link_sees_the_list_and_contacts_but_not_the_notes(
    client, services, signed_in
):
    if signed_in:
        client.force_login(VerifiedUserFactory())
        for service in services:
            add(client, service)
        client.post("/shortlist/note/", {"service": services[0].pk, "note": "Private: ask"})
    link = make_link(client)

    response = Client().get(link)  # signed out, another browser

    assert response.status_code == 200
    page = response.content.decode()
    assert "Shared shortlist" in page
    assert page.index("Alpha advice") < page.index("Beta beds")
    assert 'href="tel:01134960000"' in page
    assert "Send the referral form to the team." in page
    assert "Private" not in page
    assert "Your note" not in page
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page


def test_the_link_is_a_snapshot_of_the_list(client, services):
    link = make_link(client)
    client.post("/shortlist/remove/", {"service": services[0].pk})
    add(client, service_with_details("Gamma jobs"))

    page = Client().get(link).content.decode()

    assert "Alpha advice" in page
    assert "Gamma jobs" not in page


def test_a_service_no_longer_listed_drops_out_of_the_shared_list(client, services):
    link = make_link(client)
    services[1].unpublish()
    page = Client().get(link).content.decode()
    assert "Beta beds" not in page
    assert "1 service on this list is no longer listed and is not shown." in page


def test_after_thirty_days_the_link_explains_it_has_expired(client, services):
    link = make_link(client)
    ShortlistShare.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = Client().get(link)

    assert response.status_code == 410
    page = response.content.decode()
    assert "This shared shortlist has expired" in page
    assert "A link to a shortlist works for 30 days." in page
    assert "Alpha advice" not in page


def test_a_link_that_never_existed_is_not_found(client):
    assert client.get("/shortlist/shared/made-up-token/").status_code == 404


def test_double_clicking_make_a_link_makes_one(client, services):
    client.post("/shortlist/share/")
    client.post("/shortlist/share/")
    assert ShortlistShare.objects.count() == 1
    page = client.get("/shortlist/share/").content.decode()
    assert page.count("/shortlist/shared/") == 2  # the box and the "Open the link" link


def test_links_are_long_and_random(client, services):
    make_link(client)
    client.post("/shortlist/remove/", {"service": services[0].pk})
    make_link(client)
    first, second = ShortlistShare.objects.order_by("pk").values_list("token", flat=True)
    assert first != second
    assert len(first) >= 40 and re.fullmatch(r"[A-Za-z0-9_-]+", first)


def test_someone_elses_links_are_not_listed(client, services):
    make_link(client)
    other = Client()
    add(other, services[0])
    page = other.get("/shortlist/share/").content.decode()
    assert "/shortlist/shared/" not in page


def test_an_empty_list_cannot_be_shared(client):
    response = client.post("/shortlist/share/")
    assert response.url == "/shortlist/"
    assert (
        "Add services to your shortlist before you share it."
        in client.get(response.url).content.decode()
    )
    assert not ShortlistShare.objects.exists()


def test_someone_opening_a_link_can_add_its_services_to_their_own_list(client, services):
    link = make_link(client)
    colleague = Client()
    page = colleague.get(link).content.decode()
    assert "Add to shortlist" in page
    path = link.removeprefix("http://testserver")
    response = add(colleague, services[1], next_url=path)
    assert response.url == path
    assert "Remove from shortlist" in colleague.get(link).content.decode()
