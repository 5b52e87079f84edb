"""Both backends answer the same simple question the same way."""

import pytest

from search.api import SearchQuery, search
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def titles(results):
    return {service.title for service in results.results}


def test_each_backend_finds_a_service_by_name_and_says_which_answered(backend):
    organisation = OrganisationPageFactory(regions=["london"])
    ServicePageFactory(
        parent=organisation, title="Tenancy rescue", categories=["tenancy-sustainment"]
    )
    ServicePageFactory(parent=organisation, title="Debt clinic", categories=["debt-advice"])
    backend.refresh()

    results = search("services", SearchQuery(text="tenancy"))

    assert titles(results) == {"Tenancy rescue"}
    assert results.backend == backend.name
