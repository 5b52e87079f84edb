"""The organisation dashboard and the organisation switcher: what they show, unknown
organisations, names shown as text, and a query count that does not grow with the team."""

import pytest

from directory.models import OrganisationMembership
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_organisation_role_team_and_a_place_for_listing_actions(
    client, world
):
    client.force_login(world["editor_of_a"])
    response = client.get(f"/manage/{world['a'].pk}/")
    html = response.content.decode()
    assert "Alpha Aid" in html
    assert "You are an editor" in html
    assert world["owner_of_a"].email not in html  # names, not addresses, on the dashboard
    assert "Manage the team" not in html
    assert "moj-organisation-nav" not in html  # one organisation: no switcher
    templates = [t.name for t in response.templates]
    assert "directory/includes/listing_actions.html" in templates


def test_someone_in_several_teams_sees_the_organisation_switcher(client, world):
    user = world["owner_of_a"]
    MembershipFactory(user=user, organisation=world["b"])
    client.force_login(user)

    html = client.get(f"/manage/{world['a'].pk}/").content.decode()
    assert 'class="moj-organisation-nav"' in html
    assert 'href="/manage/"' in html
    assert "Manage the team and invite colleagues" in html

    choose = client.get("/manage/").content.decode()
    assert f'href="/manage/{world["a"].pk}/"' in choose
    assert f'href="/manage/{world["b"].pk}/"' in choose


@pytest.mark.parametrize("url", ["/manage/999999/", "/manage/999999/team/", "/manage/abc/"])
def test_an_unknown_organisation_is_not_found(client, world, url):
    client.force_login(world["owner_of_a"])
    assert client.get(url).status_code == 404


def test_a_member_or_invitation_of_another_organisation_is_not_found(client, world):
    client.force_login(world["owner_of_a"])
    other_member = world["b"].memberships.get()
    other_invitation = InvitationFactory(organisation=world["b"])
    a = world["a"].pk
    assert client.post(f"/manage/{a}/team/members/{other_member.pk}/remove/").status_code == 404
    assert client.get(f"/manage/{a}/team/members/{other_member.pk}/role/").status_code == 404
    assert (
        client.post(f"/manage/{a}/team/invitations/{other_invitation.pk}/cancel/").status_code
        == 404
    )
    assert OrganisationMembership.objects.filter(pk=other_member.pk).exists()


def test_html_in_names_is_shown_as_text_on_the_team_pages(client):
    owner = OwnerFactory(organisation__title="<i>Alpha</i>", user__first_name="<script>x</script>")
    InvitationFactory(token="tok", organisation=owner.organisation, invited_by=owner.user)
    client.force_login(owner.user)
    for url in [f"/manage/{owner.organisation.pk}/", f"/manage/{owner.organisation.pk}/team/"]:
        html = client.get(url).content.decode()
        assert "&lt;i&gt;Alpha&lt;/i&gt;" in html
        assert "<script>x</script>" not in html
    client.logout()
    html = client.get("/invitations/tok/").content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["", "team/"])
def test_the_dashboard_and_team_page_queries_do_not_grow_with_the_team(client, page):
    small = OwnerFactory()
    large = OwnerFactory()
    for _ in range(10):
        MembershipFactory(organisation=large.organisation)
        InvitationFactory(organisation=large.organisation)
        MembershipFactory(user=large.user)  # and more organisations of their own
    client.force_login(small.user)
    small_count = count_queries(client, f"/manage/{small.organisation.pk}/{page}")
    client.force_login(large.user)
    assert count_queries(client, f"/manage/{large.organisation.pk}/{page}") == small_count


def test_choosing_an_organisation_needs_you_to_sign_in(client):
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
