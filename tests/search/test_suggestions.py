"""Names offered under the search box as someone types, from /search/suggestions/<index>/."""

import pytest

from tests.factories import ServicePageFactory
from tests.search.sample_directory import build_sample_directory

pytestmark = pytest.mark.django_db

URL = "/search/suggestions/services/"


@pytest.fixture
def directory(backend):
    directory = build_sample_directory()
    backend.refresh()
    return directory


def suggestions(client, prefix):
    response = client.get(URL, {"q": prefix})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [suggestion["value"] for suggestion in response.json()["suggestions"]]


def test_typing_the_start_of_a_category_suggests_it(directory, backend, client):
    assert "Housing advice and homelessness prevention" in suggestions(client, "hou")


def test_typing_the_start_of_a_service_name_suggests_it(directory, backend, client):
    assert "Homes for Veterans" in suggestions(client, "hom")


def test_typing_a_word_inside_a_service_name_suggests_it(directory, backend, client):
    assert "Leeds Housing Advice" in suggestions(client, "hou")


def test_hidden_and_unpublished_services_are_never_suggested(directory, backend, client):
    offered = suggestions(client, "hou") + suggestions(client, "dra") + suggestions(client, "for")

    assert not [name for name in offered if name.endswith("Housing Project")]


def test_the_answer_is_a_json_object_with_a_list(directory, backend, client):
    response = client.get(URL, {"q": "che"})

    assert response.json() == {"suggestions": [{"value": "Chess Circle", "group": "service"}]}


def test_each_suggestion_says_what_kind_of_thing_it_is(directory, backend, client):
    response = client.get(URL, {"q": "hou"})
    groups = {item["value"]: item["group"] for item in response.json()["suggestions"]}

    assert groups["Housing advice and homelessness prevention"] == "category"
    assert groups["Leeds Housing Advice"] == "service"
    assert list(groups.values()) == sorted(
        groups.values(), key=["category", "organisation", "service"].index
    )


def test_an_organisation_with_listed_services_is_suggested_by_name(directory, backend, client):
    response = client.get(URL, {"q": "northern"})

    assert {"value": "Northern Homes Trust", "group": "organisation"} in response.json()[
        "suggestions"
    ]


def test_fewer_than_two_characters_suggest_nothing(directory, backend, client):
    assert suggestions(client, "h") == []
    assert suggestions(client, " ") == []
    assert suggestions(client, "") == []


def test_no_more_than_eight_names_are_suggested(backend, client):
    for number in range(12):
        ServicePageFactory(title=f"Mentoring circle {number:02d}")
    backend.refresh()

    assert len(suggestions(client, "men")) == 8


def test_an_unknown_index_is_not_found(db, client):
    assert client.get("/search/suggestions/unicorns/", {"q": "hou"}).status_code == 404


def test_a_nul_character_is_ignored(directory, backend, client):
    # PostgreSQL refuses NUL in text: the suggestions are those for the rest of the text.
    assert suggestions(client, "hou\x00") == suggestions(client, "hou")
    assert suggestions(client, "\x00") == []
