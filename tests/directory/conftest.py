from django.contrib.auth.models import Group
from django.http import Http404

from wagtail.coreutils import get_dummy_request

import pytest

from directory.permissions import MODERATORS_GROUP
from tests.directory.filter_directory import build_filter_directory
from tests.factories import build_site_tree
from tests.factories.accounts import (
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
)
from tests.factories.directory import OrganisationPageFactory
from tests.factories.team import MembershipFactory, OwnerFactory


@pytest.fixture
def tree(db):
    """A live home page as the default site's root, with the directory under it."""
    return build_site_tree()


@pytest.fixture
def routes_to():
    """Whether a page's URL routes to that page (without rendering it), or raises Http404."""

    def check(page):
        request = get_dummy_request()
        site = page.get_site()
        components = [part for part in page.get_url(request).split("/") if part]
        try:
            found, _args, _kwargs = site.root_page.localized.specific.route(request, components)
        except Http404:
            return False
        return found.pk == page.pk

    return check


@pytest.fixture
def world():
    """Two organisations, A and B, each with an owner, and people in every role."""
    a = OrganisationPageFactory(title="Alpha Aid")
    b = OrganisationPageFactory(title="Beta Support")
    owner_of_a = OwnerFactory(organisation=a).user
    editor_of_a = MembershipFactory(organisation=a).user
    OwnerFactory(organisation=b)
    moderator = VerifiedUserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    activate_authenticator_app(moderator)
    return {
        "a": a,
        "b": b,
        "anonymous": None,
        "non_member": VerifiedUserFactory(),
        "editor_of_a": editor_of_a,
        "owner_of_a": owner_of_a,
        "moderator": moderator,
        "admin": StaffUserFactory(),
    }


@pytest.fixture
def directory(tree):
    """Four organisations and eight listed services (plus one draft that must never show)."""
    build_filter_directory()
    return tree.directory
