"""National forum managers run the national consultations (directly under the forum index)
and nothing else. Every role × action through the real admin views."""

import datetime
import zoneinfo

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from accounts.security import must_use_two_factor
from forums.models import ConsultationPage, EventPage, ForumIndexPage
from forums.roles import NATIONAL_FORUM_MANAGERS, can_manage_consultation
from tests.factories import ConsultationPageFactory, EventPageFactory
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _member_of(group_name):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    activate_authenticator_app(user)
    return user


@pytest.fixture
def people(tree, forum):
    admin = VerifiedUserFactory(is_superuser=True, is_staff=True)
    activate_authenticator_app(admin)
    return {
        "national manager": _member_of(NATIONAL_FORUM_MANAGERS),
        "North East manager": _member_of("Forum managers: North East"),
        "admin": admin,
        "plain user": VerifiedUserFactory(),
    }


def _next_month():
    return timezone.now() + datetime.timedelta(days=30)


@pytest.fixture
def national(tree):
    return ConsultationPageFactory(
        parent=tree.forums,
        title="National survey",
        opens_at=_next_month(),
        closes_at=_next_month() + datetime.timedelta(days=28),
    )


@pytest.fixture
def regional(forum):
    return ConsultationPageFactory(parent=forum, title="North East survey")


@pytest.fixture
def event(forum):
    return EventPageFactory(parent=forum, title="North East forum meeting")


def _consultation_form(page=None, **changes):
    opens = (page.opens_at if page else _next_month()).astimezone(LONDON)
    closes = (page.closes_at if page else opens + datetime.timedelta(days=28)).astimezone(LONDON)
    fields = {
        "title": page.title if page else "New national consultation",
        "slug": page.slug if page else "new-national-consultation",
        "summary": "What should change nationally?",
        "purpose": rich_text("<p>Purpose</p>"),
        "background": rich_text(""),
        "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
        "closes_at": closes.strftime("%Y-%m-%d %H:%M"),
        "response_mode": "organisation",
        "documents": inline_formset([]),
        "private_documents": inline_formset([]),
        "questions": inline_formset([]),
        "outcome_asked": rich_text(""),
        "outcome_said": rich_text(""),
        "outcome_did": rich_text(""),
        "action-publish": "action-publish",
        **changes,
    }
    return nested_form_data(fields)


def _refused(response):
    """Refused the admin's way: to the dashboard with a message, or to sign in."""
    return response.status_code == 403 or (
        response.status_code == 302
        and (response["Location"] == "/admin/" or "login" in response["Location"])
    )


# Each action returns whether it was allowed, after checking the response and its effects
# agree.


def create_national_consultation(client, tree, **pages):
    url = f"/admin/pages/add/forums/consultationpage/{tree.forums.pk}/"
    shown = client.get(url)
    response = client.post(url, _consultation_form())
    created = ConsultationPage.objects.filter(slug="new-national-consultation").first()
    if created is None:
        assert _refused(shown) and _refused(response)
        return False
    assert shown.status_code == 200
    assert created.live and created.get_parent().pk == tree.forums.pk
    return True


def edit_and_publish_national_consultation(client, national, **pages):
    url = f"/admin/pages/{national.pk}/edit/"
    shown = client.get(url)
    response = client.post(url, _consultation_form(national, title="National survey 2027"))
    page = ConsultationPage.objects.get(pk=national.pk)
    if page.title != "National survey 2027":
        assert _refused(shown) and _refused(response)
        return False
    assert shown.status_code == 200
    assert page.live and not page.has_unpublished_changes
    return True


def edit_regional_pages(client, forum, event, **pages):
    responses = [client.get(f"/admin/pages/{page.pk}/edit/") for page in (forum, event)]
    if all(_refused(response) for response in responses):
        attempt = client.post(
            f"/admin/pages/{event.pk}/edit/", {"title": "Taken over", "action-publish": "1"}
        )
        assert _refused(attempt)
        assert EventPage.objects.get(pk=event.pk).title == "North East forum meeting"
        return False
    assert [response.status_code for response in responses] == [200, 200]
    return True


def create_regional_consultation(client, forum, **pages):
    url = f"/admin/pages/add/forums/consultationpage/{forum.pk}/"
    shown = client.get(url)
    response = client.post(url, _consultation_form(slug="new-regional-consultation"))
    created = ConsultationPage.objects.filter(slug="new-regional-consultation").first()
    if created is None:
        assert _refused(shown) and _refused(response)
        return False
    assert shown.status_code == 200
    assert created.get_parent().pk == forum.pk
    return True


def _analysis(client, consultation):
    base = f"/admin/forums/consultations/{consultation.pk}/"
    responses = [client.get(base + suffix) for suffix in ("responses/", "responses.csv")]
    responses.append(client.get(base + "responses.xlsx"))
    if all(_refused(response) for response in responses):
        assert consultation.title not in responses[0].content.decode()
        return False
    assert [response.status_code for response in responses] == [200, 200, 200]
    return True


def view_national_analysis(client, national, **pages):
    return _analysis(client, national)


def view_regional_analysis(client, regional, **pages):
    return _analysis(client, regional)


ACTIONS = {
    # action: (national manager, North East manager, admin, plain user)
    create_national_consultation: (True, False, True, False),
    edit_and_publish_national_consultation: (True, False, True, False),
    edit_regional_pages: (False, True, True, False),
    create_regional_consultation: (False, True, True, False),
    view_national_analysis: (True, False, True, False),
    view_regional_analysis: (False, True, True, False),
}
ROLES = ["national manager", "North East manager", "admin", "plain user"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda action: action.__name__)
def test_permission_matrix(client, people, role, action, tree, forum, event, national, regional):
    client.force_login(people[role])
    allowed = action(
        client, tree=tree, forum=forum, event=event, national=national, regional=regional
    )
    assert allowed == ACTIONS[action][ROLES.index(role)]


@pytest.mark.parametrize("role", ROLES)
def test_can_manage_consultation_agrees(people, role, national, regional):
    user = people[role]
    expected = ACTIONS[view_national_analysis], ACTIONS[view_regional_analysis]
    index = ROLES.index(role)
    assert can_manage_consultation(user, national) == expected[0][index]
    assert can_manage_consultation(user, regional) == expected[1][index]


class TestNationalManagersOnlyRunNationalConsultations:
    @pytest.fixture
    def manager(self, people, client):
        client.force_login(people["national manager"])
        return people["national manager"]

    def test_they_cannot_edit_the_forum_index_itself(self, client, manager, tree):
        assert _refused(client.get(f"/admin/pages/{tree.forums.pk}/edit/"))

    def test_they_cannot_add_a_regional_forum(self, client, manager, tree):
        url = f"/admin/pages/add/forums/regionalforumpage/{tree.forums.pk}/"
        assert _refused(client.get(url))

    def test_they_cannot_unpublish_or_delete_regional_pages(self, client, manager, event):
        for action in ("unpublish", "delete"):
            assert _refused(client.post(f"/admin/pages/{event.pk}/{action}/"))
        assert EventPage.objects.get(pk=event.pk).live

    def test_they_cannot_add_news_or_events_to_a_regional_forum(self, client, manager, forum):
        for page_type in ("eventpage", "forumnewspage"):
            assert _refused(client.get(f"/admin/pages/add/forums/{page_type}/{forum.pk}/"))

    def test_they_cannot_move_or_copy_a_national_consultation_into_a_region(
        self, manager, national, forum
    ):
        permissions = national.permissions_for_user(manager)
        assert permissions.can_edit() and permissions.can_publish()
        assert not permissions.can_move_to(forum)
        assert not permissions.can_copy_to(forum)

    def test_they_can_unpublish_a_national_consultation(self, client, manager, national):
        client.post(f"/admin/pages/{national.pk}/unpublish/")
        assert not ConsultationPage.objects.get(pk=national.pk).live

    def test_they_find_national_consultations_in_the_page_explorer(
        self, client, manager, tree, national
    ):
        dashboard = client.get("/admin/").content.decode()
        assert "Forum registrations" not in dashboard  # no events to run
        listing = client.get(f"/admin/pages/{tree.forums.pk}/")
        assert listing.status_code == 200
        assert "National survey" in listing.content.decode()
        assert f"/admin/pages/{national.pk}/edit/" in listing.content.decode()

    def test_the_explorer_offers_them_adding_only_under_the_index(self, manager, tree, forum):
        assert tree.forums.permissions_for_user(manager).can_add_subpage()
        assert tree.forums.permissions_for_user(manager).can_publish_subpage()
        assert not forum.permissions_for_user(manager).can_add_subpage()
        assert not tree.home.specific.permissions_for_user(manager).can_add_subpage()


class TestTheGroup:
    def test_it_is_made_with_the_forum_index_and_must_use_two_factor(self, tree):
        user = VerifiedUserFactory()
        user.groups.add(Group.objects.get(name="Forum managers: National"))
        assert must_use_two_factor(user)

    def test_setting_up_the_site_makes_it_again_with_permissions_on_the_index_only(self):
        from home.site_structure import ensure_site_structure

        structure = ensure_site_structure()
        Group.objects.filter(name=NATIONAL_FORUM_MANAGERS).delete()
        ensure_site_structure()
        ensure_site_structure()
        group = Group.objects.get(name=NATIONAL_FORUM_MANAGERS)
        grants = GroupPagePermission.objects.filter(group=group)
        index_versions = structure.forum_index.get_translations(inclusive=True)
        assert set(grants.values_list("page", flat=True)) == {page.pk for page in index_versions}
        grants = grants.filter(page=structure.forum_index)
        assert sorted(grants.values_list("permission__codename", flat=True)) == [
            "add_page",
            "change_page",
            "lock_page",
            "publish_page",
            "unlock_page",
        ]
        assert group.permissions.filter(codename="access_admin").exists()
        assert isinstance(structure.forum_index.specific, ForumIndexPage)
