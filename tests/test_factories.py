"""Every factory builds a valid, saved object in the right place of the tree."""

from wagtail.models import Page, Site

import pytest

from tests.factories import (
    ContentPageFactory,
    DirectoryIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ForumIndexPageFactory,
    ForumMembershipFactory,
    HomePageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    UserFactory,
    build_site_tree,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_saved_object():
    user = UserFactory()
    tree = build_site_tree()
    content = ContentPageFactory(parent=tree.home)
    organisation = OrganisationPageFactory(
        regions=["london", "wales"],
        led_by_and_for=["women"],
        commissioning_relationships=["moj-grant"],
    )
    service = ServicePageFactory(
        parent=organisation,
        categories=["housing-advice", "debt-advice"],
        client_groups=["women"],
        stages=["on-probation"],
    )
    location = ServiceLocationFactory(service=service)
    forum_index = ForumIndexPageFactory(parent=tree.home)
    forum = RegionalForumPageFactory(parent=forum_index, region="london")
    event = EventPageFactory(parent=forum)
    registration = EventRegistrationFactory(event=event, user=user)
    membership = ForumMembershipFactory(forum=forum, organisation=organisation)

    assert user.check_password("a long and memorable test password")
    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk
    assert tree.directory.get_parent().specific == tree.home
    assert content.get_parent().specific == tree.home
    assert organisation.get_parent().specific == tree.directory
    assert service.organisation == organisation
    assert list(location.service.locations.all()) == [location]
    assert forum.get_parent().specific == forum_index
    assert forum.region.slug == "london"
    assert event.get_parent().specific == forum
    assert event.forum_region == forum.region
    assert list(event.registrations.all()) == [registration]
    assert list(forum.memberships.all()) == [membership]
    assert {c.slug for c in service.categories.all()} == {"housing-advice", "debt-advice"}
    assert {r.slug for r in service.regions.all()} == {"london", "wales"}
    assert all(
        page.live for page in [tree.home, tree.directory, content, organisation, service, forum]
    )


def test_factories_build_the_site_tree_when_a_test_has_not():
    service = ServicePageFactory()

    assert service.get_url() is not None
    assert Page.objects.type(HomePageFactory._meta.model).count() == 1
    assert DirectoryIndexPageFactory._meta.model.objects.count() == 1
