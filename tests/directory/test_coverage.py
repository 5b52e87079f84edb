"""Where an organisation or service works: some regions, or all of England and Wales."""

import pytest

from core.models import Region
from directory.models import OrganisationPage, ServicePage
from tests.factories import OrganisationPageFactory
from tests.factories.accounts import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_a_new_service_in_the_admin_starts_with_its_organisations_coverage(client):
    organisation = OrganisationPageFactory(regions=["wales", "south-west"])
    client.force_login(StaffUserFactory())

    response = client.get(f"/admin/pages/add/directory/servicepage/{organisation.pk}/")

    assert response.status_code == 200
    form = response.context["form"]
    chosen = {int(pk) for pk in form["regions"].value()}
    assert chosen == set(
        Region.objects.filter(slug__in=["wales", "south-west"]).values_list("pk", flat=True)
    )
    assert form["is_national"].value() is False


def test_a_new_service_of_a_national_organisation_starts_national(client):
    organisation = OrganisationPageFactory(is_national=True)
    client.force_login(StaffUserFactory())

    response = client.get(f"/admin/pages/add/directory/servicepage/{organisation.pk}/")

    assert response.context["form"]["is_national"].value() is True


def test_an_organisation_with_no_services_still_covers_its_declared_regions():
    organisation = OrganisationPageFactory(regions=["london"])

    assert list(organisation.coverage_regions().values_list("slug", flat=True)) == ["london"]
    assert OrganisationPage.objects.get(pk=organisation.pk).services.count() == 0
    assert not ServicePage.objects.filter(organisation=organisation).exists()
