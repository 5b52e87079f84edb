"""Owners and editors add, change and remove the places where a service is delivered.

Each change is sent for review like any other (`listings.locations`); the public pages keep
the approved version until a moderator approves it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from directory.listings.edit_views import (
    SENT_FOR_REVIEW,
    _organisation_for_editing,
    _service_for_editing,
)
from directory.listings.locations import (
    LocationForm,
    add_location,
    change_location,
    location_at,
    location_initial,
    remove_location,
    service_locations,
)
from directory.listings.rules import latest_version


def _service_and_locations(request, organisation_id, service_id):
    organisation = _organisation_for_editing(request, organisation_id)
    service = _service_for_editing(request, organisation, service_id)
    latest = latest_version(service)
    return organisation, service, latest, service_locations(latest)


def _location(locations, number):
    location = location_at(locations, number)
    if location is None:
        raise Http404
    return location


@login_required
def add_location_view(request, organisation_id, service_id):
    organisation, service, latest, _locations = _service_and_locations(
        request, organisation_id, service_id
    )
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_location(request.user, service, form.cleaned_data)
        messages.success(request, SENT_FOR_REVIEW)
        return redirect("directory_manage_listing", organisation.pk)
    heading = _("Add a place where %(name)s is delivered") % {"name": latest.title}
    return _form_page(request, organisation, service, form, heading)


@login_required
def edit_location_view(request, organisation_id, service_id, number):
    organisation, service, latest, locations = _service_and_locations(
        request, organisation_id, service_id
    )
    location = _location(locations, number)
    if request.method == "POST":
        form = LocationForm(request.POST)
        if form.is_valid():
            change_location(request.user, service, number, form.cleaned_data)
            messages.success(request, SENT_FOR_REVIEW)
            return redirect("directory_manage_listing", organisation.pk)
    else:
        form = LocationForm(initial=location_initial(location))
    heading = _("Change %(place)s, a place where %(name)s is delivered") % {
        "place": location.name or location.area,
        "name": latest.title,
    }
    return _form_page(request, organisation, service, form, heading)


def _form_page(request, organisation, service, form, heading):
    return render(
        request,
        "directory/edit_listing/location_form.html",
        {"organisation": organisation, "service": service, "form": form, "heading": heading},
    )


@login_required
def remove_location_view(request, organisation_id, service_id, number):
    organisation, service, latest, locations = _service_and_locations(
        request, organisation_id, service_id
    )
    location = _location(locations, number)
    if request.method == "POST":
        remove_location(request.user, service, number)
        messages.success(request, SENT_FOR_REVIEW)
        return redirect("directory_manage_listing", organisation.pk)
    return render(
        request,
        "directory/edit_listing/location_remove.html",
        {
            "organisation": organisation,
            "service": service,
            "service_title": latest.title,
            "location": location,
        },
    )
