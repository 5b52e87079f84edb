"""A confidential location (a refuge, say) shows only its area: never its address or postcode."""

import pytest

from tests.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "7 Hidden Mews"
SECRET_POSTCODE = "ZX9 4QQ"
AREA = "Bradford"


@pytest.fixture
def refuge(tree):
    organisation = OrganisationPageFactory(title="Safe Haven Women", regions=["london"])
    service = ServicePageFactory(
        parent=organisation, title="Safe Haven Refuge", categories=["domestic-abuse-survivors"]
    )
    ServiceLocationFactory(
        service=service,
        name="The refuge",
        address=SECRET_ADDRESS,
        postcode=SECRET_POSTCODE,
        area=AREA,
        is_confidential=True,
    )
    return service


def html_of(client, page):
    response = client.get(page.get_url())
    assert response.status_code == 200
    return response.content.decode()


def assert_no_trace_of_the_address(html):
    assert SECRET_ADDRESS not in html
    assert SECRET_POSTCODE not in html
    assert SECRET_POSTCODE.replace(" ", "") not in html


def test_a_confidential_address_never_appears_on_the_service_page(client, refuge):
    assert_no_trace_of_the_address(html_of(client, refuge))


def test_the_area_of_a_confidential_location_appears_on_the_service_page(client, refuge):
    assert AREA in html_of(client, refuge)


def test_a_confidential_address_never_appears_on_the_organisation_page(client, refuge):
    html = html_of(client, refuge.organisation)

    assert "Safe Haven Refuge" in html
    assert_no_trace_of_the_address(html)


def test_a_confidential_address_never_appears_on_the_directory_page(client, tree, refuge):
    html = html_of(client, tree.directory)

    assert "Safe Haven Refuge" in html
    assert_no_trace_of_the_address(html)


def test_a_confidential_location_has_no_public_address(refuge):
    assert [location.public_address for location in refuge.locations.all()] == [""]


def test_a_location_that_is_not_confidential_shows_its_address_on_the_service_page(client, tree):
    service = ServicePageFactory(title="Leeds Housing Advice")
    ServiceLocationFactory(
        service=service, address="12 Market Street", postcode="LS1 6DT", area="Leeds"
    )

    html = html_of(client, service)

    assert "12 Market Street" in html
    assert "LS1 6DT" in html
    assert "Leeds" in html
