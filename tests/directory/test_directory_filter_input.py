"""Bad input to the directory's filters and pages: unknown filter values and parameters are
ignored, and a page number that is not a page gives the first or the last page."""

import pytest

from search.api import SearchQuery, search
from tests.directory.filter_directory import ALL_SERVICES, found, found_on_page

pytestmark = pytest.mark.django_db


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


def _querydict(params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, values)
    return query
