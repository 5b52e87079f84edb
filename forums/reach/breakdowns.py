"""The reach report's breakdowns: listed and engaged organisations by commissioning
relationship, income band, led-by-and-for and service category.

Commissioning relationships are split into **confirmed** (a commissioner or moderator
confirmed what the organisation declares: `OrganisationStatus.confirms_commissioning`) and
**declared only** (as the organisation said, not yet confirmed), so the report shows how much
of it rests on the organisations' own word.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.models import CommissioningRelationship, IncomeBand, LedByAndFor, ServiceCategory
from directory.models import OrganisationPage, OrganisationStatus, ServicePage

# What a figure that cannot be worked out shows: the share of a group nobody is listed in.
NO_FIGURE = "\u2013"  # an en dash


@dataclass
class Row:
    label: str
    listed: int
    engaged: int

    @property
    def percent(self):
        """The share of the group's listed organisations that engaged, or None for a group
        with none listed (shown as NO_FIGURE, never as 0%)."""
        return round(100 * self.engaged / self.listed) if self.listed else None

    @property
    def percent_text(self):
        return NO_FIGURE if self.percent is None else f"{self.percent}%"

    @property
    def not_engaged(self):
        return self.listed - self.engaged


@dataclass
class Breakdown:
    title: str
    rows: list


def _row(label, members, listed, engaged):
    members = members & listed
    return Row(label, len(members), len(members & engaged))


def term_members(through, column):
    """{term id: {organisation ids}} from an organisation's many-to-many through table (every
    organisation: callers intersect with the ones they count)."""
    members = {}
    for organisation_id, term_id in through.objects.values_list("organisationpage_id", column):
        members.setdefault(term_id, set()).add(organisation_id)
    return members


def commissioning_members():
    """{term id: {organisation ids}}: the relationships organisations declare."""
    return term_members(
        OrganisationPage.commissioning_relationships.through, "commissioningrelationship_id"
    )


def confirmed_organisations(members, among):
    """The organisations of `among` whose declared relationships (from `members`, as
    commissioning_members gives them) a commissioner or moderator confirmed as they stand,
    "outside commissioning" included."""
    slugs = dict(CommissioningRelationship.objects.values_list("pk", "slug"))
    declared = {}
    for term_id, organisation_ids in members.items():
        for organisation_id in organisation_ids:
            declared.setdefault(organisation_id, []).append(slugs[term_id])
    statuses = OrganisationStatus.objects.filter(commissioning_confirmed_at__isnull=False)
    return {
        status.organisation_id
        for status in statuses.only(
            "organisation_id", "confirmed_commissioning", "commissioning_confirmed_at"
        )
        if status.organisation_id in among
        and status.confirms_commissioning(declared.get(status.organisation_id, []))
    }


def _commissioning_rows(listed, engaged_ids):
    members = commissioning_members()
    confirmed = confirmed_organisations(members, listed)
    rows = []
    for term in CommissioningRelationship.objects.in_default_locale():
        declaring = members.get(term.pk, set())
        name = term.name
        rows.append(
            _row(
                _("%(name)s: confirmed") % {"name": name},
                declaring & confirmed,
                listed,
                engaged_ids,
            )
        )
        rows.append(
            _row(
                _("%(name)s: declared only") % {"name": name},
                declaring - confirmed,
                listed,
                engaged_ids,
            )
        )
    outside = listed - set().union(*members.values()) if members else listed
    rows.append(
        _row(_("Outside commissioning: confirmed"), outside & confirmed, listed, engaged_ids)
    )
    rows.append(
        _row(_("Outside commissioning: not confirmed"), outside - confirmed, listed, engaged_ids)
    )
    return rows


def _category_members():
    """{top-level category id: {organisation ids}}: an organisation offers a category when
    one of its public services has the category or one of its subcategories."""
    parents = dict(ServiceCategory.objects.values_list("pk", "parent_id"))
    through = ServicePage.categories.through
    members = {}
    rows = through.objects.filter(servicepage__in=ServicePage.objects.public()).values_list(
        "servicepage__organisation_id", "servicecategory_id"
    )
    for organisation_id, category_id in rows:
        top = parents.get(category_id) or category_id
        members.setdefault(top, set()).add(organisation_id)
    return members


def breakdowns(listed, engaged_ids):
    """Listed and engaged organisations by commissioning relationship (confirmed or declared
    only, with "outside commissioning"), income band, led-by-and-for and service category."""
    result = [
        Breakdown(
            _("Relationship to HMPPS commissioning"), _commissioning_rows(listed, engaged_ids)
        )
    ]

    bands = {}
    for organisation_id, band in OrganisationPage.objects.live().values_list("pk", "income_band"):
        bands.setdefault(band, set()).add(organisation_id)
    rows = [
        _row(label, bands.get(value, set()), listed, engaged_ids)
        for value, label in IncomeBand.choices
    ]
    rows.append(_row(_("Income not known"), bands.get("", set()), listed, engaged_ids))
    result.append(Breakdown(_("Annual income"), rows))

    led = term_members(OrganisationPage.led_by_and_for.through, "ledbyandfor_id")
    rows = [
        _row(term.name, led.get(term.pk, set()), listed, engaged_ids)
        for term in LedByAndFor.objects.in_default_locale()
    ]
    led_any = set().union(*led.values()) if led else set()
    rows.append(_row(_("Not led by and for a group"), listed - led_any, listed, engaged_ids))
    result.append(Breakdown(_("Led by and for"), rows))

    categories = _category_members()
    rows = [
        _row(term.name, categories.get(term.pk, set()), listed, engaged_ids)
        for term in ServiceCategory.objects.in_default_locale().filter(parent__isnull=True)
    ]
    offering = set().union(*categories.values()) if categories else set()
    rows.append(_row(_("No public services listed"), listed - offering, listed, engaged_ids))
    result.append(Breakdown(_("Service category"), rows))
    return result
