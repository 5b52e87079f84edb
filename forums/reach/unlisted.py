"""People who took part without a listed organisation: they attended an event or responded to
a consultation in the period for themselves, or for an organisation that is not in the
directory (whose name they may have given). The report counts them as "not listed" and gives
managers the link that invites those organisations to list.

- **Took part** as organisations engage (forums/reach/report.py): attended an event that
  started in the period (or held a place at a past event whose attendance was never
  recorded), or submitted a consultation response in the period.
- **In a region**: at the events and consultations of that region's forum (in either
  language); national consultations count only for every region.
- Each person counts once; a response whose author's account was deleted counts as one.
- **Names** they gave for their organisation, distinct whatever their case or spacing, with
  how many people gave each.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from forums.models import ConsultationResponse, EventRegistration, ResponseStatus
from forums.reach.report import attended_registrations

LIST_YOUR_ORGANISATION = "directory_create_listing"


@dataclass(frozen=True)
class NamedOrganisation:
    name: str
    people: int


@dataclass(frozen=True)
class NotListed:
    people: int
    names: list  # [NamedOrganisation], by name
    invite_url: str  # the public "list your organisation" page, on the site's root URL


def list_your_organisation_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(LIST_YOUR_ORGANISATION)


def _in_region(queryset, field, region):
    if region is None:
        return queryset
    return queryset.filter(**{f"{field}__forum_region__translation_key": region.translation_key})


def _names(pairs):
    """[NamedOrganisation] from (person, name) pairs: one entry per name whatever its case or
    spacing (spelt as first given), counting each person once."""
    spelling, people = {}, {}
    for person, name in pairs:
        name = " ".join(name.split())
        if not name:
            continue
        key = name.casefold()
        spelling.setdefault(key, name)
        people.setdefault(key, set()).add(person)
    return sorted(
        (NamedOrganisation(spelling[key], len(people[key])) for key in spelling),
        key=lambda named: named.name.casefold(),
    )


def people_not_listed(region, period, now=None):
    """Who took part in `period` without a listed organisation, in `region` (None: every
    region): how many people, and the organisations they named."""
    now = now or timezone.now()
    registrations = EventRegistration.objects.filter(
        organisation__isnull=True,
        event__start__gte=period.start_at,
        event__start__lt=period.end_at,
        event__live=True,
    )
    registrations = attended_registrations(_in_region(registrations, "event", region), now)
    attended = list(
        registrations.order_by("created_at", "pk").values_list(
            "user_id", "unlisted_organisation_name"
        )
    )
    responses = ConsultationResponse.objects.filter(
        organisation__isnull=True,
        status=ResponseStatus.SUBMITTED,
        submitted_on__gte=period.start,
        submitted_on__lt=period.end,
    )
    responded = _in_region(responses, "consultation", region).values_list("pk", "user_id")
    people = {("user", user_id) for user_id, _name in attended}
    people |= {("user", user_id) if user_id else ("response", pk) for pk, user_id in responded}
    return NotListed(
        people=len(people),
        names=_names(attended),
        invite_url=list_your_organisation_url(),
    )
