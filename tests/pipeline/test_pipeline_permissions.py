"""Who may add, edit and publish opportunities: commissioners anywhere; a regional forum's
managers in their own region only; nobody else (a subcontract's lead provider runs its
partnering from the public site, with no admin right). Checked through the Wagtail admin's own
views and through the page permission tester."""

from django.contrib.auth.models import Group

from wagtail.models import Collection, GroupCollectionPermission

import pytest

from accounts.security import must_use_two_factor
from directory.models import OrganisationPage
from directory.permissions import COMMISSIONERS_GROUP, MODERATORS_GROUP, ensure_moderators_group
from forums.roles import NATIONAL_FORUM_MANAGERS, ensure_national_forum_managers_group
from pipeline.models import OpportunityPage
from pipeline.roles import (
    PIPELINE_COLLECTION,
    ensure_pipeline_roles,
    may_publish_for_regions,
    regrant_after_forum_saved,
)
from tests.factories import (
    ForumIndexPageFactory,
    OpportunityPageFactory,
    OrganisationPageFactory,
    PipelineIndexPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
    region,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app, member_of
from tests.pipeline.helpers import edit_form_data

pytestmark = pytest.mark.django_db

ROLES = ["commissioner", "london", "national", "moderator", "lead provider", "plain", "anonymous"]
LONDON = "Forum managers: London"


@pytest.fixture
def site(db):
    tree = build_site_tree()
    forum_index = ForumIndexPageFactory(parent=tree.home)
    ensure_national_forum_managers_group(forum_index)
    RegionalForumPageFactory(parent=forum_index, region="london")
    RegionalForumPageFactory(parent=forum_index, region="north-east")
    ensure_moderators_group()
    index = PipelineIndexPageFactory(parent=tree.home)
    ensure_pipeline_roles(index)
    return {
        "index": index,
        "london": OpportunityPageFactory(
            parent=index,
            title="London lot",
            regions=["london"],
            kind="subcontract",
            lead_provider=OrganisationPageFactory(title="Capital Homes Partnership"),
        ),
        "north_east": OpportunityPageFactory(
            parent=index, title="North East lot", regions=["north-east"]
        ),
        "national": OpportunityPageFactory(
            parent=index, title="National grant", regions=[], is_national=True
        ),
        "both": OpportunityPageFactory(
            parent=index, title="Two regions", regions=["london", "north-east"]
        ),
    }


def person(role):
    if role == "anonymous":
        return None
    if role == "lead provider":  # owns the London lot's lead provider: no admin rights
        organisation = OrganisationPage.objects.get(title="Capital Homes Partnership")
        return member_of(organisation)
    user = VerifiedUserFactory()
    group = {
        "commissioner": COMMISSIONERS_GROUP,
        "london": LONDON,
        "national": NATIONAL_FORUM_MANAGERS,
        "moderator": MODERATORS_GROUP,
    }.get(role)
    if group:
        user.groups.add(Group.objects.get(name=group))
    activate_authenticator_app(user)
    return user


# role: (may add under the index, the opportunities it may edit and publish)
EXPECTED = {
    "commissioner": (True, {"london", "north_east", "national", "both"}),
    "london": (True, {"london"}),
    "national": (False, set()),
    "moderator": (False, set()),
    "lead provider": (False, set()),
    "plain": (False, set()),
    "anonymous": (False, set()),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_permission_tester(site, role):
    user = person(role)
    if user is None:
        return  # the admin's views turn anonymous visitors away (below)
    may_add, editable = EXPECTED[role]
    index_permissions = site["index"].permissions_for_user(user)
    assert index_permissions.can_add_subpage() is may_add
    assert index_permissions.can_publish_subpage() is may_add
    assert index_permissions.can_edit() is (role == "commissioner")
    assert not index_permissions.can_delete()
    for name in ("london", "north_east", "national", "both"):
        permissions = site[name].permissions_for_user(user)
        assert permissions.can_edit() is (name in editable), name
        assert permissions.can_publish() is (name in editable), name
        assert permissions.can_unpublish() is (name in editable), name
        if role == "london":
            assert not permissions.can_delete()


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_views(client, site, role):
    user = person(role)
    if user is not None:
        client.force_login(user)
    may_add, editable = EXPECTED[role]
    add_url = f"/admin/pages/add/pipeline/opportunitypage/{site['index'].pk}/"
    assert (client.get(add_url).status_code == 200) is may_add
    index_edit = client.get(f"/admin/pages/{site['index'].pk}/edit/")
    assert (index_edit.status_code == 200) is (role == "commissioner")
    for name in ("london", "north_east", "national", "both"):
        page = site[name]
        edit = client.get(f"/admin/pages/{page.pk}/edit/")
        assert (edit.status_code == 200) is (name in editable), name
        unpublish = client.get(f"/admin/pages/{page.pk}/unpublish/")
        assert (unpublish.status_code == 200) is (name in editable), name


def test_a_regional_manager_publishes_their_regions_opportunity(client, site):
    client.force_login(person("london"))
    page = site["london"]
    data = edit_form_data(page, title="London lot (revised)")
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    assert OpportunityPage.objects.get(pk=page.pk).title == "London lot (revised)"


def test_a_regional_manager_cannot_publish_another_regions_opportunity(client, site):
    client.force_login(person("london"))
    page = site["north_east"]
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form_data(page, title="Taken over")
    )
    assert response.status_code in (302, 403)
    assert OpportunityPage.objects.get(pk=page.pk).title == "North East lot"


@pytest.mark.parametrize(
    "changes",
    [{"regions": ["north-east"]}, {"regions": ["london", "north-east"]}, {"is_national": "on"}],
    ids=["another-region", "another-region-too", "national"],
)
def test_a_regional_manager_cannot_move_their_opportunity_elsewhere(client, site, changes):
    client.force_login(person("london"))
    page = site["london"]
    data = edit_form_data(page, title="Moved")
    if "regions" in changes:
        data["regions"] = [region(slug).pk for slug in changes["regions"]]
    data.update({k: v for k, v in changes.items() if k != "regions"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "You can publish opportunities for your own region only" in response.text
    stored = OpportunityPage.objects.get(pk=page.pk)
    assert stored.title == "London lot" and not stored.is_national
    assert [r.slug for r in stored.regions.all()] == ["london"]


def test_regions_a_manager_may_publish_for(site):
    london, north_east = region("london"), region("north-east")
    manager, commissioner, plain = person("london"), person("commissioner"), person("plain")
    assert may_publish_for_regions(manager, [london], is_national=False)
    assert not may_publish_for_regions(manager, [london, north_east], is_national=False)
    assert not may_publish_for_regions(manager, [north_east], is_national=False)
    assert not may_publish_for_regions(manager, [london], is_national=True)
    assert not may_publish_for_regions(manager, [], is_national=False)
    assert may_publish_for_regions(commissioner, [], is_national=True)
    assert not may_publish_for_regions(plain, [london], is_national=False)
    assert not may_publish_for_regions(person("national"), [london], is_national=False)


def test_commissioners_must_use_two_factor_and_keep_the_pipelines_documents(site):
    commissioner = person("commissioner")
    assert must_use_two_factor(commissioner)
    collection = Collection.objects.get(name=PIPELINE_COLLECTION)
    granted = GroupCollectionPermission.objects.filter(
        group__name=COMMISSIONERS_GROUP, collection=collection
    ).values_list("permission__codename", flat=True)
    assert {"add_document", "choose_document"} <= set(granted)


def test_the_roles_survive_setting_up_again_and_saving_a_forum(site):
    london_group = Group.objects.get(name=LONDON)
    before = london_group.page_permissions.count()
    ensure_pipeline_roles(site["index"])
    assert london_group.page_permissions.count() == before
    forum = RegionalForumPageFactory._meta.model.objects.get(region__slug="london")
    forum.save()  # forums.roles takes back the group's grants outside its forum
    regrant_after_forum_saved(type(forum), forum)
    assert london_group.page_permissions.count() == before
    manager = person("london")
    assert site["index"].permissions_for_user(manager).can_add_subpage()
