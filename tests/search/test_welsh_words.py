"""A search typed in Welsh is understood as the same vocabulary terms as its English
equivalent (the seeded Welsh synonym groups, search/migrations/0009)."""

from django.core.cache import cache

import pytest

from search.indexes import get_index
from search.understanding import understand

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_reference_data():
    cache.clear()
    yield
    cache.clear()


def targets(text):
    understood = understand(text, index=get_index("services"))
    return set().union(*(set(concept.targets) for concept in understood.concepts))


@pytest.mark.parametrize(
    ("welsh", "english"),
    [
        ("tai", "housing"),
        ("llety brys", "emergency accommodation"),
        ("iechyd meddwl", "mental health"),
        ("cyngor ar ddyledion", "debt advice"),
        ("cyn-filwyr", "veterans"),
        ("cam-drin domestig", "domestic abuse"),
        ("yn y carchar", "in prison"),
    ],
)
def test_welsh_words_mean_what_their_english_equivalents_mean(welsh, english):
    assert targets(welsh) & targets(english)


def test_welsh_little_words_carry_no_meaning_and_mutations_are_understood():
    assert targets("cymorth i fenywod") == targets("menywod")
    assert ("group", "women") in targets("cymorth i fenywod")
    assert understand("cymorth ar gyfer", index=get_index("services")).concepts == []
