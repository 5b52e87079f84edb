"""Forum managers: each region's group runs that region's forum and nothing else."""

import csv
import io

from django.contrib.auth.models import Group

import pytest

from accounts.security import must_use_two_factor
from forums.models import EventRegistration
from tests.factories import (
    EventPageFactory,
    EventRegistrationFactory,
    ForumMembershipFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_a(forum):
    return _manager_of(forum)


@pytest.fixture
def event_a(forum):
    event = EventPageFactory(parent=forum, title="North East forum meeting")
    EventRegistrationFactory(event=event, access_needs="Wheelchair user")
    return event


@pytest.fixture
def event_b(other_forum):
    event = EventPageFactory(parent=other_forum, title="London forum meeting")
    EventRegistrationFactory(event=event, access_needs="BSL interpreter")
    return event


def test_every_forum_has_a_managers_group_named_after_its_region(forum, other_forum):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Forum managers: North East", "Forum managers: London"} <= names


def test_forum_managers_must_use_two_factor_authentication(forum):
    user = VerifiedUserFactory()
    assert not must_use_two_factor(user)
    user.groups.add(Group.objects.get(name="Forum managers: North East"))
    assert must_use_two_factor(user)


def test_a_manager_without_an_authenticator_app_is_sent_to_set_one_up(client, forum, event_a):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name="Forum managers: North East"))
    client.force_login(user)
    response = client.get(f"/admin/forums/events/{event_a.pk}/registrations/")
    assert response.status_code == 302
    assert "two-factor" in response["Location"] or "totp" in response["Location"]


class TestPermissionMatrix:
    """Manager of region A × region B's event, registrations and members."""

    def test_manager_edits_their_own_regions_events(self, client, manager_a, event_a):
        client.force_login(manager_a)
        assert client.get(f"/admin/pages/{event_a.pk}/edit/").status_code == 200

    def test_manager_cannot_edit_another_regions_events(self, client, manager_a, event_b):
        client.force_login(manager_a)
        response = client.get(f"/admin/pages/{event_b.pk}/edit/")
        assert response.status_code in (302, 403)
        assert "London forum meeting" not in response.content.decode()

    def test_manager_can_add_events_only_to_their_own_forum(
        self, client, manager_a, forum, other_forum
    ):
        client.force_login(manager_a)
        assert client.get(f"/admin/pages/add/forums/eventpage/{forum.pk}/").status_code == 200
        assert client.get(f"/admin/pages/add/forums/eventpage/{other_forum.pk}/").status_code in (
            302,
            403,
        )

    def test_manager_sees_their_own_events_registrations_with_access_needs(
        self, client, manager_a, event_a
    ):
        client.force_login(manager_a)
        response = client.get(f"/admin/forums/events/{event_a.pk}/registrations/")
        assert response.status_code == 200
        assert "Wheelchair user" in response.content.decode()

    def test_manager_cannot_see_another_regions_registrations(self, client, manager_a, event_b):
        client.force_login(manager_a)
        response = client.get(f"/admin/forums/events/{event_b.pk}/registrations/")
        assert response.status_code in (302, 403)
        assert "BSL interpreter" not in response.content.decode()
        response = client.get(f"/admin/forums/events/{event_b.pk}/registrations.csv")
        assert response.status_code in (302, 403)

    def test_manager_exports_their_own_members_but_not_another_regions(
        self, client, manager_a, forum, other_forum
    ):
        ForumMembershipFactory(forum=forum, organisation=OrganisationPageFactory(title="Ours"))
        ForumMembershipFactory(
            forum=other_forum, organisation=OrganisationPageFactory(title="Theirs")
        )
        client.force_login(manager_a)
        own = client.get(f"/admin/forums/{forum.pk}/members.csv")
        assert own.status_code == 200
        assert "Ours" in own.content.decode() and "Theirs" not in own.content.decode()
        assert client.get(f"/admin/forums/{other_forum.pk}/members.csv").status_code in (
            302,
            403,
        )
        assert client.get(f"/admin/forums/{other_forum.pk}/members/").status_code in (302, 403)

    def test_site_admins_see_every_forum(self, admin_user, client, event_a, event_b, other_forum):
        activate_authenticator_app(admin_user)
        client.force_login(admin_user)
        for event in (event_a, event_b):
            url = f"/admin/forums/events/{event.pk}/registrations/"
            assert client.get(url).status_code == 200
        assert client.get(f"/admin/forums/{other_forum.pk}/members.csv").status_code == 200

    def test_charity_users_see_no_registrations(self, client, charity_worker, event_a):
        client.force_login(charity_worker)
        response = client.get(f"/admin/forums/events/{event_a.pk}/registrations.csv")
        assert response.status_code in (302, 403)

    def test_attendees_never_see_other_attendees_access_needs(self, client, event_a):
        attendee = EventRegistrationFactory(event=event_a, access_needs="Large print").user
        client.force_login(attendee)
        page = client.get(event_a.url).content.decode()
        assert "Wheelchair user" not in page
        assert "Large print" not in page

    def test_unknown_event_is_not_found(self, client, manager_a):
        client.force_login(manager_a)
        assert client.get("/admin/forums/events/999999/registrations/").status_code == 404


def test_manager_marks_attendance(client, manager_a, forum):
    event = EventPageFactory(parent=forum)
    came, missed = EventRegistrationFactory.create_batch(2, event=event)
    client.force_login(manager_a)
    client.post(f"/admin/forums/events/{event.pk}/registrations/", {"attended": [came.pk]})
    statuses = dict(EventRegistration.objects.values_list("pk", "status"))
    assert statuses == {came.pk: "attended", missed.pk: "registered"}


def test_registrations_export_is_safe_to_open_in_a_spreadsheet(client, manager_a, forum):
    event = EventPageFactory(parent=forum)
    EventRegistrationFactory(event=event, access_needs='=HYPERLINK("http://evil")')
    EventRegistrationFactory(event=event, access_needs="-1+2", user__first_name="@Sam")
    client.force_login(manager_a)
    response = client.get(f"/admin/forums/events/{event.pk}/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Organisation"]
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'-1+2" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


def test_registrations_page_makes_a_fixed_number_of_queries(
    client, manager_a, forum, django_assert_max_num_queries
):
    event = EventPageFactory(parent=forum, capacity=0)
    EventRegistrationFactory.create_batch(2, event=event, organisation=OrganisationPageFactory())
    client.force_login(manager_a)
    url = f"/admin/forums/events/{event.pk}/registrations/"
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    EventRegistrationFactory.create_batch(8, event=event, organisation=OrganisationPageFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_admin_forums_list_shows_only_the_managers_forums(
    client, manager_a, forum, other_forum
):
    client.force_login(manager_a)
    page = client.get("/admin/forums/").content.decode()
    assert "North East forum" in page
    assert "London forum" not in page
    assert "Forum registrations" in client.get("/admin/").content.decode()


def test_setting_up_the_site_gives_every_region_a_forum_managers_group():
    from wagtail.models import GroupPagePermission

    from core.models import Region
    from home.site_structure import ensure_site_structure

    structure = ensure_site_structure()
    Group.objects.filter(name__startswith="Forum managers:").delete()
    ensure_site_structure()
    regions = Region.objects.in_default_locale()
    groups = Group.objects.filter(name__startswith="Forum managers:").exclude(
        name="Forum managers: National"
    )
    assert groups.count() == regions.count() == len(structure.forums)
    for forum in structure.forums:
        group = groups.get(name=f"Forum managers: {forum.region.name}")
        pages = set(GroupPagePermission.objects.filter(group=group).values_list("page", flat=True))
        pipeline = {page.pk for page in structure.pipeline.get_translations(inclusive=True)}
        assert pages == {page.pk for page in forum.get_translations(inclusive=True)} | pipeline
