"""Who may see personal data: every group that exists after `migrate` and `setup_site`
(Wagtail's built-in ones included), plus the people who matter, against every URL that shows
or exports personal data.

The site is built the way a real one is (`setup_site`), so the groups are the ones
production has. A group that appears without a row in GROUP_ACCESS fails the test: whoever
adds a role decides what it may see, here.
"""

import importlib

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

import pytest

from directory.permissions import COMMISSIONERS_GROUP, MODERATORS_GROUP
from forums.models import (
    ConsultationResponse,
    ForumIndexPage,
    RegionalForumPage,
    ResponseStatus,
)
from forums.roles import (
    NATIONAL_FORUM_MANAGERS,
    can_manage_forum,
    forum_documents_collection_name,
)
from pipeline.models import PipelineIndexPage
from pipeline.partnering.rules import register_interest
from search.log import record_search
from tests.factories import (
    ConsultationPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ForumMembershipFactory,
    OpportunityPageFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app, member_of

pytestmark = pytest.mark.django_db

NORTH_EAST = "Forum managers: North East"
LONDON = "Forum managers: London"

# What each kind of record is, and who may reach it.
NORTH_EAST_RECORDS = {
    "registrations",
    "registrations csv",
    "members",
    "members csv",
    "regional responses",
    "regional responses csv",
    "regional responses xlsx",
    "reach report",
    "reach summary csv",
    "outreach csv",
    "edit regional document",
    "delete regional document",
}
NATIONAL_RECORDS = {"national responses", "national responses csv", "national responses xlsx"}
# Interest in partnering on a North East subcontract: who registered, with their email.
PARTNERING_ADMIN = {"partnering interest", "partnering interest csv", "partnering interest xlsx"}
PARTNERING_PUBLIC = {"partnering interest page", "partnering interest page csv"}
PARTNERING = PARTNERING_ADMIN | PARTNERING_PUBLIC
SITE_ADMIN_ONLY = {"no-results report", "no-results csv"}
EVERYTHING = NORTH_EAST_RECORDS | NATIONAL_RECORDS | SITE_ADMIN_ONLY | PARTNERING

# One row per group: what a member of that group alone may reach. Forum managers of any
# region other than North East reach none of North East's records.
GROUP_ACCESS = {
    NORTH_EAST: NORTH_EAST_RECORDS | PARTNERING,
    NATIONAL_FORUM_MANAGERS: NATIONAL_RECORDS,
    MODERATORS_GROUP: set(),
    COMMISSIONERS_GROUP: PARTNERING,
}
OTHER_REGIONS_GROUPS = "Forum managers: <every other region>"

PEOPLE_ACCESS = {
    "anonymous": set(),
    "plain user": set(),
    "member of another organisation": set(),
    "owner of the lead provider": PARTNERING_PUBLIC,
    "owner of an interested organisation": set(),
    "forum manager of North East": NORTH_EAST_RECORDS | PARTNERING,
    "forum manager of London": set(),
    "national forum manager": NATIONAL_RECORDS,
    "directory moderator": set(),
    "superuser": EVERYTHING,
}


@pytest.fixture
def site(db):
    call_command("setup_site", verbosity=0)
    north_east = RegionalForumPage.objects.get(
        region__slug="north-east", locale=Locale.get_default()
    )
    forum_index = ForumIndexPage.objects.get(locale=Locale.get_default())
    event = EventPageFactory(parent=north_east, title="North East forum meeting")
    EventRegistrationFactory(event=event, access_needs="Hearing loop")
    organisation = OrganisationPageFactory(title="Second Chances")
    ForumMembershipFactory(forum=north_east, organisation=organisation)
    regional = ConsultationPageFactory(parent=north_east, title="North East survey")
    national = ConsultationPageFactory(parent=forum_index, title="National survey")
    for consultation in (regional, national):
        ConsultationResponse.objects.create(
            consultation=consultation,
            user=VerifiedUserFactory(),
            organisation=organisation,
            for_organisation=True,
            status=ResponseStatus.SUBMITTED,
            submitted_on=timezone.localdate(),
        )
    document = get_document_model().objects.create(
        title="North East minutes",
        file=ContentFile(b"Attendees and what they said", name="minutes.txt"),
        collection=Collection.objects.get(name=forum_documents_collection_name(north_east)),
    )
    record_search("services", "a refuge in leeds", {}, 0)
    lead_provider = OrganisationPageFactory(title="Northway Partnership")
    subcontract = OpportunityPageFactory(
        parent=PipelineIndexPage.objects.get(locale=Locale.get_default()),
        kind="subcontract",
        regions=["north-east"],
        lead_provider=lead_provider,
        seeking_partners=True,
    )
    register_interest(subcontract, organisation, member_of(organisation))
    return {
        "subcontract": subcontract,
        "lead_provider": lead_provider,
        "north_east": north_east,
        "event": event,
        "regional": regional,
        "national": national,
        "document": document,
        "organisation": organisation,
    }


def urls(site):
    event, north_east = site["event"].pk, site["north_east"].pk
    regional, national = site["regional"].pk, site["national"].pk
    subcontract = site["subcontract"].pk
    reach = "region=north-east"
    return {
        "registrations": f"/admin/forums/events/{event}/registrations/",
        "registrations csv": f"/admin/forums/events/{event}/registrations.csv",
        "members": f"/admin/forums/{north_east}/members/",
        "members csv": f"/admin/forums/{north_east}/members.csv",
        "regional responses": f"/admin/forums/consultations/{regional}/responses/",
        "regional responses csv": f"/admin/forums/consultations/{regional}/responses.csv",
        "regional responses xlsx": f"/admin/forums/consultations/{regional}/responses.xlsx",
        "national responses": f"/admin/forums/consultations/{national}/responses/",
        "national responses csv": f"/admin/forums/consultations/{national}/responses.csv",
        "national responses xlsx": f"/admin/forums/consultations/{national}/responses.xlsx",
        "reach report": f"/admin/forums/reach/?{reach}",
        "reach summary csv": f"/admin/forums/reach/summary.csv?{reach}",
        "outreach csv": f"/admin/forums/reach/outreach.csv?{reach}",
        "partnering interest": f"/admin/pipeline/partnering/{subcontract}/",
        "partnering interest csv": f"/admin/pipeline/partnering/{subcontract}/interest.csv",
        "partnering interest xlsx": f"/admin/pipeline/partnering/{subcontract}/interest.xlsx",
        "partnering interest page": f"/pipeline-partnering/{subcontract}/interest/",
        "partnering interest page csv": f"/pipeline-partnering/{subcontract}/interest.csv",
        "no-results report": "/admin/reports/searches-with-no-results/",
        "no-results csv": "/admin/reports/searches-with-no-results/?export=csv",
        "edit regional document": f"/admin/documents/edit/{site['document'].pk}/",
        "delete regional document": f"/admin/documents/delete/{site['document'].pk}/",
    }


def _in_groups(*names):
    user = VerifiedUserFactory()
    for name in names:
        user.groups.add(Group.objects.get(name=name))
    activate_authenticator_app(user)
    return user


def person(role, site):
    if role == "anonymous":
        return None
    if role == "plain user":
        return VerifiedUserFactory()
    if role == "member of another organisation":
        return member_of(OrganisationPageFactory(title="Another charity"))
    if role == "owner of the lead provider":
        return member_of(site["lead_provider"])
    if role == "owner of an interested organisation":
        return member_of(site["organisation"])
    if role == "forum manager of North East":
        return _in_groups(NORTH_EAST)
    if role == "forum manager of London":
        return _in_groups(LONDON)
    if role == "national forum manager":
        return _in_groups(NATIONAL_FORUM_MANAGERS)
    if role == "directory moderator":
        return _in_groups(MODERATORS_GROUP)
    user = VerifiedUserFactory(is_superuser=True, is_staff=True)
    activate_authenticator_app(user)
    return user


def reachable(client, user, site):
    """The names of the URLs `user` gets a page or a file from."""
    client.logout()
    if user is not None:
        client.force_login(user)
    reached = set()
    for name, url in urls(site).items():
        response = client.get(url)
        assert response.status_code in {200, 302, 403, 404}, (name, response.status_code)
        if response.status_code == 200:
            reached.add(name)
    return reached


def test_the_matrix_covers_every_record_url(site):
    assert set(urls(site)) == EVERYTHING


@pytest.mark.parametrize("role", PEOPLE_ACCESS)
def test_who_reaches_personal_data(client, site, role):
    assert reachable(client, person(role, site), site) == PEOPLE_ACCESS[role]


def test_every_group_that_exists_reaches_only_its_own_records(client, site):
    groups = set(Group.objects.values_list("name", flat=True))
    other_regions = {
        name for name in groups if name.startswith("Forum managers: ") and name not in GROUP_ACCESS
    }
    unknown = groups - set(GROUP_ACCESS) - other_regions
    assert not unknown, f"Groups missing from the permission matrix: {sorted(unknown)}"
    assert len(other_regions) == 11
    for name in sorted(groups):
        expected = GROUP_ACCESS.get(name, set())
        assert reachable(client, _in_groups(name), site) == expected, name


def test_wagtails_default_groups_grant_nothing_after_migrate(site):
    """Wagtail's own migrations create "Editors" and "Moderators" with rights over the root
    page; after the project's migrations, neither has a grant outside the directory."""
    assert not Group.objects.filter(name="Editors").exists()
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    granted_on = {
        perm.page.specific_class.__name__
        for perm in GroupPagePermission.objects.filter(group=moderators)
    }
    assert granted_on == {"DirectoryIndexPage"}
    assert not moderators.collection_permissions.filter(
        permission__content_type__app_label="wagtaildocs"
    ).exists()


def _grant_wagtails_defaults(group, documents=True):
    """What Wagtail's own migrations give its default groups: the admin, add, edit and
    publish from the root page, and every document."""
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    for codename in ("add_document", "change_document", "delete_document") if documents else ():
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )


def test_an_edit_right_on_the_root_page_does_not_open_forum_records(client, site):
    """As Wagtail's default Editors group had: the page editor opens, the records do not."""
    _grant_wagtails_defaults(Group.objects.create(name="Editors"), documents=False)
    editor = _in_groups("Editors")
    assert site["north_east"].permissions_for_user(editor).can_edit()
    assert not can_manage_forum(editor, site["north_east"])
    assert reachable(client, editor, site) == set()


def test_upgrading_takes_back_wagtails_default_grants(site):
    """An existing site still has Wagtail's defaults: the migration takes them back, keeps
    an Editors group that people are in (with nothing granted) and gives the moderators
    the directory instead of the whole site."""
    from django.apps import apps

    migration = importlib.import_module("home.migrations.0002_take_back_wagtail_default_grants")
    editors = Group.objects.create(name="Editors")
    _grant_wagtails_defaults(editors)
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    GroupPagePermission.objects.filter(group=moderators).delete()
    _grant_wagtails_defaults(moderators)
    editor = _in_groups("Editors")

    migration.take_back_default_grants(apps, None)

    assert not editors.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert not GroupCollectionPermission.objects.filter(group=editors).exists()
    assert not site["north_east"].permissions_for_user(editor).can_edit()
    granted_on = {
        perm.page.specific_class.__name__
        for perm in GroupPagePermission.objects.filter(group=moderators)
    }
    assert granted_on == {"DirectoryIndexPage"}
    assert not GroupCollectionPermission.objects.filter(
        group=moderators, permission__content_type__app_label="wagtaildocs"
    ).exists()


def test_a_forum_managers_documents_live_in_their_regions_collection(site):
    north_east = Group.objects.get(name=NORTH_EAST)
    collections = {
        perm.collection.name
        for perm in north_east.collection_permissions.select_related("collection")
    }
    assert collections == {"North East forum"}


def test_national_managers_explore_only_national_consultations(client, site):
    manager = _in_groups(NATIONAL_FORUM_MANAGERS)
    client.force_login(manager)
    forum_index = ForumIndexPage.objects.get(locale=Locale.get_default())
    listing = client.get(f"/admin/pages/{forum_index.pk}/")
    assert listing.status_code == 200
    assert "National survey" in listing.text
    assert "North East forum" not in listing.text
    regional_listing = client.get(f"/admin/pages/{site['north_east'].pk}/", follow=True)
    assert "North East forum meeting" not in regional_listing.text
    search = client.get("/admin/pages/search/", {"q": "North East"})
    assert "North East survey" not in search.text
    assert "North East forum meeting" not in search.text
    history = client.get(f"/admin/pages/{site['event'].pk}/history/")
    assert history.status_code in {302, 403}
