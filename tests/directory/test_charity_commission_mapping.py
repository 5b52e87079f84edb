"""How a Charity Commission record maps to a listing: websites, income bands, summaries,
descriptions, names, regions from areas of operation, and which charities are selected."""

import pytest

from directory.imports.charity_commission import (
    Selection,
)
from directory.imports.charity_mapping import (
    PlaceMap,
    clean_website,
    describe,
    income_band,
    summarise,
    tidy_name,
)
from directory.models import CharitySelectionRule


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("www.example.org", "https://www.example.org"),
        ("example.org/about", "https://example.org/about"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://Example.org/Path", "https://Example.org/Path"),
        ("n/a", ""),
        ("none", ""),
        ("ftp://example.org", ""),
        (None, ""),
        ("", ""),
    ],
)
def test_websites_get_a_scheme_or_are_dropped(value, expected):
    assert clean_website(value) == expected


@pytest.mark.parametrize(
    ("income", "band"),
    [
        (0, "under-10k"),
        (2500.0, "under-10k"),
        (10000, "under-10k"),
        (10001, "10k-100k"),
        (499999.99, "100k-500k"),
        (1250000.0, "1m-5m"),
        (25000000, "over-10m"),
        (None, ""),
        ("", ""),
    ],
)
def test_latest_income_maps_to_an_income_band(income, band):
    assert income_band(income) == band


def test_a_long_activities_text_is_summarised_at_a_sentence_or_word_boundary():
    sentences = "We help people leaving prison. " * 20
    summary = summarise(sentences)
    assert len(summary) <= 300
    assert summary.endswith("prison.")

    one_long_sentence = "word " * 100
    summary = summarise(one_long_sentence)
    assert len(summary) <= 300
    assert summary.endswith("word…")

    assert summarise("  Short   and\nsweet. ") == "Short and sweet."


def test_the_description_is_escaped_plain_text_in_paragraphs():
    assert describe('Advice & "support" <b>now</b>\n\nSecond') == (
        "<p>Advice &amp; &quot;support&quot; &lt;b&gt;now&lt;/b&gt;</p><p>Second</p>"
    )


def test_names_in_capitals_are_put_in_title_case():
    assert tidy_name("THE AMBERWICK TRUST FOR EX-OFFENDERS (UK)") == (
        "The Amberwick Trust for Ex-Offenders (UK)"
    )
    assert tidy_name("Quillbrook Prison Link") == "Quillbrook Prison Link"


@pytest.mark.django_db
def test_areas_of_operation_map_to_regions_through_places():
    places = PlaceMap()

    assert places.coverage(["Leeds"], []) == (False, ["yorkshire-and-the-humber"])
    assert places.coverage(["Throughout England And Wales"], []) == (True, [])
    assert places.coverage(["Throughout England"], []) == (True, [])
    assert places.coverage(["Throughout London"], []) == (False, ["london"])
    assert places.coverage(["Throughout Wales"], []) == (False, ["wales"])
    assert places.coverage(["City Of London"], []) == (False, ["london"])
    assert places.coverage(["Newcastle Upon Tyne City", "County Durham"], []) == (
        False,
        ["north-east"],
    )
    assert places.coverage(["Manchester City", "Birmingham City", "Scotland"], []) == (
        False,
        ["greater-manchester", "west-midlands"],
    )
    # No usable area: the town in the contact address.
    assert places.coverage(["Kirklees"], ["Unit 4", "Huddersfield"]) == (
        False,
        ["yorkshire-and-the-humber"],
    )
    assert places.coverage([], ["1 Leeds Road", "Nowhere-in-particular"]) == (False, [])


@pytest.mark.django_db
def test_options_replace_the_selection_rules():
    CharitySelectionRule.objects.all().delete()
    CharitySelectionRule.objects.create(kind="keyword", value="prison")
    CharitySelectionRule.objects.create(kind="classification", value="107")
    CharitySelectionRule.objects.create(kind="keyword", value="gardening", active=False)

    configured = Selection.from_rules()
    assert configured.keywords == ["prison"]
    assert configured.classification_codes == ["107"]

    chosen = Selection.from_rules(classification_codes=["105"])
    assert chosen.keywords == []
    assert chosen.classification_codes == ["105"]
    assert chosen.matches({"charity_name": "Prison Visitors"}, {"101"}) == []
    assert chosen.matches({"charity_name": "Kitchen"}, {"105", "207"}) == [
        "classification code 105"
    ]
