"""Every concept typed counts, on every backend: more words narrow the results, a service
matching housing, women and Leeds ranks above one matching housing alone, and words that
carry no meaning here change nothing."""

from django.core.cache import cache

import pytest

from directory.models import ServicePage
from search.api import SearchQuery, search, search_ids
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

YORKSHIRE = "yorkshire-and-the-humber"


@pytest.fixture(autouse=True)
def fresh_reference_data():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(backend):
    leeds = OrganisationPageFactory(title="Aire Trust", regions=[YORKSHIRE])
    london = OrganisationPageFactory(title="Thames Trust", regions=["london"])
    services = [
        (leeds, "Women's Move-On Homes", ["supported-housing"], ["women"], ["pre-release"]),
        (leeds, "Tenancy Advice Leeds", ["housing-advice"], ["homelessness"], ["on-probation"]),
        (leeds, "Aire Women's Centre", ["womens-centres"], ["women"], ["on-probation"]),
        (leeds, "Aire Bet Stop", ["gambling"], [], ["on-probation"]),
        (leeds, "Aire Job Club", ["employment-support"], ["veterans"], ["after-sentence"]),
        (london, "Thames Women's Homes", ["supported-housing"], ["women"], ["pre-release"]),
    ]
    for organisation, title, categories, groups, stages in services:
        ServicePageFactory(
            parent=organisation,
            title=title,
            # Descriptions avoid the words of the concepts: terms, not wording, must decide.
            description="<p>A friendly team, open weekdays.</p>",
            categories=categories,
            client_groups=groups,
            stages=stages,
        )
    backend.refresh()


def find(text):
    return search("services", SearchQuery(text=text, per_page=50))


def titles(results):
    return [service.title for service in results.results]


def test_a_recognised_phrase_finds_services_by_their_terms_not_their_wording(directory):
    results = find("somewhere to live")

    assert set(titles(results)) == {
        "Women's Move-On Homes",
        "Tenancy Advice Leeds",
        "Thames Women's Homes",
    }
    assert [concept.label for concept in results.understood.recognised] == ["Accommodation"]


def test_more_words_narrow_the_results(directory):
    broad = find("housing in Leeds")
    narrow = find("housing for a woman leaving prison in Leeds")

    assert set(titles(broad)) == {"Women's Move-On Homes", "Tenancy Advice Leeds"}
    assert titles(narrow) == ["Women's Move-On Homes"]
    assert narrow.matched_all


def test_a_place_named_anywhere_filters_by_its_region(directory):
    results = find("women housing Leeds")

    assert titles(results) == ["Women's Move-On Homes"]
    assert results.place.region_slug == YORKSHIRE


@pytest.mark.parametrize("postcode", ["LS6 1AA", "ls6", "LS61AA"])
def test_a_postcode_filters_by_its_region(directory, postcode):
    results = find(f"women housing {postcode}")

    assert titles(results) == ["Women's Move-On Homes"]
    assert results.place.region_slug == YORKSHIRE


def test_words_with_no_meaning_here_change_nothing(directory):
    plain = find("housing Leeds")
    wordy = find("please help me find a housing support service for someone in Leeds")

    assert titles(wordy) == titles(plain)


def test_when_nothing_matches_every_concept_those_matching_more_come_first(directory):
    # No service is for women and about gambling: the closest are shown, and say so.
    results = find("women gambling veterans")

    assert not results.matched_all
    assert set(titles(results)) == {
        "Women's Move-On Homes",
        "Aire Women's Centre",
        "Thames Women's Homes",
        "Aire Bet Stop",
        "Aire Job Club",
    }


def test_the_service_matching_the_most_concepts_ranks_first(directory):
    # Only the job club is for veterans and after a sentence; the bet stop matches one of three.
    results = find("ex-forces spent conviction gambling")

    assert not results.matched_all
    assert titles(results)[0] == "Aire Job Club"
    assert set(titles(results)[1:]) == {"Aire Bet Stop"}


def every_page(text, **kwargs):
    """The ids of every result of `search`, page after page."""
    ids, page = [], 1
    while True:
        results = search("services", SearchQuery(text=text, per_page=2, page=page, **kwargs))
        ids += [service.pk for service in results.results]
        if not results.page.has_next():
            return ids
        page += 1


@pytest.mark.parametrize(
    "text",
    [
        "somewhere to live",  # a recognised concept
        "housing in Leeds",  # a concept and a place
        "women gambling veterans",  # nothing matches all: the closest, most matched first
        "friendly team",  # wording alone
        "zzzz nothing here",
    ],
)
def test_search_ids_gives_every_result_search_pages_through_in_the_same_order(directory, text):
    assert search_ids("services", SearchQuery(text=text)) == every_page(text)


def test_search_ids_keeps_the_place_typed(directory):
    found = search_ids("services", SearchQuery(text="women in Leeds"))

    assert found
    assert "Thames Women's Homes" not in {
        service.title for service in ServicePage.objects.filter(pk__in=found)
    }


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_the_closest_results_reuse_the_text_matches_already_found(directory, monkeypatch):
    # Nothing matches all three: the search is asked again matching any of them, and the
    # database is not asked again for words it has matched (a fuzzy match can take 1 s).
    from search.backends import text_match

    asked = []
    ranked_ids = text_match.ranked_ids

    def counting(index, alternatives, limit):
        asked.append(tuple(alternatives))
        return ranked_ids(index, alternatives, limit)

    monkeypatch.setattr(text_match, "ranked_ids", counting)

    results = find("women gambling veterans")

    assert not results.matched_all
    assert asked
    assert len(asked) == len(set(asked))
