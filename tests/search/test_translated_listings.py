"""A listing translated into Welsh is one listing: counted once in every language, shown in
the visitor's language where it has a version, otherwise in English, on every backend."""

from django.core.cache import cache
from django.utils import translation

from wagtail.models import Locale

import pytest

from core.models import ServiceCategory
from directory.models import ServicePage
from search.api import SearchQuery, search, suggest
from tests.factories import OrganisationPageFactory
from tests.factories.translations import welsh_version
from tests.search.sample_directory import LISTED, build_sample_directory, reindex_services, titles

pytestmark = pytest.mark.django_db

WELSH_TITLE = "Caffi Adferiad Caerdydd"
ENGLISH_TITLE = "Cardiff Recovery Cafe"


@pytest.fixture(autouse=True)
def fresh_reference_data():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(backend):
    directory = build_sample_directory()
    welsh_organisation = welsh_version(directory.welsh, title="Cydweithfa’r Cymoedd")
    english = directory.service(ENGLISH_TITLE)
    welsh_version(
        english,
        title=WELSH_TITLE,
        description="<p>Caffi cymunedol i bobl sy’n gwella o gaethiwed.</p>",
    )
    assert welsh_organisation.live
    reindex_services()
    backend.refresh()
    return directory


def find(language, **query):
    with translation.override(language):
        return search("services", SearchQuery(per_page=100, **query))


def count_of(results, param, value):
    facet = next(facet for facet in results.facets if facet.param == param)
    options = [option for parent in facet.options for option in [parent, *parent.children]]
    return next(option.count for option in options if option.value == value)


def test_english_visitors_see_the_english_version_once(directory, backend):
    results = find("en-gb")

    assert results.total == len(LISTED)
    assert ENGLISH_TITLE in titles(results)
    assert WELSH_TITLE not in titles(results)
    assert count_of(results, "region", "wales") == 2 + 3  # Wales, and the national ones


def test_welsh_visitors_see_the_welsh_version_instead(directory, backend):
    results = find("cy")

    assert results.total == len(LISTED)
    assert WELSH_TITLE in titles(results)
    assert ENGLISH_TITLE not in titles(results)
    # Services with no Welsh version are shown in English.
    assert "Reading Together" in titles(results)
    assert count_of(results, "region", "wales") == 2 + 3
    assert count_of(results, "category", "recovery-communities") == count_of(
        find("en-gb"), "category", "recovery-communities"
    )


def test_a_filter_counts_the_translated_service_once(directory, backend):
    for language in ("en-gb", "cy"):
        results = find(language, filters={"region": ["wales"]})
        assert results.total == 5, language
        assert len({service.translation_key for service in results.results}) == 5


def test_text_finds_each_version_in_its_own_language(directory, backend):
    assert titles(find("cy", text="caffi cymunedol")) == [WELSH_TITLE]
    assert titles(find("en-gb", text="friendly cafe")) == [ENGLISH_TITLE]
    assert WELSH_TITLE not in titles(find("en-gb", text="caffi cymunedol"))


def test_unpublishing_the_welsh_version_brings_the_english_one_back_in_welsh(
    directory, backend, django_capture_on_commit_callbacks
):
    welsh = ServicePage.objects.get(title=WELSH_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        welsh.unpublish()

    results = find("cy")
    assert ENGLISH_TITLE in titles(results)
    assert results.total == len(LISTED)


def test_deleting_the_welsh_version_brings_the_english_one_back_in_welsh(
    directory, backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ServicePage.objects.get(title=WELSH_TITLE).delete()

    assert ENGLISH_TITLE in titles(find("cy"))


def test_suggestions_offer_the_version_in_the_visitors_language(directory, backend):
    def offered(language, prefix):
        with translation.override(language):
            return [item["value"] for item in suggest("services", prefix)]

    assert WELSH_TITLE in offered("cy", "caff")
    assert WELSH_TITLE not in offered("en-gb", "caff")
    assert ENGLISH_TITLE in offered("en-gb", "cardiff")
    assert ENGLISH_TITLE not in offered("cy", "cardiff")


def test_facet_labels_use_a_terms_welsh_translation(directory, backend):
    recovery = ServiceCategory.objects.get(
        slug="recovery-communities", locale__language_code="en-gb"
    )
    welsh = recovery.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh.name = "Adferiad"
    welsh.save()

    def label(language):
        results = find(language)
        facet = next(facet for facet in results.facets if facet.param == "category")
        options = [option for parent in facet.options for option in [parent, *parent.children]]
        return next(option.label for option in options if option.value == "recovery-communities")

    assert label("cy") == "Adferiad"
    assert label("en-gb") == recovery.name


def test_an_organisation_with_no_service_is_found_once(backend):
    build_sample_directory()
    organisation = OrganisationPageFactory(
        title="Gwynedd Befriending", regions=["wales"], summary="Befriending in Gwynedd."
    )
    welsh_version(organisation, title="Cyfeillio Gwynedd")

    for language, title in (("en-gb", "Gwynedd Befriending"), ("cy", "Cyfeillio Gwynedd")):
        with translation.override(language):
            results = search("organisations", SearchQuery(text="gwynedd"))
        assert [found.title for found in results.results] == [title]
