"""Charity and company numbers: the examples in the reference, and what an editor is told."""

from django.core.exceptions import ValidationError

import pytest

from directory.identifiers import (
    CharityRegulator,
    normalise_charity_number,
    normalise_company_number,
)
from directory.models import OrganisationPage
from tests.factories import OrganisationPageFactory

ENGLAND_AND_WALES = CharityRegulator.ENGLAND_AND_WALES
SCOTLAND = CharityRegulator.SCOTLAND
NORTHERN_IRELAND = CharityRegulator.NORTHERN_IRELAND


@pytest.mark.parametrize(
    ("regulator", "given", "stored"),
    [
        (ENGLAND_AND_WALES, "1098765", "1098765"),
        (ENGLAND_AND_WALES, "298765", "298765"),
        (ENGLAND_AND_WALES, "1098765-1", "1098765-1"),
        (SCOTLAND, "SC012345", "SC012345"),
        (SCOTLAND, "sc012345", "SC012345"),
        (NORTHERN_IRELAND, "101234", "101234"),
        (NORTHERN_IRELAND, "NIC101234", "101234"),
    ],
)
def test_a_valid_charity_number_is_stored_in_its_normal_form(regulator, given, stored):
    assert normalise_charity_number(regulator, given) == stored


@pytest.mark.parametrize(
    ("regulator", "given"),
    [
        (ENGLAND_AND_WALES, "12345"),
        (ENGLAND_AND_WALES, "10987654"),
        (ENGLAND_AND_WALES, "ABC1234"),
        (ENGLAND_AND_WALES, "1098765-"),
        (SCOTLAND, "SC12345"),
        (SCOTLAND, "SC0123456"),
        (SCOTLAND, "012345"),
        (NORTHERN_IRELAND, "12345"),
        (NORTHERN_IRELAND, "NIC1234567"),
    ],
)
def test_an_invalid_charity_number_is_refused(regulator, given):
    with pytest.raises(ValidationError) as error:
        normalise_charity_number(regulator, given)

    assert error.value.code == "invalid_charity_number"


@pytest.mark.parametrize(
    ("regulator", "example"),
    [
        (ENGLAND_AND_WALES, "1098765-1"),
        (SCOTLAND, "SC012345"),
        (NORTHERN_IRELAND, "NIC101234"),
    ],
)
def test_the_message_for_an_invalid_charity_number_shows_a_valid_example(regulator, example):
    with pytest.raises(ValidationError) as error:
        normalise_charity_number(regulator, "nonsense")

    assert example in error.value.messages[0]


def test_a_charity_number_without_a_regulator_asks_for_the_regulator():
    with pytest.raises(ValidationError) as error:
        normalise_charity_number("", "1098765")

    assert error.value.messages == ["Choose the charity's regulator before giving its number."]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("01234567", "01234567"),
        ("SC123456", "SC123456"),
        ("NI123456", "NI123456"),
        ("OC123456", "OC123456"),
        ("1234567", "01234567"),
    ],
)
def test_a_valid_company_number_is_stored_in_its_normal_form(given, stored):
    assert normalise_company_number(given) == stored


@pytest.mark.parametrize("given", ["123456789", "XX12345", "SC12345"])
def test_an_invalid_company_number_is_refused(given):
    with pytest.raises(ValidationError) as error:
        normalise_company_number(given)

    assert error.value.messages == [
        "Enter a Companies House number: 8 digits (like 01234567) or 2 letters and "
        "6 digits (like SC123456)."
    ]


# Through the organisation page, as an editor meets them.


def validation_errors(page):
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict


@pytest.mark.django_db
def test_an_organisation_with_a_badly_formed_charity_number_gets_a_charity_number_error():
    organisation = OrganisationPageFactory()
    organisation.charity_regulator = ENGLAND_AND_WALES
    organisation.charity_number = "12345"

    assert validation_errors(organisation) == {
        "charity_number": [
            "Enter a charity number for England and Wales: 6 or 7 digits, "
            "with an optional subsidiary number such as 1098765-1."
        ]
    }


@pytest.mark.django_db
def test_an_organisation_with_a_badly_formed_company_number_gets_a_company_number_error():
    organisation = OrganisationPageFactory()
    organisation.company_number = "XX12345"

    assert validation_errors(organisation) == {
        "company_number": [
            "Enter a Companies House number: 8 digits (like 01234567) or 2 letters and "
            "6 digits (like SC123456)."
        ]
    }


@pytest.mark.django_db
def test_an_organisation_with_a_charity_number_but_no_regulator_is_asked_for_the_regulator():
    organisation = OrganisationPageFactory()
    organisation.charity_number = "1098765"

    assert validation_errors(organisation) == {
        "charity_number": ["Choose the charity's regulator before giving its number."]
    }


@pytest.mark.django_db
def test_an_organisation_with_a_regulator_but_no_charity_number_is_asked_for_the_number():
    organisation = OrganisationPageFactory()
    organisation.charity_regulator = SCOTLAND

    assert validation_errors(organisation) == {
        "charity_number": ["Enter the charity number, or clear the regulator."]
    }


@pytest.mark.django_db
def test_an_organisations_numbers_are_saved_in_their_normal_form():
    organisation = OrganisationPageFactory(
        charity_regulator=SCOTLAND, charity_number="sc 012345", company_number="1234567"
    )

    organisation.refresh_from_db()
    assert organisation.charity_number == "SC012345"
    assert organisation.company_number == "01234567"


@pytest.mark.django_db
def test_a_charity_number_already_listed_names_the_organisation_that_has_it():
    OrganisationPageFactory(
        title="Second Chance Housing", charity_regulator=ENGLAND_AND_WALES, charity_number="1098765"
    )
    newcomer = OrganisationPageFactory(title="Second Chance Housing Trust")
    newcomer.charity_regulator = ENGLAND_AND_WALES
    newcomer.charity_number = "1098765"

    assert validation_errors(newcomer) == {
        "charity_number": ["“Second Chance Housing” is already listed with this charity number."]
    }


@pytest.mark.django_db
def test_a_company_number_already_listed_names_the_organisation_that_has_it():
    OrganisationPageFactory(title="Open Doors CIC", company_number="01234567")
    newcomer = OrganisationPageFactory(title="Open Doors")
    newcomer.company_number = "1234567"  # the same number, before normalisation

    assert validation_errors(newcomer) == {
        "company_number": ["“Open Doors CIC” is already listed with this company number."]
    }


@pytest.mark.django_db
def test_the_same_number_with_another_regulator_is_a_different_charity():
    OrganisationPageFactory(charity_regulator=NORTHERN_IRELAND, charity_number="101234")
    scottish = OrganisationPageFactory()
    scottish.charity_regulator = ENGLAND_AND_WALES
    scottish.charity_number = "101234"

    scottish.full_clean()


@pytest.mark.django_db
def test_an_organisation_does_not_clash_with_its_own_numbers():
    organisation = OrganisationPageFactory(
        charity_regulator=ENGLAND_AND_WALES, charity_number="1098765", company_number="01234567"
    )

    organisation.full_clean()


@pytest.mark.django_db
def test_a_copy_of_an_organisation_does_not_carry_its_numbers():
    original = OrganisationPageFactory(
        title="Second Chance Housing",
        charity_regulator=ENGLAND_AND_WALES,
        charity_number="1098765",
        company_number="01234567",
    )

    copy = original.copy(
        to=original.get_parent(),
        update_attrs={"title": "Second Chance Housing (copy)", "slug": "second-chance-copy"},
    ).specific

    copy.refresh_from_db()
    assert (copy.charity_number, copy.company_number) == ("", "")
    assert copy.translation_key != original.translation_key
    assert OrganisationPage.objects.filter(charity_number="1098765").get() == original
