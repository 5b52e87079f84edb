"""Who sees a service: `ServicePage.objects.public()` (at all) and `.listed()` (by default)."""

import pytest

from directory.models import (
    CapacityStatus,
    OrganisationStatus,
    ServicePage,
    ServiceState,
    ServiceStatus,
    StalenessStage,
)
from search.api import SearchQuery, search
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_a_live_service_of_a_live_organisation_is_public_listed_and_reachable(tree, routes_to):
    service = ServicePageFactory(title="Housing advice")

    assert titles(ServicePage.objects.public()) == {"Housing advice"}
    assert titles(ServicePage.objects.listed()) == {"Housing advice"}
    assert routes_to(service)


def test_a_draft_organisation_hides_its_live_services(tree):
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)

    organisation.unpublish()

    service.refresh_from_db()
    assert service.live
    assert not ServicePage.objects.public().filter(pk=service.pk).exists()
    assert not ServicePage.objects.listed().filter(pk=service.pk).exists()


def test_the_url_of_a_live_service_under_a_draft_organisation_is_not_found(tree, client, routes_to):
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)

    organisation.unpublish()

    assert not routes_to(service)
    assert client.get(service.get_url()).status_code == 404


def test_a_defunct_service_is_not_public(tree):
    service = ServicePageFactory(status=ServiceState.DEFUNCT)

    assert not ServicePage.objects.public().filter(pk=service.pk).exists()


def test_the_url_of_a_defunct_service_is_not_found(tree, client, routes_to):
    service = ServicePageFactory()
    assert routes_to(service)

    service.status = ServiceState.DEFUNCT
    service.save()

    assert not routes_to(service)
    assert client.get(service.get_url()).status_code == 404


@pytest.mark.parametrize("status", [ServiceState.TEMPORARILY_CLOSED, ServiceState.INACTIVE])
def test_a_temporarily_closed_or_inactive_service_stays_public_and_says_so(tree, status):
    service = ServicePageFactory(status=status)

    assert ServicePage.objects.public().filter(pk=service.pk).exists()


def test_an_unpublished_service_is_not_public(tree):
    service = ServicePageFactory()

    service.unpublish()

    assert not ServicePage.objects.public().filter(pk=service.pk).exists()


def test_a_service_never_published_is_not_public(tree):
    service = ServicePageFactory(live=False)

    assert not ServicePage.objects.public().filter(pk=service.pk).exists()


def mark_stale(organisation, stage=StalenessStage.HIDDEN, keep_listed=False):
    OrganisationStatus.objects.filter(organisation=organisation).update(
        staleness_stage=stage, keep_listed=keep_listed
    )


def test_a_stale_organisations_services_are_public_but_not_listed(tree):
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)

    mark_stale(organisation)

    assert ServicePage.objects.public().filter(pk=service.pk).exists()
    assert not ServicePage.objects.listed().filter(pk=service.pk).exists()


def test_a_stale_organisation_a_moderator_kept_listed_stays_listed(tree):
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)

    mark_stale(organisation, keep_listed=True)

    assert ServicePage.objects.listed().filter(pk=service.pk).exists()


@pytest.mark.parametrize(
    "stage",
    [
        StalenessStage.CURRENT,
        StalenessStage.REMINDED,
        StalenessStage.FLAGGED,
        StalenessStage.FINAL_REMINDER,
    ],
)
def test_an_organisation_not_yet_hidden_by_the_staleness_ladder_stays_listed(tree, stage):
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)

    mark_stale(organisation, stage=stage)

    assert ServicePage.objects.listed().filter(pk=service.pk).exists()


def test_a_stale_organisations_service_is_still_reachable_by_its_url(tree, routes_to):
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)

    mark_stale(organisation)

    assert routes_to(service)


def test_the_directory_search_shows_listed_services_only(tree):
    ServicePageFactory(title="Current service")
    stale = OrganisationPageFactory()
    ServicePageFactory(parent=stale, title="Stale service")
    mark_stale(stale)
    ServicePageFactory(title="Defunct service", status=ServiceState.DEFUNCT)
    ServicePageFactory(title="Draft service", live=False)

    results = search("services", SearchQuery())

    assert [service.title for service in results.results] == ["Current service"]


def test_a_service_belongs_to_the_organisation_it_is_created_under(tree):
    organisation = OrganisationPageFactory()

    service = ServicePageFactory(parent=organisation)

    assert service.organisation == organisation


def test_moving_a_service_to_another_organisation_updates_its_organisation(tree):
    old_home = OrganisationPageFactory(title="Old home")
    new_home = OrganisationPageFactory(title="New home")
    service = ServicePageFactory(parent=old_home)

    service.move(new_home, pos="last-child")

    service.refresh_from_db()
    assert service.organisation == new_home
    assert list(ServicePage.objects.child_of(new_home)) == [service]


def test_a_moved_service_follows_the_visibility_of_its_new_organisation(tree):
    live_organisation = OrganisationPageFactory()
    draft_organisation = OrganisationPageFactory(live=False)
    service = ServicePageFactory(parent=live_organisation)

    service.move(draft_organisation, pos="last-child")

    assert not ServicePage.objects.public().filter(pk=service.pk).exists()


def test_a_new_service_gets_an_operational_status_accepting_referrals(tree):
    service = ServicePageFactory()

    status = ServiceStatus.objects.get(service=service)
    assert status.capacity == CapacityStatus.ACCEPTING
    assert status.last_confirmed_at is None


def test_a_new_organisation_gets_an_operational_status_that_is_current_and_unclaimed(tree):
    organisation = OrganisationPageFactory()

    status = OrganisationStatus.objects.get(organisation=organisation)
    assert status.staleness_stage == StalenessStage.CURRENT
    assert not status.is_claimed
    assert not status.keep_listed
