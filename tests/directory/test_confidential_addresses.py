"""A confidential organisation address, or a confidential location's address, never appears
anywhere public: pages, search (the database's index and the engine's documents), the
shortlist and what it prints and emails. Addresses start confidential for the services most
at risk, and the Charity Commission import never publishes a register address for them."""

import json

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest

from core.models import ServiceCategory
from directory.exports import organisation_data
from directory.listings.confidentiality import address_confidential_by_default
from directory.models import ListingSubmission, OrganisationPage, ServiceLocation
from search.api import SearchQuery, search
from search.indexes import get_index
from tests.factories import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    term,
)
from tests.factories.team import OwnerFactory

pytestmark = pytest.mark.django_db

SECRETS = ["7 Hidden Mews", "ZX9 4QQ", "ZX94QQ", "3 Secret Row", "ZX1 1AA", "ZX11AA"]


@pytest.fixture(autouse=True)
def _forget_caches():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def refuge(tree):
    organisation = OrganisationPageFactory(
        title="Safe Haven Women",
        address="7 Hidden Mews\nBradford",
        postcode="ZX9 4QQ",
        address_is_confidential=True,
        email="hello@safehaven.example.org",
    )
    service = ServicePageFactory(
        parent=organisation, title="Safe Haven Refuge", categories=["domestic-abuse-survivors"]
    )
    ServiceLocationFactory(
        service=service,
        name="The refuge",
        address="3 Secret Row",
        postcode="ZX1 1AA",
        area="Bradford",
        is_confidential=True,
    )
    return service


def assert_secret_free(text):
    for secret in SECRETS:
        assert secret not in text


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_no_public_page_shows_a_confidential_address(client, refuge):
    organisation = refuge.organisation
    pages = [
        refuge.get_url(),
        organisation.get_url(),
        refuge.get_parent().get_parent().get_url(),  # the directory
        refuge.get_parent().get_parent().get_url() + "?q=Safe+Haven",
    ]
    for path in pages:
        page = html(client, path)
        assert "Safe Haven" in page
        assert "Bradford" in page or path != refuge.get_url()
        assert_secret_free(page)


def test_the_shortlist_its_print_view_and_its_email_leave_the_address_out(
    client, refuge, django_capture_on_commit_callbacks
):
    client.post("/shortlist/add/", {"service": refuge.pk})
    for path in ("/shortlist/", "/shortlist/print/"):
        page = html(client, path)
        assert "Safe Haven Refuge" in page
        assert_secret_free(page)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/shortlist/email/", {"email": "practitioner@example.gov.uk"})

    (message,) = mail.outbox
    assert "Safe Haven Refuge" in message.body
    assert_secret_free(message.body)
    for content, _type in message.alternatives:
        assert_secret_free(content)


def test_the_engine_document_has_no_address(refuge):
    index = get_index("services")
    ((_pk, document),) = index.documents(type(refuge).objects.filter(pk=refuge.pk))

    document = json.dumps(document, default=str)

    assert "Safe Haven Refuge" in document
    assert_secret_free(document)


@pytest.fixture
def engine(settings):
    """A reachable engine with indexes of this test's own (skipped without one, as in
    tests/search), removed afterwards."""
    import uuid

    from search.engine import client
    from tests.conftest import skip_unless_available
    from tests.search.conftest import ENGINE_URL, delete_test_indexes, engine_reachable

    skip_unless_available(engine_reachable(ENGINE_URL), "no search engine: set TEST_SEARCH_URL")
    settings.SEARCH_URL = ENGINE_URL
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}-"
    engine = client(ENGINE_URL)
    yield engine
    delete_test_indexes(ENGINE_URL, settings.SEARCH_INDEX_PREFIX)


def test_the_engine_holds_no_address_and_finds_nothing_by_it(refuge, engine):
    from search.engine import alias_name, rebuild

    rebuild("services")
    stored = engine.get(index=alias_name(get_index("services")), id=str(refuge.pk))

    assert stored["_source"]["title"] == "Safe Haven Refuge"
    assert_secret_free(json.dumps(stored["_source"], default=str))
    cache.clear()
    found = search("services", SearchQuery(text="Secret Row"))
    assert found.backend == "engine" and list(found.page) == []


@pytest.mark.parametrize("index_name", ["services", "organisations"])
@pytest.mark.parametrize("text", ["Hidden Mews", "Secret Row", "ZX9 4QQ"])
def test_the_database_search_cannot_find_a_listing_by_its_hidden_address(refuge, index_name, text):
    results = search(index_name, SearchQuery(text=text))
    assert [result.title for result in results.page] == []


def test_the_organisations_own_data_download_keeps_its_address(refuge):
    data = organisation_data(refuge.organisation)
    assert data["organisation"]["address"] == "7 Hidden Mews\nBradford"
    assert data["services"][0]["locations"][0]["confidential"] is True


# The default ---------------------------------------------------------------------------------


def categories(*slugs):
    return [term(ServiceCategory, slug) for slug in slugs]


@pytest.mark.parametrize(
    ("slugs", "confidential_flags", "expected"),
    [
        (["domestic-abuse-survivors"], [], True),
        (["sexual-violence-support", "housing-advice"], [False], True),
        (["domestic-abuse-sexual-violence"], [], True),
        (["housing-advice"], [True, True], True),
        (["housing-advice"], [True, False], False),
        (["housing-advice"], [], False),
        (["women-one-to-one"], [], False),
    ],
)
def test_which_addresses_start_confidential(tree, slugs, confidential_flags, expected):
    locations = [ServiceLocation(area="Leeds", is_confidential=flag) for flag in confidential_flags]
    assert address_confidential_by_default(categories(*slugs), locations) is expected


def test_adding_a_domestic_abuse_service_hides_the_address_at_once(client, tree):
    from core.models import Region

    organisation = OrganisationPageFactory(address="7 Hidden Mews", postcode="ZX9 4QQ")
    client.force_login(OwnerFactory(organisation=organisation).user)
    service = {
        "title": "Outreach for survivors",
        "description": "Support.",
        "status": "active",
        "categories": [term(ServiceCategory, "domestic-abuse-survivors").pk],
        "delivered_by_phone": "on",
        "regions": [term(Region, "london").pk],
        "referral_method": "both",
        "cost": "Free",
    }

    response = client.post(reverse("directory_add_service", args=[organisation.pk]), service)

    assert response.status_code == 302, response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.address_is_confidential
    assert organisation.get_latest_revision_as_object().address_is_confidential
    submission = ListingSubmission.objects.get(organisation=organisation)
    assert str(organisation.pk) in set(submission.revisions.values_list("object_id", flat=True))
    client.logout()
    assert_secret_free(html(client, organisation.get_url()))


def test_an_owner_hiding_the_address_hides_it_at_once(client, tree):
    organisation = OrganisationPageFactory(
        title="Northern Light",
        address="7 Hidden Mews",
        postcode="ZX9 4QQ",
        email="hello@northernlight.example.org",
    )
    owner = OwnerFactory(organisation=organisation).user
    client.force_login(owner)
    edit = reverse("directory_edit_organisation", args=[organisation.pk])
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.update(
        regions=[region.pk for region in form.initial["regions"]],
        address_is_confidential="on",
        charity_regulator="none",
        income_band="not-said",
    )

    response = client.post(edit, data)

    assert response.status_code == 302, response.context["form"].errors
    assert OrganisationPage.objects.get(pk=organisation.pk).address_is_confidential
    client.logout()
    assert_secret_free(html(client, organisation.get_url()))


# The register import --------------------------------------------------------------------------

MOVED = {
    "charity_contact_address1": "9 Open Street",
    "charity_contact_address2": "",
    "charity_contact_address3": "Leeds",
    "charity_contact_postcode": "LS2 7EE",
}


def imported_then_moved(tmp_path, protect):
    """Prison Link imported, protected by `protect(page)`, then moved on the register."""
    import shutil

    from directory.imports.charity_commission import import_charity_commission
    from tests.directory.charity_commission_fixture import FIXTURE
    from tests.directory.test_charity_commission_import import edit_charity, listing

    import_charity_commission(FIXTURE, chunk_size=256)
    page = listing("9100001")
    protect(page)
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    edit_charity(folder, 9100001, **MOVED)
    import_charity_commission(folder, chunk_size=256)
    return listing("9100001")


def keep_confidential(page):
    page.address_is_confidential = True
    page.save_revision().publish()


def add_refuge(page):
    ServicePageFactory(parent=page, categories=["sexual-violence-support"])


def add_confidential_places(page):
    service = ServicePageFactory(parent=page, categories=["housing-advice"])
    ServiceLocationFactory(service=service, is_confidential=True)
    ServiceLocationFactory(service=service, is_confidential=True)


@pytest.mark.parametrize("protect", [keep_confidential, add_refuge, add_confidential_places])
def test_the_import_never_publishes_a_register_address_for_a_protected_listing(
    tree, tmp_path, protect
):
    page = imported_then_moved(tmp_path, protect)

    assert "9 Open Street" not in page.address and page.postcode != "LS2 7EE"
    assert page.address_is_confidential is (protect is keep_confidential)
    assert_secret_free(page.public_address)


def test_the_import_still_updates_an_address_nobody_protects(tree, tmp_path):
    page = imported_then_moved(tmp_path, lambda page: None)
    assert page.address.startswith("9 Open Street") and page.postcode == "LS2 7EE"
