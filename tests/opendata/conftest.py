"""A small public directory for the open data tests: everything the API publishes, and the
services it must leave out."""

import datetime
from dataclasses import dataclass, field

import pytest

from directory.identifiers import CharityRegulator
from directory.models import ServiceOpeningHours, ServiceState, StalenessStage
from tests.factories import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    build_site_tree,
)
from tests.factories.translations import welsh_version

# What a confidential location or organisation holds and must never publish.
SECRET_LOCATION = {"address": "7 Lantern Yard, Kingsdown", "postcode": "BS2 8QZ"}
SECRET_ORGANISATION = {"address": "19 Orchard Mews, Heaton", "postcode": "NE6 5RX"}


@dataclass
class OpenDirectory:
    """The pages a test needs by name, and the lists it checks against."""

    organisations: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    hidden_services: dict = field(default_factory=dict)
    hidden_organisations: dict = field(default_factory=dict)

    @property
    def public_service_ids(self):
        return {str(service.translation_key) for service in self.services.values()}

    @property
    def public_organisation_ids(self):
        return {str(org.translation_key) for org in self.organisations.values()}


def _organisations():
    return {
        "england": OrganisationPageFactory(
            title="Second Chances Trust",
            charity_regulator=CharityRegulator.ENGLAND_AND_WALES,
            charity_number="1098765",
            company_number="04567890",
            website="https://second-chances.example.org",
            email="hello@second-chances.example.org",
            phone="0113 496 0000",
            address="1 Mill Street, Leeds",
            postcode="LS1 4AP",
            regions=["yorkshire-and-the-humber"],
        ),
        "scotland": OrganisationPageFactory(
            title="Borders Mentoring",
            charity_regulator=CharityRegulator.SCOTLAND,
            charity_number="SC012345",
            is_national=True,
        ),
        "northern_ireland": OrganisationPageFactory(
            title="Foyle Families",
            charity_regulator=CharityRegulator.NORTHERN_IRELAND,
            charity_number="101234",
        ),
        "company": OrganisationPageFactory(title="Workwise Ltd", company_number="SC123456"),
        "refuge": OrganisationPageFactory(
            title="Safe Harbour Women's Aid",
            address=SECRET_ORGANISATION["address"],
            postcode=SECRET_ORGANISATION["postcode"],
            address_is_confidential=True,
            regions=["north-east"],
        ),
    }


def _opening_hours(service, *ranges):
    for weekday, opens, closes in ranges:
        ServiceOpeningHours.objects.create(
            service=service,
            weekday=weekday,
            opens_at=datetime.time(*opens),
            closes_at=datetime.time(*closes),
        )


def _public_services(orgs):
    housing = ServicePageFactory(
        parent=orgs["england"],
        title="Housing advice drop-in",
        categories=["housing-advice", "debt-advice"],
        client_groups=["women", "homelessness"],
        stages=["pre-release", "on-probation"],
        eligibility="Adults on probation in Leeds.",
        cost="Free",
        languages="English, Polish, Urdu",
        email="housing@second-chances.example.org",
        phone="0113 496 0001",
        website="https://second-chances.example.org/housing",
        opening_hours_note="Closed on bank holidays",
    )
    _opening_hours(housing, (0, (9, 0), (12, 30)), (0, (13, 30), (17, 0)), (4, (10, 0), (0, 0)))
    ServiceLocationFactory(service=housing, name="Drop-in centre", area="Leeds")
    mentoring = ServicePageFactory(
        parent=orgs["scotland"],
        title="Peer mentoring",
        categories=["mentoring"],
        stages=["on-probation", "after-sentence"],
        cost="",
        status=ServiceState.TEMPORARILY_CLOSED,
    )
    refuge = ServicePageFactory(
        parent=orgs["refuge"],
        title="Women's refuge",
        categories=["accommodation", "domestic-abuse-survivors"],
        client_groups=["women", "victims-survivors"],
        cost="Housing benefit covers the rent",
    )
    ServiceLocationFactory(
        service=refuge, name="Refuge", area="Bristol", is_confidential=True, **SECRET_LOCATION
    )
    jobs = ServicePageFactory(parent=orgs["company"], title="Job coaching")
    ServiceLocationFactory(
        service=jobs,
        name="",
        area="Glasgow",
        address="Unit 2, Clyde Works\n40 Dock Street",
        postcode="G1 4QT",
        accessibility="Step-free entrance",
    )
    return {
        "housing": housing,
        "mentoring": mentoring,
        "refuge": refuge,
        "families": ServicePageFactory(
            parent=orgs["northern_ireland"], title="Family visits", regions=["london", "wales"]
        ),
        "jobs": jobs,
    }


def _hidden_services():
    draft_organisation = OrganisationPageFactory(title="Draft Organisation")
    stale_organisation = OrganisationPageFactory(
        title="Stale Organisation", staleness_stage=StalenessStage.HIDDEN
    )
    services = {
        "unpublished": ServicePageFactory(title="Unpublished service"),
        "defunct": ServicePageFactory(title="Defunct service", status=ServiceState.DEFUNCT),
        "under_draft": ServicePageFactory(parent=draft_organisation, title="Orphaned service"),
        "stale": ServicePageFactory(parent=stale_organisation, title="Stale service"),
    }
    services["unpublished"].unpublish()
    draft_organisation.unpublish()
    return services, {"draft": draft_organisation}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """These tests walk every page: the per-client rate limit is tested on its own."""
    settings.OPEN_DATA_API_RATE = "100000/m"


@pytest.fixture
def api_json(client):
    """GET an API path; the JSON body, after checking the status and the content type."""

    def get(path, status=200, **params):
        response = client.get(path, params)
        body = response.content[:500]
        assert response.status_code == status, (path, params, response.status_code, body)
        assert response["Content-Type"].startswith("application/json"), (path, params, body)
        return response.json()

    return get


@pytest.fixture
def open_directory(db):
    build_site_tree()
    orgs = _organisations()
    directory = OpenDirectory(organisations=orgs, services=_public_services(orgs))
    directory.hidden_services, directory.hidden_organisations = _hidden_services()
    # A Welsh version shares its English page's id: it is never a record of its own. (Not
    # of an organisation with charity numbers: copying it for translation breaks the
    # numbers' unique constraints.)
    directory.welsh = welsh_version(directory.services["refuge"], title="Lloches i fenywod")
    return directory


@pytest.fixture
def many_services(db):
    """Adds `count` more public services (each with a location, hours and terms)."""

    build_site_tree()
    organisation = OrganisationPageFactory(
        charity_regulator=CharityRegulator.ENGLAND_AND_WALES, charity_number="1123456"
    )
    made = []

    def build(count):
        for number in range(len(made), len(made) + count):
            service = ServicePageFactory(
                parent=organisation,
                title=f"Service {number}",
                client_groups=["women"],
                stages=["on-probation"],
                languages="English, Welsh",
            )
            ServiceLocationFactory(service=service, is_confidential=number % 2 == 0)
            _opening_hours(service, (number % 7, (9, 0), (17, 0)))
            made.append(service)

    return build
