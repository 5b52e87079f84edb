"""Edits published in the admin are searchable at once, on every backend.

The database backend is the fallback when the engine is down, so it must be as current as
the engine: an edit must not wait for the next save (or a rebuild) to be found.
Signals enqueue their work with transaction.on_commit, so each edit runs inside
django_capture_on_commit_callbacks(execute=True), as a real request's commit would.
"""

from django.core.cache import cache

import pytest

from core.models import ServiceCategory
from search.api import SearchQuery, search
from tests.search.sample_directory import build_sample_directory, titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(backend):
    directory = build_sample_directory()
    backend.refresh()
    return directory


def find(text):
    cache.clear()
    return search("services", SearchQuery(text=text, per_page=100))


def test_a_service_is_found_by_the_category_it_was_given_in_its_latest_edit(
    directory, backend, django_capture_on_commit_callbacks
):
    service = directory.service("Chess Circle")
    assert "Chess Circle" not in titles(find("gambling"))

    service.categories = [ServiceCategory.objects.get(slug="gambling")]
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()

    assert "Chess Circle" in titles(find("gambling"))


def test_a_service_is_no_longer_found_by_a_category_it_was_taken_out_of(
    directory, backend, django_capture_on_commit_callbacks
):
    service = directory.service("Chess Circle")
    assert "Chess Circle" in titles(find("creativity"))  # "Arts and creativity"

    service.categories = [ServiceCategory.objects.get(slug="gambling")]
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()

    assert "Chess Circle" not in titles(find("creativity"))


def test_renaming_an_organisation_finds_its_services_by_the_new_name(
    directory, backend, django_capture_on_commit_callbacks
):
    organisation = directory.welsh
    organisation.title = "Brightwater Cymru"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()

    assert set(titles(find("Brightwater"))) == {"Cardiff Recovery Cafe", "Reading Together"}
