"""What practitioners' own words are understood as: vocabulary terms, places anywhere in the
query, postcodes, and words that carry no meaning here. Uses the seeded synonym groups and
postcode areas, which are the product's data."""

from django.core.cache import cache

import pytest

from core.models import PostcodeArea, Region, ServiceCategory
from search.indexes import get_index
from search.models import SynonymGroup
from search.understanding import understand

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_reference_data():
    cache.clear()
    yield
    cache.clear()


def understood(text):
    return understand(text, index=get_index("services"))


def targets(text):
    return [set(concept.targets) for concept in understood(text).concepts]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("somewhere to live", ("category", "accommodation")),
        ("a bed tonight", ("category", "emergency-accommodation")),
        ("NFA", ("category", "accommodation")),
        ("women", ("group", "women")),
        ("young adults", ("group", "young-adults")),
        ("18-25", ("group", "young-adults")),
        ("ex-forces", ("group", "veterans")),
        ("on release", ("stage", "pre-release")),
        ("leaving prison", ("stage", "pre-release")),
        ("IPP", ("group", "ipp")),
        ("BAME-led", ("led_by", "racially-minoritised")),
        ("Debt advice", ("category", "debt-advice")),
    ],
)
def test_practitioners_words_are_understood_as_vocabulary_terms(text, target):
    (concept,) = understood(text).concepts

    assert target in concept.targets
    assert concept.label
    assert concept.phrase == text


def test_a_longer_phrase_wins_over_the_words_inside_it():
    # "a bed tonight" is emergency accommodation, not "tonight" as a word of its own.
    assert targets("a bed tonight") == [{("category", "emergency-accommodation")}]


def test_a_term_name_is_understood_without_any_synonym_group():
    SynonymGroup.objects.all().delete()

    assert ("category", "gambling") in understood("gambling").concepts[0].targets


def test_a_synonym_group_given_a_meaning_in_the_admin_is_understood_at_once():
    group = SynonymGroup.objects.create(terms="chess, board games")
    assert understood("board games").recognised == []

    group.categories.set(ServiceCategory.objects.filter(slug="social-inclusion"))

    (concept,) = understood("board games").concepts
    assert concept.targets == (("category", "social-inclusion"),)


@pytest.mark.parametrize(
    "text", ["help", "support service", "someone who needs help with", "probation offender"]
)
def test_words_with_no_meaning_here_are_no_concepts(text):
    assert understood(text).concepts == []


def test_a_sentence_keeps_only_its_meaning():
    result = understood("I need help with housing for a woman leaving prison in Leeds")

    assert [concept.label for concept in result.concepts] == [
        "Accommodation",
        "Women",
        "Preparing for release (through the gate)",
    ]
    assert result.place.name == "Leeds"


def test_an_understood_phrase_can_be_taken_out_as_typed():
    result = understood("Women housing Leeds")
    women = result.concepts[0]

    assert result.text_without(women) == "housing Leeds"


def test_a_place_named_anywhere_is_understood():
    result = understood("women housing Leeds")

    assert result.place.name == "Leeds"
    assert result.text_without_place == "women housing"


@pytest.mark.parametrize("text", ["reading support", "bath", "bury housing"])
def test_a_place_name_that_is_also_a_word_needs_in_near_or_around(text):
    assert understood(text).place is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("LS6 1AA", "yorkshire-and-the-humber"),
        ("ls6 1aa", "yorkshire-and-the-humber"),
        ("LS61AA", "yorkshire-and-the-humber"),
        ("LS6", "yorkshire-and-the-humber"),
        ("CF10", "wales"),
        ("M1", "greater-manchester"),
        ("EC1A 1BB", "london"),
        # A district on the other side of its area's border.
        ("CH5 4AB", "wales"),
        ("CH1", "north-west"),
    ],
)
def test_a_postcode_or_district_names_its_region(text, region):
    result = understood(f"housing {text}")

    assert result.place.region_slug == region
    assert result.text_without_place == "housing"


def test_an_unknown_postcode_area_is_no_place():
    assert understood("housing ZE1 0AA").place is None  # Shetland: no probation region


def test_a_postcode_area_added_in_the_admin_is_used_at_once():
    assert understood("housing ZE1").place is None

    PostcodeArea.objects.create(code="ze", region=Region.objects.get(slug="north-east"))

    assert understood("housing ZE1").place.region_slug == "north-east"
