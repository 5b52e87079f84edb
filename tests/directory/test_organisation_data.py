"""Download an organisation's data: its listing, services with their terms, and its team."""

import pytest

from core.models import ClientGroup, LedByAndFor, ServiceCategory
from directory.exports import organisation_data
from tests.factories.core import term
from tests.factories.directory import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
)
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationPageFactory(
        title="Alpha Aid",
        regions=["london", "wales"],
        led_by_and_for=["women"],
        charity_regulator="ccew",
        charity_number="1234567",
    )
    service = ServicePageFactory(
        parent=organisation,
        title="Refuge",
        categories=["housing-advice"],
        client_groups=["women"],
        stages=["on-probation"],
    )
    ServiceLocationFactory(service=service, address="4 Hidden Lane", is_confidential=True)
    OwnerFactory(organisation=organisation, user__email="owner@alpha.example.org")
    MembershipFactory(organisation=organisation, user__email="editor@alpha.example.org")
    InvitationFactory(organisation=organisation, email="invitee@example.org")
    other = OrganisationPageFactory(title="Beta Support")
    ServicePageFactory(parent=other, title="Other service")
    MembershipFactory(organisation=other, user__email="someone@beta.example.org")
    return organisation


def test_the_organisation_data_has_the_listing_services_with_term_names_and_team(organisation):
    data = organisation_data(organisation)
    assert data["organisation"]["name"] == "Alpha Aid"
    assert data["organisation"]["charity_number"] == "1234567"
    assert sorted(data["organisation"]["regions"]) == ["London", "Wales"]
    assert data["organisation"]["led_by_and_for"] == [term(LedByAndFor, "women").name]
    [service] = data["services"]
    assert service["name"] == "Refuge"
    assert service["categories"] == [term(ServiceCategory, "housing-advice").name]
    assert service["client_groups"] == [term(ClientGroup, "women").name]
    assert len(service["justice_stages"]) == 1
    # The team's own data: the confidential address is theirs to keep.
    assert service["locations"][0]["address"] == "4 Hidden Lane"
    assert service["locations"][0]["confidential"] is True
    assert {(m["email"], m["role"]) for m in data["team"]} == {
        ("owner@alpha.example.org", "owner"),
        ("editor@alpha.example.org", "editor"),
    }


def test_the_organisation_data_leaves_out_other_organisations(client, organisation):
    owner = organisation.memberships.get(role="owner").user
    client.force_login(owner)
    text = client.get(f"/manage/{organisation.pk}/data.json").content.decode()
    assert "Alpha Aid" in text
    assert "Beta Support" not in text
    assert "Other service" not in text
    assert "someone@beta.example.org" not in text
    assert "invitee@example.org" not in text


def test_the_organisation_data_takes_a_fixed_number_of_queries(
    organisation, django_assert_max_num_queries
):
    for _ in range(5):
        ServicePageFactory(parent=organisation, categories=["housing-advice", "debt-advice"])
    with django_assert_max_num_queries(16):
        organisation_data(organisation)
