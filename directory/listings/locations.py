"""Where a service is delivered, as its team keeps it: the forms and the rules.

A service's locations belong to its page, so adding, changing or removing one is a change to
the service like any other: a new revision, gathered into the organisation's pending
submission, public once a moderator approves (`listings.rules`). One thing takes effect at
once: marking a published location confidential hides its address now
(`confidentiality.hide_location_at_once`).

Locations are numbered from 1 in their order on the latest version of the service: a
location added and not yet approved has no database id to name it by.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from directory.listings.confidentiality import hide_location_at_once, normalise_postcode
from directory.listings.forms import ListingForm, postcode_field, street_address_field
from directory.listings.rules import latest_version, submit_page_revision
from directory.models import ServiceLocation

LOCATION_FIELDS = ["name", "address", "area", "postcode", "is_confidential", "accessibility"]
CONFIDENTIAL_HINT = _(
    "Only the area is shown on every page, in search, in exports and in open data. Choose "
    "this for a refuge or any place whose address must stay private."
)


class LocationForm(ListingForm):
    """One place where the service is delivered."""

    name = forms.CharField(
        label=_("Name of the place (optional)"),
        help_text=_("For example: Chapeltown drop-in centre."),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    area = forms.CharField(
        label=_("Town or district"),
        help_text=_("Always shown, even when the address is confidential."),
        max_length=100,
        error_messages={"required": _("Enter the town or district")},
        widget=forms.TextInput(
            attrs={"autocomplete": "address-level2", "class": "govuk-!-width-two-thirds"}
        ),
    )
    address = street_address_field(_("Building and street (optional)"))
    postcode = postcode_field()
    is_confidential = forms.BooleanField(
        label=_("Keep this address confidential"),
        help_text=CONFIDENTIAL_HINT,
        required=False,
    )
    accessibility = forms.CharField(
        label=_("Access (optional)"),
        help_text=_("For example: step-free entrance, accessible toilet, hearing loop."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_area(self):
        return self.cleaned_data["area"].strip()

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


def location_initial(location):
    return {name: getattr(location, name) for name in LOCATION_FIELDS}


def location_from_answers(data):
    """A ServiceLocation (not saved) from a location form's cleaned answers."""
    return ServiceLocation(**{name: data.get(name) or _empty(name) for name in LOCATION_FIELDS})


def _empty(name):
    return False if name == "is_confidential" else ""


def service_locations(page):
    """The locations of a (latest) version of a service, in their order."""
    return sorted(page.locations.all(), key=lambda location: location.sort_order or 0)


def location_at(locations, number):
    """The location numbered `number` (from 1) in `locations`, or None."""
    return locations[number - 1] if 1 <= number <= len(locations) else None


def _submit(user, service, page, locations):
    for position, location in enumerate(locations):
        location.sort_order = position
    page.locations = locations
    return submit_page_revision(user, service.organisation, page)


@transaction.atomic
def add_location(user, service, data):
    page = latest_version(service)
    return _submit(user, service, page, [*service_locations(page), location_from_answers(data)])


@transaction.atomic
def change_location(user, service, number, data):
    """Change the location numbered `number`; False if there is no such location."""
    page = latest_version(service)
    locations = service_locations(page)
    location = location_at(locations, number)
    if location is None:
        return False
    was_confidential = location.is_confidential
    for name in LOCATION_FIELDS:
        setattr(location, name, data.get(name) or _empty(name))
    if location.is_confidential and not was_confidential:
        hide_location_at_once(location.pk, service)
    _submit(user, service, page, locations)
    return True


@transaction.atomic
def remove_location(user, service, number):
    """Remove the location numbered `number` (public until approved); False if none."""
    page = latest_version(service)
    locations = service_locations(page)
    location = location_at(locations, number)
    if location is None:
        return False
    _submit(user, service, page, [item for item in locations if item is not location])
    return True


HAS_LOCATION_CHOICES = [
    ("yes", _("Yes")),
    ("no", _("No, it has no fixed location (online or by phone only)")),
]


class WherePeopleGoForm(LocationForm):
    """A step of "list your organisation": the service's place, or none."""

    has_location = forms.ChoiceField(
        label=_("Is there a place people go to use the service?"),
        choices=HAS_LOCATION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether people go to a place to use the service")},
    )
    field_order = ["has_location", *LOCATION_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("has_location") == "no":
            for name in LOCATION_FIELDS:
                self.errors.pop(name, None)
                cleaned_data[name] = _empty(name)
        elif cleaned_data.get("has_location") == "yes" and not cleaned_data.get("area"):
            self.errors.pop("area", None)
            self.add_error("area", self.fields["area"].error_messages["required"])
        return cleaned_data

    def locations(self):
        """The service's locations as answered: one, or none."""
        if self.cleaned_data.get("has_location") != "yes":
            return []
        return [location_from_answers(self.cleaned_data)]

    def answers_for_display(self):
        rows = super().answers_for_display()
        if self.cleaned_data.get("has_location") != "yes":
            return rows[:1]
        confidential = self.cleaned_data.get("is_confidential")
        return [
            (
                name,
                label,
                _confidential_answer(confidential) if name == "is_confidential" else value,
            )
            for name, label, value in rows
        ]


def _confidential_answer(confidential):
    if confidential:
        return _("Yes, confidential: only the town or district is shown")
    return _("No, the address is shown")
