"""The demo data a newcomer gets from `make run`: realistic, complete and loaded only once."""

import re
from pathlib import Path

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from core.models import ClientGroup, JusticeStage, Region, ServiceCategory
from directory.demo import (
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD,
    demo_data_counts,
    ensure_demo_admin,
)
from directory.models import OrganisationPage, ServiceLocation, ServicePage
from forums.models import RegionalForumPage
from home.models import ContentPage, HomePage
from home.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def test_loading_the_demo_data_twice_fills_the_directory_once():
    # One test, because loading takes a while: the second run must add nothing at all.
    call_command("load_demo_data", verbosity=0)
    first = demo_data_counts()
    call_command("load_demo_data", verbosity=0)

    assert demo_data_counts() == first
    assert first["organisations"] >= 150
    assert first["services"] >= 300
    small = OrganisationPage.objects.filter(
        income_band__in=["under-10k", "10k-100k", "100k-500k"]
    ).count()
    assert small / first["organisations"] > 0.6
    assert first["national organisations"] > 0
    assert first["organisations outside commissioning"] / first["organisations"] > 0.5
    public = ServicePage.objects.public()
    for model, field in [
        (ServiceCategory, "categories"),
        (ClientGroup, "client_groups"),
        (JusticeStage, "stages"),
    ]:
        unused = model.objects.exclude(pk__in=public.values(field)).values_list("slug", flat=True)
        assert list(unused) == [], model.__name__
    assert ServiceLocation.objects.filter(is_confidential=True).exists()
    drafts = OrganisationPage.objects.filter(live=False)
    assert drafts.exists()
    assert not public.filter(organisation__in=drafts).exists()
    _assert_welsh_listings()


def _assert_welsh_listings():
    """A few Welsh organisations' listings have Welsh versions, shown once under /cy/."""
    from django.utils import translation

    from search.api import SearchQuery, search

    welsh = OrganisationPage.objects.live().filter(locale__language_code="cy")
    assert welsh.count() >= 2
    for organisation in welsh:
        english = organisation.get_translation(Locale.get_default())
        assert organisation.title != english.title
        assert ServicePage.objects.live().child_of(organisation).count() >= 2
    totals = {}
    for language in ("en-gb", "cy"):
        with translation.override(language):
            results = search("services", SearchQuery(text="Cyngor ar ddyledion"))
            totals[language] = search("services", SearchQuery()).total
        if language == "cy":
            assert "Cyngor ar ddyledion yng Nghaerdydd" in [s.title for s in results.results]
    assert (
        totals["en-gb"]
        == totals["cy"]
        == ServicePage.objects.listed().filter(locale__language_code="en-gb").count()
    )


def test_the_site_structure_has_a_home_footer_pages_and_a_forum_per_region(client):
    ensure_site_structure()
    ensure_site_structure()

    english = {"locale__language_code": "en-gb"}
    assert HomePage.objects.filter(**english).count() == 1
    assert RegionalForumPage.objects.filter(**english).count() == Region.objects.count() == 12
    assert (
        ContentPage.objects.filter(
            slug__in=["privacy", "cookies", "accessibility-statement"]
        ).count()
        == 3
    )
    for url in ["/", "/directory/", "/forums/", "/forums/london/", "/privacy/", "/cookies/"]:
        assert client.get(url).status_code == 200, url


def test_the_readme_credentials_sign_in_to_the_admin(client):
    readme = README.read_text()
    assert re.search(rf"email: `{re.escape(DEMO_ADMIN_EMAIL)}`", readme)
    assert re.search(rf"password: `{re.escape(DEMO_ADMIN_PASSWORD)}`", readme)
    assert "authenticator app" in readme
    ensure_demo_admin()

    response = client.post(
        "/account/login/",
        {"login": DEMO_ADMIN_EMAIL, "password": DEMO_ADMIN_PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response.url == "/admin/"
    # As the README says: first, set up an authenticator app, like every staff account.
    assert client.get("/admin/").url == "/account/2fa/totp/activate/"
    assert client.get("/account/2fa/totp/activate/").status_code == 200


def test_the_demo_admin_password_is_never_reset(django_user_model):
    django_user_model.objects.create_superuser(email=DEMO_ADMIN_EMAIL, password="changed by me")

    assert ensure_demo_admin() is False
    assert django_user_model.objects.get(email=DEMO_ADMIN_EMAIL).check_password("changed by me")
