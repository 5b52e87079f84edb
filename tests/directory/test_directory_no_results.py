"""When no service matches the directory's filters: each chosen filter says how many results
removing it would give, and the page suggests which to remove."""

import pytest

from search.api import SearchQuery, search

pytestmark = pytest.mark.django_db


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
