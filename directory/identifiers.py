"""Charity and company numbers: format checks, normal forms and links to the public registers.

Only the format is checked; whether a number is registered is not. Each function returns the
number in its stored form or raises ValidationError with a message a charity can act on.
"""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CharityRegulator(models.TextChoices):
    ENGLAND_AND_WALES = "ccew", _("Charity Commission for England and Wales")
    SCOTLAND = "oscr", _("Scottish Charity Regulator (OSCR)")
    NORTHERN_IRELAND = "ccni", _("Charity Commission for Northern Ireland")


# org-id.guide schemes, for open data.
ORG_ID_SCHEMES = {
    CharityRegulator.ENGLAND_AND_WALES: "GB-CHC",
    CharityRegulator.SCOTLAND: "GB-SC",
    CharityRegulator.NORTHERN_IRELAND: "GB-NIC",
}
COMPANY_ORG_ID_SCHEME = "GB-COH"

_ENGLAND_AND_WALES = re.compile(r"^\d{6,7}(-\d+)?$")
_SCOTLAND = re.compile(r"^SC\d{6}$")
_NORTHERN_IRELAND = re.compile(r"^(?:NIC)?(\d{6})$")
_COMPANY_DIGITS = re.compile(r"^\d{7,8}$")
# Prefixes Companies House uses for companies not registered in England and Wales, LLPs,
# charitable incorporated organisations, societies and others.
_COMPANY_PREFIXES = (
    "AC|BR|CE|CS|FC|FE|GE|GS|IC|IP|LP|NA|NC|NF|NI|NL|NO|NP|NR|NZ|OC|OE|RC|RS|SA|SC|SE|SF|SG|SI|"
    "SL|SO|SP|SR|SZ|ZC"
)
_COMPANY_PREFIXED = re.compile(rf"^({_COMPANY_PREFIXES})\d{{6}}$")


def _compact(value):
    return re.sub(r"\s+", "", value or "").upper()


def normalise_charity_number(regulator, value):
    number = _compact(value)
    if regulator == CharityRegulator.ENGLAND_AND_WALES:
        if not _ENGLAND_AND_WALES.match(number):
            raise ValidationError(
                _(
                    "Enter a charity number for England and Wales: 6 or 7 digits, "
                    "with an optional subsidiary number such as 1098765-1."
                ),
                code="invalid_charity_number",
            )
        return number
    if regulator == CharityRegulator.SCOTLAND:
        if not _SCOTLAND.match(number):
            raise ValidationError(
                _("Enter a Scottish charity number: SC followed by 6 digits, like SC012345."),
                code="invalid_charity_number",
            )
        return number
    if regulator == CharityRegulator.NORTHERN_IRELAND:
        match = _NORTHERN_IRELAND.match(number)
        if not match:
            raise ValidationError(
                _(
                    "Enter a Northern Ireland charity number: 6 digits, with or without "
                    "NIC in front, like NIC101234."
                ),
                code="invalid_charity_number",
            )
        return match.group(1)
    raise ValidationError(
        _("Choose the charity's regulator before giving its number."), code="no_regulator"
    )


def normalise_company_number(value):
    number = _compact(value)
    if _COMPANY_DIGITS.match(number):
        return number.zfill(8)
    if _COMPANY_PREFIXED.match(number):
        return number
    raise ValidationError(
        _(
            "Enter a Companies House number: 8 digits (like 01234567) or 2 letters and "
            "6 digits (like SC123456)."
        ),
        code="invalid_company_number",
    )


# The public registers, where anyone can check a number (format checks are all we do here).
_REGISTER_URLS = {
    CharityRegulator.ENGLAND_AND_WALES: (
        "https://register-of-charities.charitycommission.gov.uk/charity-search/-/"
        "charity-details/{number}"
    ),
    CharityRegulator.SCOTLAND: (
        "https://www.oscr.org.uk/about-charities/search-the-register/charity-details"
        "?number={number}"
    ),
    CharityRegulator.NORTHERN_IRELAND: (
        "https://www.charitycommissionni.org.uk/charity-details/?regId={number}"
    ),
}
COMPANY_REGISTER_URL = "https://find-and-update.company-information.service.gov.uk/company/{number}"


def charity_register_url(regulator, number):
    """The charity's page on its regulator's register, or "" when there is none to link to.
    A linked charity in England and Wales (1098765-1) is found on its main charity's page."""
    template = _REGISTER_URLS.get(regulator)
    number = _compact(number)
    if not template or not number:
        return ""
    if regulator == CharityRegulator.ENGLAND_AND_WALES:
        number = number.split("-")[0]
    return template.format(number=quote(number, safe=""))


def company_register_url(number):
    """The company's page on Companies House's register, or "" without a number."""
    number = _compact(number)
    return COMPANY_REGISTER_URL.format(number=quote(number, safe="")) if number else ""
