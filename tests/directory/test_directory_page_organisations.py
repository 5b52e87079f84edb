"""The organisations shown after the services are the first of those a search of
organisations finds, in its order, with how many it finds in all."""

from django.core.cache import cache

import pytest

from directory.browse.organisations import organisations_matching
from directory.models import DirectoryIndexPage, OrganisationSource
from directory.organisation_index import ORGANISATIONS_INDEX
from search.api import SearchQuery, search
from tests.factories import OrganisationPageFactory, build_site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def refuges():
    cache.clear()
    build_site_tree()
    for number in range(7):
        OrganisationPageFactory(
            title=f"Refuge number {number}",
            summary="Safe housing for women." if number % 2 else "A refuge.",
            source=OrganisationSource.IMPORTED,
        )
    yield
    cache.clear()


def test_the_first_five_are_shown_in_the_searchs_order_with_the_total(refuges):
    searched = search(ORGANISATIONS_INDEX, SearchQuery(text="refuge"))

    shown, total = organisations_matching(SearchQuery(text="refuge"))

    assert total == searched.total == 7
    assert [result.title for result in shown] == [o.title for o in searched.results]
    assert len(shown) == 5
    assert all(result.claim_url for result in shown)


def test_the_page_says_how_many_more_there_are(client, refuges):
    response = client.get(DirectoryIndexPage.objects.get().get_url(), {"q": "refuge"})

    assert response.status_code == 200
    assert "Showing 5 of 7 organisations" in response.content.decode()
