"""The organisation page: contact details at full width in the main column, charity and
company numbers linked to the public registers, only the public address, and commissioning
relationships shown as declared until confirmed."""

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from directory.identifiers import charity_register_url, company_register_url
from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db


# The organisation page -----------------------------------------------------------------------


def contact_details(client, organisation):
    html = BeautifulSoup(client.get(organisation.url).content, "html.parser")
    heading = html.find("h2", string="Contact details")
    assert heading.find_parent(class_="govuk-grid-column-two-thirds") is not None
    rows = heading.find_next("dl", class_="govuk-summary-list")
    return {row.dt.get_text(strip=True): row.dd for row in rows.select(".govuk-summary-list__row")}


@pytest.mark.parametrize(
    ("regulator", "number", "register"),
    [
        ("ccew", "1098765", "https://register-of-charities.charitycommission.gov.uk/"),
        ("oscr", "SC012345", "https://www.oscr.org.uk/"),
        ("ccni", "101234", "https://www.charitycommissionni.org.uk/"),
    ],
)
def test_contact_details_fill_the_main_column_and_link_numbers_to_their_registers(
    client, tree, regulator, number, register
):
    organisation = OrganisationPageFactory(
        charity_regulator=regulator, charity_number=number, company_number="01234567"
    )
    details = contact_details(client, organisation)
    charity_link = details["Charity number"].a
    assert charity_link["href"] == charity_register_url(regulator, number)
    assert charity_link["href"].startswith(register) and number in charity_link["href"]
    assert details["Company number"].a["href"] == company_register_url("01234567")


def test_the_address_shown_is_the_public_one_and_a_confidential_one_is_not_published(client, tree):
    open_door = OrganisationPageFactory(address="1 High Street\nLeeds", postcode="LS1 1AA")
    assert "1 High Street" in details_text(contact_details(client, open_door)["Address"])
    refuge = OrganisationPageFactory(
        address="2 Secret Lane", postcode="LS2 2BB", address_is_confidential=True
    )
    page = client.get(refuge.url).content.decode()
    assert "2 Secret Lane" not in page and "LS2 2BB" not in page
    assert "Not published" in details_text(contact_details(client, refuge)["Address"])


def details_text(cell):
    return cell.get_text(" ", strip=True)


def test_commissioning_relationships_are_declared_until_confirmed(client, tree):
    organisation = OrganisationPageFactory(commissioning_relationships=["moj-grant"])
    row = contact_details(client, organisation)["HMPPS contracts and grants"]
    assert "(declared by the organisation)" in details_text(row)
    status = organisation.operational_status
    status.confirmed_commissioning = ["moj-grant"]
    status.commissioning_confirmed_at = timezone.now()
    status.save()
    row = contact_details(client, organisation)["HMPPS contracts and grants"]
    assert "Grant-funded" in details_text(row)
    assert "declared" not in details_text(row)


# Links to the public registers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("regulator", "number", "url"),
    [
        (
            "ccew",
            "1098765",
            "https://register-of-charities.charitycommission.gov.uk/charity-search/-/"
            "charity-details/1098765",
        ),
        (
            "ccew",
            "1098765-1",
            "https://register-of-charities.charitycommission.gov.uk/charity-search/-/"
            "charity-details/1098765",
        ),
        (
            "oscr",
            "SC012345",
            "https://www.oscr.org.uk/about-charities/search-the-register/charity-details"
            "?number=SC012345",
        ),
        ("ccni", "101234", "https://www.charitycommissionni.org.uk/charity-details/?regId=101234"),
        ("", "1098765", ""),
        ("ccew", "", ""),
    ],
)
def test_a_charity_number_links_to_its_regulators_register(regulator, number, url):
    assert charity_register_url(regulator, number) == url


def test_a_company_number_links_to_companies_house():
    assert company_register_url("SC123456") == (
        "https://find-and-update.company-information.service.gov.uk/company/SC123456"
    )
    assert company_register_url("") == ""
