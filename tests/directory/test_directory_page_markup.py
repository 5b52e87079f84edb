"""What the directory page's markup promises: a filter option that would show nothing cannot
be chosen, a result card's category line names each category once, its phone number and
email address are links that call and write, and organisations without services are
labelled as such."""

from types import SimpleNamespace

from django.template.loader import render_to_string

import pytest
from bs4 import BeautifulSoup

from directory.models import ReferralMethod, ServicePage
from search.indexes import get_index
from search.templatetags.result_cards import fetched, tel_href
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def directory_html(client, directory, params=None):
    response = client.get(directory.get_url(), params or {})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def option(html, param, value):
    return html.find("input", id=f"{param}-{value}")


def card_for(html, title):
    link = html.find("a", string=title)
    assert link is not None, f"no result card for {title}"
    return link.find_parent("li", class_="cg-result")


def fact(card, label):
    term = card.find("dt", string=label)
    return term.find_next_sibling("dd").get_text(" ", strip=True) if term else None


def test_an_option_that_would_show_no_services_is_shown_with_its_count_but_cannot_be_chosen(
    client, directory
):
    html = directory_html(client, directory)

    # No service in the small directory is for Gypsy, Roma and Traveller communities.
    empty = option(html, "group", "gypsy-roma-traveller")
    assert empty.has_attr("disabled")
    assert "(0)" in html.find("label", attrs={"for": empty["id"]}).get_text()
    assert not html.find("a", href=lambda href: href and "gypsy-roma-traveller" in href)
    # One with services can be chosen.
    assert not option(html, "group", "women").has_attr("disabled")


def test_a_chosen_option_can_still_be_unticked_and_removed_when_it_would_show_nothing(
    client, directory
):
    # No service in Wales (or national) is for women.
    html = directory_html(client, directory, {"region": "wales", "group": "women"})

    women = option(html, "group", "women")
    assert women.has_attr("checked")
    assert not women.has_attr("disabled")
    assert "(0)" in html.find("label", attrs={"for": "group-women"}).get_text()
    assert html.find("a", class_="moj-filter__tag", href="?region=wales")


def test_without_javascript_the_filter_options_sit_in_a_closed_details_after_the_chosen_ones(
    client, directory
):
    html = directory_html(client, directory, {"group": "women"})

    details = html.find("details", class_="govuk-details")
    assert details.find("summary").get_text(strip=True) == "Filter results"
    assert not details.has_attr("open")
    assert len(details.find_all("input", type="checkbox")) > 60
    # The chosen filters show (and can be removed) without opening it.
    tag = html.find("a", class_="moj-filter__tag")
    assert tag.find_parent("details") is None
    assert tag.get_text(" ", strip=True) == "Remove this filter Women"


def test_the_category_line_names_each_category_once_and_a_parent_only_on_its_own(client, tree):
    ServicePageFactory(title="Move-on flats", categories=["accommodation", "supported-housing"])
    ServicePageFactory(title="Housing in general", categories=["accommodation"])
    ServicePageFactory(title="Money and a home", categories=["debt-advice", "supported-housing"])

    html = directory_html(client, tree.directory)

    assert fact(card_for(html, "Move-on flats"), "Support") == "Supported and move-on housing"
    assert fact(card_for(html, "Housing in general"), "Support") == "Accommodation"
    assert fact(card_for(html, "Money and a home"), "Support") == (
        "Supported and move-on housing; Debt advice"
    )


def render_card(service, **context):
    """The card for `service`, loaded as a page of results loads it."""
    service = get_index("services").load_results(ServicePage.objects.filter(pk=service.pk))[
        service.pk
    ]
    return BeautifulSoup(
        render_to_string(
            "directory/includes/service_result.html",
            {"service": service, "referral_methods": ReferralMethod, **context},
        ),
        "html.parser",
    )


def test_a_result_card_links_its_phone_number_to_call_it_and_its_email_address_to_write(tree):
    created = ServicePageFactory(phone="0113 496 0000", email="referrals@example.org")
    card = render_card(ServicePage.objects.get(pk=created.pk))

    phone = card.find("a", string="0113 496 0000")
    assert phone["href"] == "tel:01134960000"
    email = card.find("a", string="referrals@example.org")
    assert email["href"] == "mailto:referrals@example.org"


def test_a_result_card_says_whether_people_can_refer_themselves_and_how_to_refer(tree):
    details = "Send the referral form with a current risk assessment."
    expected = {
        ReferralMethod.PROFESSIONAL: "Professional referral only, no self-referral.",
        ReferralMethod.SELF: "Self-referral only.",
        ReferralMethod.BOTH: "Self-referral or professional referral.",
    }
    for method, says in expected.items():
        created = ServicePageFactory(referral_method=method, referral_details=details)
        card = render_card(ServicePage.objects.get(pk=created.pk))

        assert fact(card, "How to refer") == f"{says} {details}"


def test_a_card_shows_a_column_only_if_its_list_fetched_it(tree, django_assert_num_queries):
    created = ServicePageFactory(phone="0113 496 0000")
    listed = ServicePage.objects.only("title").get(pk=created.pk)
    whole = ServicePage.objects.get(pk=created.pk)

    # Reading a column the list left out would cost a query for every result on the page.
    with django_assert_num_queries(0):
        assert fetched(listed, "phone") == ""
        assert fetched(whole, "phone") == "0113 496 0000"


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("0113 496 0000", "tel:01134960000"),
        ("0800 123 4567 (freephone)", "tel:08001234567"),
        ("+44 (0)113 496 0000", "tel:+441134960000"),
        ("0113-496-0000 ext 12", "tel:01134960000"),
        ("ask at reception", ""),
    ],
)
def test_a_phone_number_is_dialled_without_its_spaces_brackets_or_words(written, dialled):
    assert tel_href(written) == dialled


def test_organisations_without_services_are_labelled_and_offer_a_claim_when_they_can(tree):
    imported = SimpleNamespace(
        title="Leeds Reentry Trust",
        url="/directory/leeds-reentry-trust/",
        summary="Helps people home from prison.",
        where="Yorkshire and the Humber",
        claim_url="/directory/claim/12/",
    )
    claimed = SimpleNamespace(
        title="Wakefield Friends", url="/directory/wakefield/", summary="", where="", claim_url=None
    )
    html = BeautifulSoup(
        render_to_string(
            "directory/includes/organisation_results.html",
            {"organisation_results": [imported, claimed], "organisation_total": 5},
        ),
        "html.parser",
    )

    assert html.find("h2").get_text(strip=True) == "Organisations with no services listed yet"
    titles = [heading.get_text(" ", strip=True) for heading in html.find_all("h3")]
    assert titles == ["Leeds Reentry Trust Organisation", "Wakefield Friends Organisation"]
    claims = html.find_all("a", href=lambda href: href and "/claim/" in href)
    assert [claim.get_text(" ", strip=True) for claim in claims] == [
        "Is this your organisation? Claim it : Leeds Reentry Trust"
    ]
    assert "Showing 2 of 5 organisations" in html.get_text()


def test_what_the_search_was_understood_as_shows_as_tags_that_each_search_without_it(client, tree):
    ServicePageFactory(title="Move-on flats", categories=["supported-housing"])

    html = directory_html(client, tree.directory, {"q": "somewhere to live"})

    tags = html.find("ul", class_="cg-understood__tags").find_all("a")
    assert [tag.get_text(" ", strip=True) for tag in tags] == [
        "Remove Accommodation from “somewhere to live”"
    ]
    assert tags[0]["href"] == "?"


def test_an_organisation_with_no_services_is_found_after_them_labelled_as_an_organisation(
    client, tree
):
    OrganisationPageFactory(title="Reentry Trust", summary="Helps people home from prison.")
    ServicePageFactory(title="Reentry drop-in")

    html = directory_html(client, tree.directory, {"q": "reentry"})

    section = html.find("section", class_="cg-organisation-results")
    assert section.find("h2").get_text(strip=True) == "Organisations with no services listed yet"
    assert [h.get_text(" ", strip=True) for h in section.find_all("h3")] == [
        "Reentry Trust Organisation"
    ]
    services = html.find("ul", attrs={"aria-labelledby": "results-heading"})
    assert services.find_next("section") is section
