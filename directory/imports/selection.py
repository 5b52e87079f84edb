"""Which charities the import adds, and the ones it must never add again.

The rules are data (`CharitySelectionRule`, edited by moderators in the admin): a charity is
selected when its name or activities contain an active keyword (at the start of a word, any
case, so "prison" also finds "prisoners") or when it has an active classification code.
`Selection.matches` says which rules matched, so a dry run can show why each charity would
be added. A charity a moderator rejected (`RejectedCharity`) is never added again.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from directory.identifiers import CharityRegulator, normalise_charity_number
from directory.models import (
    CharitySelectionRule,
    OrganisationPage,
    OrganisationSource,
    OrganisationStatus,
    RejectedCharity,
    SelectionRuleKind,
)


@dataclass
class Selection:
    """Which charities to import: any keyword in the name or activities, or any code."""

    keywords: list[str]
    classification_codes: list[str]

    def __post_init__(self):
        self.keywords = [keyword.strip().lower() for keyword in self.keywords if keyword.strip()]
        self.classification_codes = [
            str(code).strip() for code in self.classification_codes if str(code).strip()
        ]
        # Longest first, so "ex-offender" is reported rather than "offender" inside it.
        ordered = sorted(self.keywords, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(k) for k in ordered) + ")")
            if ordered
            else None
        )

    @classmethod
    def from_rules(cls, keywords=None, classification_codes=None):
        """The active rules, or — if either option is given — exactly the options."""
        if keywords or classification_codes:
            return cls(list(keywords or []), list(classification_codes or []))
        rules = CharitySelectionRule.objects.filter(active=True).values_list("kind", "value")
        chosen = {SelectionRuleKind.KEYWORD: [], SelectionRuleKind.CLASSIFICATION: []}
        for kind, value in rules:
            chosen.setdefault(kind, []).append(value)
        return cls(chosen[SelectionRuleKind.KEYWORD], chosen[SelectionRuleKind.CLASSIFICATION])

    # The command's name for it from before the rules were data.
    from_settings = from_rules

    def matches(self, record, codes):
        """Why the charity is selected: ['keyword "prison"', 'classification code 105', …],
        empty when it is not."""
        reasons = [
            f"classification code {code}" for code in self.classification_codes if code in codes
        ]
        if self._pattern is not None:
            text = f"{record.get('charity_name') or ''}\n{record.get('charity_activities') or ''}"
            found = dict.fromkeys(match.group(0) for match in self._pattern.finditer(text.lower()))
            reasons = [f'keyword "{keyword}"' for keyword in found] + reasons
        return reasons


def rejected_numbers():
    """Numbers of the charities the import must not add (or bring back)."""
    return set(RejectedCharity.objects.values_list("charity_number", flat=True))


def clean_rejected_number(value):
    """The register's form of a charity number typed by a moderator (ValidationError if it
    is not one)."""
    return normalise_charity_number(CharityRegulator.ENGLAND_AND_WALES, str(value).strip())


def unclaimed_imported_listing(number):
    """The live listing the import created for this charity and nobody has claimed, or None."""
    page = (
        OrganisationPage.objects.live()
        .filter(
            charity_regulator=CharityRegulator.ENGLAND_AND_WALES,
            charity_number=number,
            source=OrganisationSource.IMPORTED,
        )
        .first()
    )
    if page is None or page.memberships.exists():
        return None
    if OrganisationStatus.objects.filter(organisation=page, is_claimed=True).exists():
        return None
    return page


@transaction.atomic
def reject_charity(rejection, user):
    """Remember a rejected charity; its unclaimed imported listing (if any) is unpublished.

    A claimed or self-listed organisation stays as it is: its team looks after it. Returns
    the unpublished page, or None.
    """
    try:
        rejection.charity_number = clean_rejected_number(rejection.charity_number)
    except ValidationError as error:
        raise ValidationError({"charity_number": error.messages}) from error
    rejection.rejected_by = user
    page = unclaimed_imported_listing(rejection.charity_number)
    if page is not None and not rejection.name:
        rejection.name = page.title
    rejection.save()
    if page is not None:
        page.unpublish(user=user)
    return page
