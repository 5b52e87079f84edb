"""The directory's facet counts (disjunctive): each count is the number of results choosing
that option would give, on a hand-built directory where every answer is known."""

import pytest

from search.api import SearchQuery, search
from tests.directory.filter_directory import found

pytestmark = pytest.mark.django_db


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
