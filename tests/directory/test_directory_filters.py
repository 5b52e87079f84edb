"""The directory's filters, on a small hand-built directory where every answer is known (see
filter_directory): each filter alone, filters combined (AND across filters, OR within one)
and national services in every region. The search entry point is asked directly, and the
directory page is asked through its URL parameters."""

import pytest

from core.models import Region
from tests.directory.filter_directory import ALL_SERVICES, NATIONAL, found, found_on_page

pytestmark = pytest.mark.django_db


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
