"""A small hand-built directory where every filter's answer is known, and how to ask it.

Four organisations (Yorkshire, London, Wales and national) and eight listed services, plus one
draft that must never show."""

from directory.models import CapacityStatus
from search.api import SearchQuery, search
from tests.factories import OrganisationPageFactory, ServicePageFactory

ALL_SERVICES = {
    "Leeds Housing Advice",
    "Sheffield Supported Housing",
    "Hackney Women Centre",
    "London Abuse Helpline",
    "Lambeth Housing Link",
    "Through the Gate Mentors",
    "Online Peer Support",
    "Cardiff Recovery Cafe",
}
NATIONAL = {"Through the Gate Mentors", "Online Peer Support"}


def build_filter_directory():
    """Four organisations and eight listed services (plus one draft that must never show)."""
    northern, london, national, welsh = add_organisations()
    add_northern_services(northern)
    add_london_services(london)
    add_national_services(national)
    add_welsh_services(welsh)


def add_organisations():
    northern = OrganisationPageFactory(
        title="Northern Homes Trust",
        regions=["yorkshire-and-the-humber"],
        led_by_and_for=["lived-experience"],
        commissioning_relationships=["crs-lead-provider"],
        income_band="1m-5m",
    )
    london = OrganisationPageFactory(
        title="London Women Together",
        regions=["london"],
        led_by_and_for=["women", "racially-minoritised"],
        commissioning_relationships=["moj-grant", "crs-supply-chain"],
        income_band="100k-500k",
    )
    national = OrganisationPageFactory(
        title="Second Chance Mentors",
        is_national=True,
        income_band="under-10k",
    )
    welsh = OrganisationPageFactory(
        title="Valleys Recovery",
        regions=["wales"],
        led_by_and_for=["lived-experience"],
        commissioning_relationships=["dynamic-framework"],
        income_band="10k-100k",
    )
    return northern, london, national, welsh


def add_northern_services(northern):
    """In Yorkshire: two listed services, and a draft that must never show."""
    ServicePageFactory(
        parent=northern,
        title="Leeds Housing Advice",
        categories=["housing-advice"],
        client_groups=["homelessness"],
        stages=["pre-release", "on-probation"],
        delivered_in_person=True,
    )
    ServicePageFactory(
        parent=northern,
        title="Sheffield Supported Housing",
        categories=["supported-housing"],
        client_groups=["young-adults"],
        stages=["on-probation"],
        delivered_in_person=True,
        delivered_by_phone=True,
        capacity=CapacityStatus.WAITING_LIST,
    )
    ServicePageFactory(
        parent=northern,
        title="Unpublished Housing Draft",
        live=False,
        regions=["london"],
        categories=["housing-advice"],
        client_groups=["women"],
    )


def add_london_services(london):
    """In London."""
    ServicePageFactory(
        parent=london,
        title="Hackney Women Centre",
        categories=["womens-centres", "mental-health"],
        client_groups=["women"],
        stages=["on-probation", "after-sentence"],
        delivered_in_person=True,
    )
    ServicePageFactory(
        parent=london,
        title="London Abuse Helpline",
        categories=["domestic-abuse-survivors"],
        client_groups=["women", "victims-survivors"],
        stages=["after-sentence"],
        delivered_in_person=False,
        delivered_online=True,
        delivered_by_phone=True,
        capacity=CapacityStatus.PAUSED,
    )
    ServicePageFactory(
        parent=london,
        title="Lambeth Housing Link",
        categories=["housing-advice", "tenancy-sustainment"],
        client_groups=["homelessness", "women"],
        stages=["pre-release"],
        delivered_in_person=True,
    )


def add_national_services(national):
    """National: found in every region."""
    ServicePageFactory(
        parent=national,
        title="Through the Gate Mentors",
        categories=["through-the-gate-mentoring"],
        client_groups=["young-adults", "veterans"],
        stages=["in-prison", "pre-release"],
        delivered_in_person=True,
        delivered_by_phone=True,
    )
    ServicePageFactory(
        parent=national,
        title="Online Peer Support",
        categories=["lived-experience-peer-support", "emotional-wellbeing"],
        stages=["after-sentence"],
        delivered_in_person=False,
        delivered_online=True,
    )


def add_welsh_services(welsh):
    """In Wales."""
    ServicePageFactory(
        parent=welsh,
        title="Cardiff Recovery Cafe",
        categories=["recovery-communities", "alcohol"],
        client_groups=["homelessness"],
        stages=["on-probation"],
        delivered_in_person=True,
        capacity=CapacityStatus.WAITING_LIST,
    )


def found(filters, **query):
    """Titles the search entry point returns for these filters (each title once)."""
    results = search("services", SearchQuery(filters=filters, per_page=100, **query))
    titles = [service.title for service in results.results]
    assert len(titles) == len(set(titles)) == results.total, f"duplicates in {titles}"
    return set(titles)


def found_on_page(client, directory, params):
    """Titles the directory page lists for these URL parameters."""
    response = client.get(directory.get_url(), params)
    assert response.status_code == 200
    results = response.context["search"]
    titles = [service.title for service in results.results]
    html = response.content.decode()
    for title in titles:
        assert title in html
    assert len(titles) == len(set(titles)) == results.total
    return set(titles)
