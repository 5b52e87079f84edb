"""Organisations with no listed service are found too: after the services, labelled as
organisations, with "Is this your organisation? Claim it" for imported ones. On every
backend: the database answers for organisations even when the engine answers for services."""

from django.core.cache import cache

import pytest

from directory.models import (
    DirectoryIndexPage,
    OrganisationSource,
    OrganisationStatus,
    StalenessStage,
)
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

YORKSHIRE = "yorkshire-and-the-humber"


@pytest.fixture(autouse=True)
def fresh_reference_data():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(backend):
    imported = OrganisationPageFactory(
        title="Calder Valley Women's Refuge",
        summary="Safe housing and advice for women and children.",
        regions=[YORKSHIRE],
        source=OrganisationSource.IMPORTED,
    )
    OrganisationPageFactory(
        title="Thames Women's Refuge",
        summary="Safe housing for women.",
        regions=["london"],
        source=OrganisationSource.IMPORTED,
    )
    listing = OrganisationPageFactory(
        title="Aire Women's Refuge Trust", summary="Refuge for women.", regions=[YORKSHIRE]
    )
    ServicePageFactory(parent=listing, title="Aire refuge rooms", categories=["accommodation"])
    OrganisationPageFactory(
        title="Forgotten Women's Refuge",
        summary="Refuge for women.",
        regions=[YORKSHIRE],
        staleness_stage=StalenessStage.HIDDEN,
        keep_listed=False,
    )
    backend.refresh()
    return imported


@pytest.fixture
def directory_page(directory):
    return DirectoryIndexPage.objects.get()


def organisation_results(client, directory_page, **params):
    response = client.get(directory_page.get_url(), params)
    assert response.status_code == 200
    return response


def test_an_organisation_with_no_services_is_found_labelled_with_a_claim_link(
    client, directory, directory_page
):
    response = organisation_results(client, directory_page, q="women's refuge Leeds")
    titles = [result.title for result in response.context["organisation_results"]]

    assert titles == ["Calder Valley Women's Refuge"]
    assert response.context["organisation_total"] == 1
    html = response.content.decode()
    assert "Organisations with no services listed yet" in html
    assert f"/listing/{directory.pk}/claim/" in html


def test_an_organisation_that_lists_services_is_found_through_them_only(
    client, directory, directory_page
):
    response = organisation_results(client, directory_page, q="refuge")
    titles = {result.title for result in response.context["organisation_results"]}

    assert "Aire Women's Refuge Trust" not in titles
    assert "Forgotten Women's Refuge" not in titles  # hidden as stale
    assert titles == {"Calder Valley Women's Refuge", "Thames Women's Refuge"}


def test_a_claimed_organisation_offers_no_claim_link(client, directory, directory_page):
    OrganisationStatus.objects.filter(organisation=directory).update(is_claimed=True)

    response = organisation_results(client, directory_page, q="Calder Valley")

    (result,) = response.context["organisation_results"]
    assert result.claim_url is None


def test_a_filter_about_services_leaves_organisations_out(client, directory, directory_page):
    response = organisation_results(client, directory_page, q="refuge", category="accommodation")

    assert response.context["organisation_results"] == []


def test_a_region_filter_applies_to_organisations(client, directory, directory_page):
    response = organisation_results(client, directory_page, q="refuge", region="london")
    titles = [result.title for result in response.context["organisation_results"]]

    assert titles == ["Thames Women's Refuge"]
