"""The shortlist pages: adding from anywhere, the list with contact details in full,
reordering, notes, removing and the limit, without an account and signed in."""

import re

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.template import RequestContext, Template
from django.test.utils import CaptureQueriesContext

import pytest

from accounts.models import User
from directory.models import ShortlistItem, ShortlistShare
from directory.shortlist import rules
from directory.shortlist.personal_data import shortlist_personal_data
from directory.shortlist.signals import join_shortlist_on_sign_in
from directory.shortlist.stores import SessionShortlist
from tests.directory.shortlist_fixtures import add, service_with_details, session_ids
from tests.factories import ServicePageFactory
from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing():
    return service_with_details("Women's move-on housing")


@pytest.fixture
def three():
    return [service_with_details(title) for title in ("Alpha advice", "Beta beds", "Gamma jobs")]


def shortlist_page(client):
    return client.get("/shortlist/").content.decode()


def order_on_page(page, services):
    positions = {service.title: page.index(f">{service.title}<") for service in services}
    return sorted(positions, key=positions.get)


def test_a_visitor_adds_a_service_and_goes_back_to_where_they_were(client, housing):
    next_url = f"/directory/?q=housing#shortlist-{housing.pk}"
    response = add(client, housing, next_url=next_url)
    assert response.status_code == 302
    assert response.url == next_url
    assert session_ids(client) == [housing.pk]


def test_an_address_on_another_site_is_not_followed(client, housing):
    response = add(client, housing, next_url="https://elsewhere.example/")
    assert response.url == "/shortlist/"


def test_adding_from_a_form_without_a_next_address_says_so_on_the_list(client, housing):
    response = add(client, housing)
    assert response.url == "/shortlist/"
    assert "“Women&#x27;s move-on housing” is on your shortlist." in shortlist_page(client)


def test_the_list_shows_each_services_contact_details_in_full(client, housing):
    add(client, housing)
    page = shortlist_page(client)
    for expected in [
        'href="tel:01134960000"',
        'href="mailto:referrals@example.org"',
        "https://example.org/move-on",
        "Professional referral",
        "Send the referral form to the team.",
        "Date of release",
        "Risk assessment",
        "Accepting referrals",
        "Women&#x27;s move-on housing Trust",
        "Yorkshire and the Humber",
        "Leeds (address not published)",
        "Monday: 9am to 5pm",
        "Tuesday: Closed",
        "Closed on bank holidays.",
        "Women aged 18 and over.",
        "Do not include names or personal details of the person you are helping",
    ]:
        assert expected in page, expected
    assert "4 Hidden Lane" not in page


def test_an_empty_list_says_how_to_fill_it(client, housing):
    page = shortlist_page(client)
    assert "Your shortlist is empty." in page
    assert "Print this list" not in page


def test_changes_need_a_post(client, housing):
    for action in ["add", "remove", "move", "note"]:
        assert client.get(f"/shortlist/{action}/?service={housing.pk}").status_code == 405


@pytest.mark.parametrize("bad", ["", "abc", "0", "-3", "²", "99999999999999999999999"])
@pytest.mark.parametrize("action", ["add", "remove", "move", "note"])
def test_a_bad_service_id_is_not_found(client, action, bad):
    response = client.post(f"/shortlist/{action}/", {"service": bad, "direction": "up"})
    assert response.status_code == 404


def test_a_service_that_is_not_listed_cannot_be_added(client, housing):
    draft = ServicePageFactory(live=False)
    assert add(client, draft).status_code == 404
    assert client.post("/shortlist/add/", {"service": housing.pk + 1000}).status_code == 404
    assert session_ids(client) == []


def test_double_submitting_add_keeps_one_without_an_account(client, housing):
    add(client, housing)
    add(client, housing)
    assert session_ids(client) == [housing.pk]


def test_signed_in_the_list_is_kept_on_the_account(client, housing):
    user = VerifiedUserFactory()
    client.force_login(user)
    add(client, housing)
    add(client, housing)  # a double-submitted form
    assert list(ShortlistItem.objects.values_list("user", "service")) == [(user.pk, housing.pk)]
    assert SessionShortlist.KEY not in client.session

    client.logout()
    assert "Your shortlist is empty." in shortlist_page(client)
    client.force_login(user)
    assert "Women&#x27;s move-on housing" in shortlist_page(client)


def test_signing_in_brings_the_browsers_list_to_the_account(client, three):
    alpha, beta, gamma = three
    user = VerifiedUserFactory()
    ShortlistItem.objects.create(user=user, service=beta, position=0)
    add(client, alpha)
    add(client, beta)

    response = client.post("/account/login/", {"login": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    add(client, gamma)
    page = shortlist_page(client)
    assert order_on_page(page, three) == ["Beta beds", "Alpha advice", "Gamma jobs"]
    items = ShortlistItem.objects.filter(user=user).order_by("position")
    assert [item.service_id for item in items] == [beta.pk, alpha.pk, gamma.pk]
    assert session_ids(client) == []


def test_signing_in_says_when_the_browsers_list_did_not_all_fit(rf, three, monkeypatch):
    monkeypatch.setattr(rules, "MAX_ITEMS", 2)
    user = VerifiedUserFactory()
    request = rf.post("/account/login/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.session[SessionShortlist.KEY] = [[service.pk, ""] for service in three]

    join_shortlist_on_sign_in(sender=User, request=request, user=user)

    assert ShortlistItem.objects.filter(user=user).count() == 2
    assert [str(m) for m in get_messages(request)] == [
        "1 service from this browser was not added to your shortlist: it can hold up to 2."
    ]


@pytest.mark.parametrize("signed_in", [False, True], ids=["session", "account"])
def test_moving_services_up_and_down(client, three, signed_in):
    if signed_in:
        client.force_login(VerifiedUserFactory())
    for service in three:
        add(client, service)
    alpha, beta, gamma = three

    response = client.post("/shortlist/move/", {"service": gamma.pk, "direction": "up"})
    assert response.url == f"/shortlist/#item-{gamma.pk}"
    client.post("/shortlist/move/", {"service": alpha.pk, "direction": "down"})

    assert order_on_page(shortlist_page(client), three) == [
        "Gamma jobs",
        "Alpha advice",
        "Beta beds",
    ]


def test_the_first_has_no_move_up_and_the_last_no_move_down(client, three):
    for service in three:
        add(client, service)
    page = shortlist_page(client)
    assert 'Move up<span class="govuk-visually-hidden"> Alpha advice' not in page
    assert 'Move up<span class="govuk-visually-hidden"> Beta beds' in page
    assert 'Move down<span class="govuk-visually-hidden"> Gamma jobs' not in page


def test_an_unknown_direction_is_not_found(client, housing):
    add(client, housing)
    response = client.post("/shortlist/move/", {"service": housing.pk, "direction": "sideways"})
    assert response.status_code == 404


@pytest.mark.parametrize("signed_in", [False, True], ids=["session", "account"])
def test_a_note_is_saved_and_shown_in_its_box(client, housing, signed_in):
    if signed_in:
        client.force_login(VerifiedUserFactory())
    add(client, housing)
    response = client.post("/shortlist/note/", {"service": housing.pk, "note": "Ring on Monday"})
    assert response.url == f"/shortlist/#item-{housing.pk}"
    page = shortlist_page(client)
    assert "Your note on “Women&#x27;s move-on housing” has been saved." in page
    assert re.search(rf'id="note-{housing.pk}"[^>]*>Ring on Monday</textarea>', page)


def test_a_note_too_long_is_refused_next_to_the_box_and_kept(client, housing):
    add(client, housing)
    client.post("/shortlist/note/", {"service": housing.pk, "note": "Earlier note"})
    typed = "x" * 501

    response = client.post("/shortlist/note/", {"service": housing.pk, "note": typed})

    page = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#note-{housing.pk}">Your note must be 500 characters or fewer</a>' in page
    assert f'id="note-{housing.pk}-error"' in page
    assert f">{typed}</textarea>" in page
    assert "<title>Error: Your shortlist" in page
    assert SessionShortlist(client.session).entries()[0].note == "Earlier note"


def test_a_note_on_a_service_not_on_the_list_is_not_found(client, housing):
    response = client.post("/shortlist/note/", {"service": housing.pk, "note": "Hello"})
    assert response.status_code == 404


def test_removing_from_the_list_page_says_what_went(client, three):
    for service in three:
        add(client, service)
    response = client.post("/shortlist/remove/", {"service": three[1].pk})
    assert response.url == "/shortlist/"
    page = shortlist_page(client)
    assert "“Beta beds” has been removed from your shortlist." in page
    assert ">Beta beds<" not in page
    # Removing it again (a double-submitted form) changes nothing and is no error.
    assert client.post("/shortlist/remove/", {"service": three[1].pk}).status_code == 302


def test_removing_from_a_result_goes_back_to_it(client, housing):
    add(client, housing)
    next_url = f"/directory/#shortlist-{housing.pk}"
    response = client.post("/shortlist/remove/", {"service": housing.pk, "next": next_url})
    assert response.url == next_url
    assert session_ids(client) == []


def test_a_full_list_says_so_and_adds_nothing(client, housing):
    session = client.session
    session[SessionShortlist.KEY] = [[pk, ""] for pk in range(100_000, 100_050)]
    session.save()

    response = add(client, housing, next_url="/directory/")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Your shortlist is full. It can hold up to 50 services." in page
    assert 'href="/directory/"' in page
    assert housing.pk not in session_ids(client)


def test_a_service_no_longer_listed_stays_on_the_list_marked_as_such(client, three):
    for service in three:
        add(client, service)
    three[0].unpublish()
    page = shortlist_page(client)
    assert "No longer listed" in page
    assert page.count('href="tel:') == 2


def test_the_list_page_takes_the_same_queries_however_long_it_is(client):
    services = [service_with_details(f"Service {n}") for n in range(8)]
    client.get("/shortlist/")  # the site's settings are made on the first request

    def queries_for(count):
        client.cookies.clear()
        for service in services[:count]:
            add(client, service)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/shortlist/").status_code == 200
        return len(captured)

    assert queries_for(8) == queries_for(2)


def test_the_buttons_know_what_is_on_the_list_with_one_query(rf, three, django_assert_num_queries):
    user = VerifiedUserFactory()
    ShortlistItem.objects.create(user=user, service=three[1])
    request = rf.get("/directory/")
    request.user = user
    request.session = SessionStore()
    template = Template(
        "{% for service in services %}{% if shortlist_enabled %}"
        '{% include "directory/shortlist/add_form.html" with service=service %}'
        "{% endif %}{% endfor %}"
    )
    with django_assert_num_queries(1):
        html = template.render(RequestContext(request, {"services": three * 5}))
    assert html.count("Remove from shortlist") == 5
    assert html.count("Add to shortlist") == 10
    assert 'name="next" value="/directory/#shortlist-' in html


def test_the_shortlist_is_in_the_persons_data_and_goes_with_the_account(client, housing):
    user = VerifiedUserFactory()
    client.force_login(user)
    add(client, housing)
    client.post("/shortlist/note/", {"service": housing.pk, "note": "Call Jo at the hostel"})
    client.post("/shortlist/share/")

    data = shortlist_personal_data(user)
    assert data["shortlist"][0]["service"] == "Women's move-on housing"
    assert data["shortlist"][0]["your_note"] == "Call Jo at the hostel"
    assert len(data["shortlist_share_links"]) == 1

    response = client.post("/account/delete/", {"password": DEFAULT_PASSWORD})

    assert response.url == "/account/deleted/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert not ShortlistItem.objects.exists()
    assert not ShortlistShare.objects.exists()
