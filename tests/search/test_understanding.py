"""Query understanding, the same for every backend: synonyms, places and spelling.

No backend is asked; synonym groups and place names are data, so the database is needed.
Synonym groups are made here (with words no seeded group has) so that the tests do not
depend on the seed, which editors change.
"""

import pytest

from core.models import Place, Region
from search.models import SynonymGroup
from search.understanding import understand

pytestmark = pytest.mark.django_db

DRUGS = ["narcotics", "substance abuse", "dope", "glue sniffing"]
HOUSING = ["lodgings", "digs", "bedsit", "boarding house"]


@pytest.fixture(autouse=True)
def synonym_groups():
    SynonymGroup.objects.create(terms=", ".join(DRUGS))
    SynonymGroup.objects.create(terms=", ".join(HOUSING))


def terms(understood):
    return [concept.terms for concept in understood.concepts]


def test_a_word_in_a_synonym_group_stands_for_the_whole_group():
    assert terms(understand("dope")) == [DRUGS]


def test_a_phrase_in_a_synonym_group_is_matched_as_one_concept():
    understood = understand("substance abuse")

    assert terms(understood) == [DRUGS]
    assert "substance abuse" in understood.alternatives


def test_a_phrase_is_found_inside_a_longer_query():
    understood = understand("substance abuse and lodgings")

    assert terms(understood) == [DRUGS, HOUSING]


def test_a_plural_matches_the_singular_in_a_synonym_group():
    assert terms(understand("glue sniffings")) == [DRUGS]
    assert terms(understand("bedsits")) == [HOUSING]


def test_the_same_concept_typed_twice_counts_once():
    assert terms(understand("lodgings digs")) == [HOUSING]


def test_a_word_in_no_group_is_its_own_concept():
    assert terms(understand("chess")) == [["chess"]]


def test_stop_words_and_punctuation_leave_only_the_concepts():
    assert terms(understand("Help with lodgings!!!")) == terms(understand("lodgings"))


def test_a_query_of_only_stop_words_has_no_text():
    understood = understand("help for me please")

    assert terms(understood) == []
    assert understood.has_text is False


def test_editing_a_synonym_group_changes_the_expansion_at_once():
    assert terms(understand("pension")) == [["pension"]]

    group = SynonymGroup.objects.get(terms__startswith="lodgings,")
    group.terms += ", pension"
    group.save()

    assert terms(understand("pension")) == [[*HOUSING, "pension"]]


def test_a_new_synonym_group_is_used_at_once():
    SynonymGroup.objects.create(terms="chess, board games")

    assert terms(understand("board games")) == [["chess", "board games"]]


def test_a_place_after_in_is_understood_with_its_region():
    understood = understand("lodgings in Leeds")

    assert understood.place.name == "Leeds"
    assert understood.place.region_slug == "yorkshire-and-the-humber"
    assert terms(understood) == [HOUSING]


@pytest.mark.parametrize("marker", ["in", "near", "around"])
def test_a_place_after_in_near_or_around_is_understood(marker):
    understood = understand(f"chess {marker} Sheffield")

    assert understood.place.name == "Sheffield"
    assert terms(understood) == [["chess"]]


def test_a_query_that_is_only_a_place_is_that_place():
    understood = understand("leeds")

    assert understood.place.name == "Leeds"
    assert terms(understood) == []
    assert understood.text_without_place == ""


def test_the_longest_place_name_wins():
    Place.objects.create(name="Newcastle", region=Region.objects.get(slug="west-midlands"))

    understood = understand("lodgings in Newcastle upon Tyne")

    assert understood.place.name == "Newcastle upon Tyne"
    assert understood.place.region_slug == "north-east"
    assert terms(understood) == [HOUSING]


def test_a_shorter_place_name_still_counts_on_its_own():
    Place.objects.create(name="Newcastle", region=Region.objects.get(slug="west-midlands"))

    understood = understand("lodgings in Newcastle")

    assert understood.place.name == "Newcastle"
    assert understood.place.region_slug == "west-midlands"


@pytest.mark.parametrize("text", ["reading support", "bath", "bury", "Reading", "hull"])
def test_a_place_name_that_is_also_a_word_is_not_a_place_on_its_own(text):
    assert understand(text).place is None


@pytest.mark.parametrize(
    ("text", "name", "region"),
    [
        ("support in Reading", "Reading", "south-central"),
        ("housing near Bath", "Bath", "south-west"),
        ("jobs in Bury", "Bury", "greater-manchester"),
    ],
)
def test_a_place_name_that_is_also_a_word_is_a_place_after_in(text, name, region):
    place = understand(text).place

    assert (place.name, place.region_slug) == (name, region)


def test_the_typed_place_phrase_is_taken_out_of_the_text():
    understood = understand("Housing in Leeds for women")

    assert understood.place.phrase == "in Leeds"
    assert understood.text_without_place == "Housing for women"


def test_the_place_phrase_is_taken_out_as_it_was_typed():
    understood = understand("housing IN  leeds")

    assert understood.place.phrase == "IN leeds"
    assert understood.text_without_place == "housing"


def test_a_place_with_punctuation_in_its_name_is_taken_out_as_typed():
    understood = understand("mentoring in St. Helens")

    assert understood.place.name == "St Helens"
    assert understood.text_without_place == "mentoring"


def test_without_a_place_the_text_stays_as_typed():
    understood = understand("housing  for women")

    assert understood.place is None
    assert understood.text_without_place == "housing for women"


def test_a_word_the_vocabulary_lacks_is_corrected_to_the_nearest_it_has():
    understood = understand("lodgngs", vocabulary=frozenset({"lodgings", "advice"}))

    assert understood.corrections == {"lodgngs": "lodgings"}
    assert terms(understood) == [HOUSING]


def test_a_word_the_vocabulary_has_is_never_corrected():
    vocabulary = frozenset({"advice", "advise", "advisers"})

    assert understand("advise", vocabulary=vocabulary).corrections == {}


def test_the_nearest_word_of_the_same_length_is_preferred():
    vocabulary = frozenset({"advice", "advisers", "debt"})

    assert understand("debt advise", vocabulary=vocabulary).corrections == {"advise": "advice"}


def test_short_words_and_numbers_are_never_corrected():
    vocabulary = frozenset({"debts", "12345"})

    assert understand("debt 12346", vocabulary=vocabulary).corrections == {}


def test_a_word_far_from_every_known_word_is_left_alone():
    assert understand("xylophone", vocabulary=frozenset({"housing"})).corrections == {}


def test_without_a_vocabulary_nothing_is_corrected():
    assert understand("acommodation").corrections == {}


@pytest.mark.parametrize(
    "text",
    ["lodgings in Stoke-on-Trent", "lodgings in Stoke on Trent", "lodgings in stoke on trent"],
)
def test_a_hyphenated_place_is_the_same_place_typed_with_spaces(text):
    understood = understand(text)

    assert understood.place.name == "Stoke-on-Trent"
    assert terms(understood) == [HOUSING]
    assert understood.text_without_place == "lodgings"
