"""The database's search table: one entry per service and organisation, written in bulk by
`rebuild_search_index`, kept in step as pages change, and matched by weight on SQLite (FTS5)
and PostgreSQL (weighted tsvector) alike."""

import re
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command

import pytest

from search import text_table
from search.api import SearchQuery, search
from search.backends import text_match
from search.indexes import get_index
from search.models import TextEntry
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.SEARCH_URL = ""
    cache.clear()
    yield
    cache.clear()


def entry(index_name, obj):
    return TextEntry.objects.get(index_name=index_name, object_id=obj.pk)


def matches(text):
    return text_match.ranked_ids(get_index("services"), [text], 100)


def found(text):
    cache.clear()
    results = search("services", SearchQuery(text=text, per_page=100))
    return [result.title for result in results.page.object_list]


def test_a_new_service_has_its_words_in_three_weights():
    organisation = OrganisationPageFactory(title="Lantern Trust")
    service = ServicePageFactory(
        parent=organisation,
        title="Lantern mentoring",
        description="<p>Weekly <strong>sessions</strong> with a mentor.</p>",
        eligibility="Adults on licence",
        categories=["mentoring"],
        client_groups=["women"],
    )

    words = entry("services", service)
    assert words.title == "Lantern mentoring"
    assert words.related.split("\n") == ["Lantern Trust", "Mentoring", "Women"]
    assert "Weekly sessions with a mentor." in words.body
    assert "<strong>" not in words.body
    assert "Adults on licence" in words.body
    assert entry("organisations", organisation).title == "Lantern Trust"


def test_renaming_an_organisation_renames_it_in_its_services_words():
    organisation = OrganisationPageFactory(title="Lantern Trust")
    service = ServicePageFactory(parent=organisation, title="Mentoring")
    assert service.pk not in matches("beacon")

    organisation.title = "Beacon Trust"
    organisation.save_revision().publish()

    assert "Beacon Trust" in entry("services", service).related
    assert matches("beacon") == [service.pk]


def test_deleting_pages_deletes_their_words():
    organisation = OrganisationPageFactory(title="Lantern Trust")
    kept = ServicePageFactory(parent=organisation, title="Lantern housing")
    gone = ServicePageFactory(parent=organisation, title="Lantern money advice")

    gone.delete()
    assert set(TextEntry.objects.values_list("object_id", flat=True)) == {
        organisation.pk,
        kept.pk,
    }

    organisation.delete()
    assert not TextEntry.objects.exists()


def test_rebuilding_writes_one_entry_per_object_and_shows_its_progress():
    for title in ("Lantern housing", "Lantern mentoring", "Lantern money advice"):
        ServicePageFactory(title=title)
    TextEntry.objects.filter(index_name="services").delete()
    assert found("lantern") == []

    output = StringIO()
    call_command("rebuild_search_index", "--database-only", stdout=output, stderr=output)

    assert re.search(r"Search table: services: done: 3 entries", output.getvalue())
    assert "services: 3 entries in the database's search table" in output.getvalue()
    assert TextEntry.objects.filter(index_name="services").count() == 3
    assert sorted(found("lantern")) == [
        "Lantern housing",
        "Lantern mentoring",
        "Lantern money advice",
    ]

    call_command("rebuild_search_index", "--database-only", verbosity=0)
    assert TextEntry.objects.filter(index_name="services").count() == 3


def test_an_empty_table_is_filled_after_migrating():
    service = ServicePageFactory(title="Lantern housing")
    TextEntry.objects.all().delete()

    built = text_table.fill_missing()

    assert built["services"] == 1
    assert matches("lantern") == [service.pk]
    assert text_table.fill_missing() == {}


def test_a_name_outranks_the_names_it_is_known_by_which_outrank_what_it_says():
    in_body = ServicePageFactory(title="Drop-in", description="<p>Help with debt and money.</p>")
    in_related = ServicePageFactory(
        parent=OrganisationPageFactory(title="Debt Relief Trust"), title="Advice line"
    )
    in_title = ServicePageFactory(title="Debt advice", description="<p>Free and private.</p>")

    assert matches("debt") == [in_title.pk, in_related.pk, in_body.pk]


def test_words_are_stemmed_and_a_phrase_keeps_its_order():
    housing = ServicePageFactory(
        title="Housing support", description="<p>Mental health.</p>", categories=["mentoring"]
    )
    ServicePageFactory(
        title="Peer support",
        description="<p>Health and mental wellbeing.</p>",
        categories=["mentoring"],
    )

    assert matches("houses") == [housing.pk]
    assert matches("mental health") == [housing.pk]


def test_only_what_a_visitor_may_find_is_found():
    # The table holds a draft's words too; the listing decides what a search shows.
    ServicePageFactory(title="Lantern housing", live=False)
    ServicePageFactory(title="Lantern mentoring")

    assert found("lantern") == ["Lantern mentoring"]


@pytest.mark.parametrize("typed", ['housing"', '"housing', "housing*", "-housing", "(housing)"])
def test_search_syntax_typed_by_a_visitor_is_read_as_words(typed):
    ServicePageFactory(title="Housing support")
    ServicePageFactory(title="Debt advice", categories=["mentoring"])

    assert found(typed) == ["Housing support"]


@pytest.mark.parametrize("typed", ["NEAR(housing", "housing AND", "title:housing", "a OR b"])
def test_search_operators_typed_by_a_visitor_are_not_errors(typed):
    ServicePageFactory(title="Housing support")

    assert isinstance(found(typed), list)


@pytest.mark.parametrize("typed", ['"', "^", "*", "()", "the of and"])
def test_text_without_words_to_match_matches_nothing(typed):
    ServicePageFactory(title="Housing support")

    assert matches(typed) == []


def test_a_rebuild_writes_the_same_words_as_saving_each_page():
    organisation = OrganisationPageFactory(title="Lantern Trust", description="<p>Since 1990.</p>")
    ServicePageFactory(
        parent=organisation,
        title="Lantern mentoring",
        categories=["mentoring", "housing-advice"],
        client_groups=["women", "young-adults"],
        eligibility="Adults on licence",
    )
    ServicePageFactory(parent=organisation, title="Lantern money advice", categories=[])
    saved = set(
        TextEntry.objects.values_list("index_name", "object_id", "title", "related", "body")
    )

    call_command("rebuild_search_index", "--database-only", verbosity=0)

    rebuilt = set(
        TextEntry.objects.values_list("index_name", "object_id", "title", "related", "body")
    )
    assert rebuilt == saved
    assert len(rebuilt) == 3


def test_renaming_a_type_of_support_renames_it_in_its_services_words():
    from core.models import ServiceCategory

    service = ServicePageFactory(title="Drop-in", categories=["mentoring"])
    category = ServiceCategory.objects.get(slug="mentoring")

    category.name = "Befriending and mentoring"
    category.save()

    assert "Befriending and mentoring" in entry("services", service).related
    assert matches("befriending") == [service.pk]
