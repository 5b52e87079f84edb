"""The directory's filters, on a small hand-built directory where every answer is known.

Each filter alone, filters combined (AND across filters, OR within one), national services in
every region, disjunctive facet counts, bad input, and the "no results" suggestion. The search
entry point is asked directly, and the directory page is asked through its URL parameters.
"""

import pytest

from core.models import Region
from directory.models import CapacityStatus
from search.api import SearchQuery, search
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def directory(tree):
    """Four organisations and eight listed services (plus one draft that must never show)."""
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
    ServicePageFactory(
        parent=welsh,
        title="Cardiff Recovery Cafe",
        categories=["recovery-communities", "alcohol"],
        client_groups=["homelessness"],
        stages=["on-probation"],
        delivered_in_person=True,
        capacity=CapacityStatus.WAITING_LIST,
    )
    return tree.directory


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


SINGLE_FILTERS = [
    pytest.param(
        {"region": ["london"]},
        {"Hackney Women Centre", "London Abuse Helpline", "Lambeth Housing Link", *NATIONAL},
        id="region",
    ),
    pytest.param(
        {"region": ["yorkshire-and-the-humber"]},
        {"Leeds Housing Advice", "Sheffield Supported Housing", *NATIONAL},
        id="another-region",
    ),
    pytest.param(
        {"category": ["accommodation"]},
        {"Leeds Housing Advice", "Sheffield Supported Housing", "Lambeth Housing Link"},
        id="top-level-category-matches-its-subcategories",
    ),
    pytest.param(
        {"category": ["housing-advice"]},
        {"Leeds Housing Advice", "Lambeth Housing Link"},
        id="subcategory",
    ),
    pytest.param(
        {"group": ["women"]},
        {"Hackney Women Centre", "London Abuse Helpline", "Lambeth Housing Link"},
        id="group",
    ),
    pytest.param(
        {"stage": ["pre-release"]},
        {"Leeds Housing Advice", "Lambeth Housing Link", "Through the Gate Mentors"},
        id="stage",
    ),
    pytest.param(
        {"delivery": ["phone"]},
        {"Sheffield Supported Housing", "London Abuse Helpline", "Through the Gate Mentors"},
        id="delivery",
    ),
    pytest.param(
        {"capacity": ["accepting"]},
        {
            "Leeds Housing Advice",
            "Hackney Women Centre",
            "Lambeth Housing Link",
            "Through the Gate Mentors",
            "Online Peer Support",
        },
        id="capacity",
    ),
    pytest.param(
        {"led_by": ["lived-experience"]},
        {"Leeds Housing Advice", "Sheffield Supported Housing", "Cardiff Recovery Cafe"},
        id="led-by",
    ),
    pytest.param(
        {"commissioning": ["moj-grant"]},
        {"Hackney Women Centre", "London Abuse Helpline", "Lambeth Housing Link"},
        id="commissioning",
    ),
    pytest.param(
        {"commissioning": ["outside-commissioning"]},
        NATIONAL,
        id="outside-commissioning",
    ),
    pytest.param(
        {"income": ["under-10k"]},
        NATIONAL,
        id="income",
    ),
]

COMBINED_FILTERS = [
    pytest.param(
        {"region": ["london"], "category": ["accommodation"]},
        {"Lambeth Housing Link"},
        id="region-and-category",
    ),
    pytest.param(
        {"region": ["london", "wales"]},
        {
            "Hackney Women Centre",
            "London Abuse Helpline",
            "Lambeth Housing Link",
            "Cardiff Recovery Cafe",
            *NATIONAL,
        },
        id="two-regions",
    ),
    pytest.param(
        {"category": ["accommodation", "dependency-recovery"]},
        {
            "Leeds Housing Advice",
            "Sheffield Supported Housing",
            "Lambeth Housing Link",
            "Cardiff Recovery Cafe",
        },
        id="two-categories",
    ),
    pytest.param(
        {"group": ["women"], "capacity": ["accepting"]},
        {"Hackney Women Centre", "Lambeth Housing Link"},
        id="group-and-capacity",
    ),
    pytest.param(
        {
            "region": ["yorkshire-and-the-humber"],
            "stage": ["on-probation"],
            "capacity": ["accepting"],
        },
        {"Leeds Housing Advice"},
        id="region-stage-and-capacity",
    ),
    pytest.param(
        {"delivery": ["online", "phone"]},
        {
            "Sheffield Supported Housing",
            "London Abuse Helpline",
            "Through the Gate Mentors",
            "Online Peer Support",
        },
        id="two-delivery-methods",
    ),
    pytest.param(
        {"commissioning": ["moj-grant", "outside-commissioning"]},
        {"Hackney Women Centre", "London Abuse Helpline", "Lambeth Housing Link", *NATIONAL},
        id="a-relationship-or-outside-commissioning",
    ),
    pytest.param(
        {"commissioning": ["outside-commissioning"], "capacity": ["accepting"]},
        NATIONAL,
        id="outside-commissioning-and-capacity",
    ),
    pytest.param(
        {"led_by": ["women", "lived-experience"], "income": ["100k-500k", "10k-100k"]},
        {
            "Hackney Women Centre",
            "London Abuse Helpline",
            "Lambeth Housing Link",
            "Cardiff Recovery Cafe",
        },
        id="two-led-by-and-two-incomes",
    ),
    pytest.param(
        {"led_by": ["lived-experience"], "commissioning": ["outside-commissioning"]},
        set(),
        id="nothing-matches",
    ),
]


def test_with_no_filters_every_listed_service_is_found(directory):
    assert found({}) == ALL_SERVICES


@pytest.mark.parametrize(("filters", "expected"), SINGLE_FILTERS)
def test_each_filter_alone_finds_exactly_its_services(directory, filters, expected):
    assert found(filters) == expected


@pytest.mark.parametrize(("filters", "expected"), COMBINED_FILTERS)
def test_filters_combine_with_and_across_filters_and_or_within_one(directory, filters, expected):
    assert found(filters) == expected


@pytest.mark.parametrize(("filters", "expected"), SINGLE_FILTERS + COMBINED_FILTERS)
def test_the_directory_page_finds_the_same_services_from_its_url(
    client, directory, filters, expected
):
    assert found_on_page(client, directory, filters) == expected


def test_national_services_appear_in_every_region(directory):
    for region in Region.objects.in_default_locale():
        assert found({"region": [region.slug]}) >= NATIONAL, region.slug


def test_a_region_with_no_services_of_its_own_shows_only_national_services(directory):
    assert found({"region": ["north-east"]}) == NATIONAL


def test_unknown_filter_values_and_parameters_are_ignored(client, directory):
    params = {"region": ["atlantis", "london"], "category": ["nonsense"], "colour": ["blue"]}

    results = search("services", SearchQuery.from_params(_querydict(params), "services"))

    assert results.query.filters == {"region": ["london"]}
    assert found_on_page(client, directory, params) == found({"region": ["london"]})


def test_only_unknown_filter_values_show_every_service(client, directory):
    params = {"region": ["atlantis"], "income": ["a-billion"], "capacity": ["always"]}

    assert found_on_page(client, directory, params) == ALL_SERVICES


@pytest.mark.parametrize("page", ["abc", "0", "-3", "", "1.5"])
def test_a_page_number_that_is_not_a_positive_whole_number_gives_the_first_page(
    client, directory, page
):
    assert SearchQuery.from_params(_querydict({"page": [page]}), "services").page == 1

    response = client.get(directory.get_url(), {"page": page})

    assert response.status_code == 200
    assert response.context["search"].page.number == 1


def test_a_page_number_beyond_the_last_page_gives_the_last_page(directory):
    results = search("services", SearchQuery(page=999, per_page=3))

    assert results.page.number == 3
    assert [service.title for service in results.results] == [
        "Sheffield Supported Housing",
        "Through the Gate Mentors",
    ]


def test_a_page_number_beyond_the_last_page_on_the_directory_page_gives_the_last_page(
    client, directory
):
    response = client.get(directory.get_url(), {"page": "999999999999"})

    assert response.status_code == 200
    assert response.context["search"].page.number == 1  # eight services fit on one page
    assert response.context["search"].total == len(ALL_SERVICES)


# Facet counts


def counts(results, param):
    facet = next(facet for facet in results.facets if facet.param == param)
    return {
        option.value: option.count
        for parent in facet.options
        for option in [parent, *parent.children]
    }


def test_facet_counts_with_no_filters_count_every_listed_service(directory):
    results = search("services", SearchQuery())

    regions = counts(results, "region")
    assert regions["london"] == 5
    assert regions["yorkshire-and-the-humber"] == 4
    assert regions["wales"] == 3
    assert regions["north-east"] == 2
    assert counts(results, "category")["accommodation"] == 3
    assert counts(results, "category")["housing-advice"] == 2
    assert counts(results, "commissioning")["outside-commissioning"] == 2
    assert counts(results, "capacity") == {"accepting": 5}
    assert counts(results, "delivery") == {"in-person": 6, "online": 2, "phone": 3}


def test_choosing_a_region_keeps_the_other_regions_counts(directory):
    others_applied = {"capacity": ["accepting"], "group": ["women", "homelessness"]}

    without_region = search("services", SearchQuery(filters=others_applied))
    with_region = search("services", SearchQuery(filters={**others_applied, "region": ["london"]}))

    assert counts(with_region, "region") == counts(without_region, "region")
    assert counts(with_region, "region")["wales"] == 0
    assert counts(with_region, "region")["yorkshire-and-the-humber"] == 1
    assert counts(with_region, "region")["london"] == 2


def test_choosing_a_region_narrows_the_counts_of_the_other_facets(directory):
    everywhere = search("services", SearchQuery())
    in_wales = search("services", SearchQuery(filters={"region": ["wales"]}))

    assert counts(everywhere, "led_by")["lived-experience"] == 3
    assert counts(in_wales, "led_by")["lived-experience"] == 1


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"region": ["london"]},
        {"region": ["london"], "capacity": ["accepting"]},
        {"category": ["accommodation"], "stage": ["pre-release"]},
        {"commissioning": ["outside-commissioning"], "delivery": ["online"]},
        {"commissioning": ["moj-grant", "outside-commissioning"]},
    ],
    ids=[
        "no-filters",
        "region",
        "region-and-capacity",
        "category-and-stage",
        "outside-commissioning-and-online",
        "a-relationship-or-outside-commissioning",
    ],
)
def test_every_count_is_the_number_of_results_choosing_that_option_would_give(directory, filters):
    results = search("services", SearchQuery(filters=filters))

    for facet in results.facets:
        for value, count in counts(results, facet.param).items():
            # Options within a facet are alternatives: a chosen facet's other options are
            # counted as if chosen instead (disjunctive), the others as if added.
            chosen = {**filters, facet.param: [value]}
            assert count == len(found(chosen)), (facet.param, value)


# No results


def test_when_nothing_matches_each_chosen_filter_says_how_many_results_removing_it_gives(
    directory,
):
    results = search(
        "services",
        SearchQuery(
            filters={"led_by": ["lived-experience"], "commissioning": ["outside-commissioning"]}
        ),
    )

    assert results.total == 0
    assert {facet.param: count for facet, count in results.relaxations} == {
        "led_by": 2,
        "commissioning": 3,
    }


def test_when_something_matches_no_filter_removal_is_suggested(directory):
    results = search("services", SearchQuery(filters={"region": ["london"]}))

    assert results.relaxations == []


def test_the_page_with_no_results_suggests_the_filter_to_remove_and_what_it_would_give(
    client, directory
):
    response = client.get(
        directory.get_url(),
        {"led_by": "lived-experience", "commissioning": "outside-commissioning"},
    )

    assert response.status_code == 200
    assert [(facet.param, count, url) for facet, count, url in response.context["relaxations"]] == [
        ("led_by", 2, "?commissioning=outside-commissioning"),
        ("commissioning", 3, "?led_by=lived-experience"),
    ]
    html = response.content.decode()
    assert "Remove “Led by and for” to see 2 services" in html
    assert "Remove “Relationship to HMPPS commissioning” to see 3 services" in html
    assert 'href="?commissioning=outside-commissioning"' in html


def _querydict(params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, values)
    return query
