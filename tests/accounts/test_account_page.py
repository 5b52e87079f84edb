"""The account page is assembled from sections apps register; it lists your organisations
in a fixed number of queries however many there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail import hooks

import pytest

from core.account_sections import ACCOUNT_SECTIONS_HOOK, AccountSection, account_sections
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.team import MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db


def test_the_account_page_needs_you_to_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")


def test_the_account_page_shows_every_section_in_order(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    html = client.get("/account/").content.decode()
    signing_in = html.index("Signing in")
    organisations = html.index("Your organisations")
    your_data = html.index("Your data")
    assert signing_in < organisations < your_data
    assert user.email in html
    assert reverse("account_download_data") in html
    assert reverse("account_delete") in html
    assert "You do not look after any organisation" in html


def test_your_organisations_lists_each_with_your_role_and_a_link_to_its_dashboard(client):
    user = VerifiedUserFactory()
    owned = OwnerFactory(user=user, organisation__title="Alpha Aid").organisation
    edited = MembershipFactory(user=user, organisation__title="Beta Support").organisation
    MembershipFactory(organisation__title="Somebody Else's")
    client.force_login(user)
    html = client.get("/account/").content.decode()
    assert "Alpha Aid" in html and "You are an owner" in html
    assert "Beta Support" in html and "You are an editor" in html
    assert "Somebody Else" not in html
    assert f'href="/manage/{owned.pk}/"' in html
    assert f'href="/manage/{edited.pk}/"' in html


def test_an_app_can_add_a_section_and_leave_it_out_for_some_people(rf):
    user = VerifiedUserFactory()
    request = rf.get("/account/")
    request.user = user

    def my_events():
        return AccountSection(
            title="Your events",
            template="accounts/sections/your_data.html",
            get_context=lambda request: {"events": ["one"]},
            order=15,
        )

    with hooks.register_temporarily(ACCOUNT_SECTIONS_HOOK, my_events):
        sections = account_sections(request)
    titles = [str(section.title) for section in sections]
    assert (
        titles.index("Signing in")
        < titles.index("Your events")
        < titles.index("Your organisations")
    )
    assert sections[titles.index("Your events")].context == {"events": ["one"]}

    with hooks.register_temporarily(ACCOUNT_SECTIONS_HOOK, lambda: None):
        assert len(account_sections(request)) == len(sections) - 1


def queries_for_account_page(client, user):
    client.force_login(user)
    client.get("/account/")  # warm caches (site, settings) that every page shares
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/account/")
    assert response.status_code == 200
    return len(queries)


def test_the_account_page_makes_the_same_number_of_queries_for_1_or_10_organisations(client):
    one = VerifiedUserFactory()
    OwnerFactory(user=one)
    ten = VerifiedUserFactory()
    for _ in range(10):
        MembershipFactory(user=ten)

    assert queries_for_account_page(client, one) == queries_for_account_page(client, ten)


def test_the_account_page_stays_within_its_query_budget(client, django_assert_max_num_queries):
    user = VerifiedUserFactory()
    for _ in range(10):
        MembershipFactory(user=user)
    client.force_login(user)
    client.get("/account/")
    # Session and user (2), primary email, authenticator app, two-factor groups (3),
    # memberships with their organisations (1), the events section (registrations and the
    # calendar address, 2), consultation responses (1), forum email subscriptions (1),
    # pipeline alerts (1), the partnering they run as a lead provider (1), the header's
    # shortlist count (1), the base template's site queries.
    with django_assert_max_num_queries(19):
        client.get("/account/")
