import pytest

from directory.models import OrganisationMembership
from tests.factories import (
    EventPageFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory


@pytest.fixture
def tree(db):
    tree = build_site_tree()
    tree.forums = ForumIndexPageFactory(parent=tree.home)
    return tree


@pytest.fixture
def forum(tree):
    return RegionalForumPageFactory(parent=tree.forums, region="north-east")


@pytest.fixture
def other_forum(tree):
    return RegionalForumPageFactory(parent=tree.forums, region="london")


@pytest.fixture
def event(forum):
    return EventPageFactory(parent=forum, capacity=2)


@pytest.fixture
def charity(tree):
    return OrganisationPageFactory(title="Second Chances North East")


@pytest.fixture
def charity_worker(charity):
    """Someone who edits their charity's listing."""
    user = VerifiedUserFactory(first_name="Ada")
    OrganisationMembership.objects.create(user=user, organisation=charity, role="editor")
    return user


@pytest.fixture
def person(db):
    return VerifiedUserFactory()
