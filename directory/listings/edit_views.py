"""Owners and editors keep their listing current from the public site.

Capacity and "still correct" take effect at once; every other change is sent for review
and the public pages keep showing the last approved version until a moderator approves.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from directory.claims.rules import AlreadyClaimed, can_be_claimed, pending_claim, start_claim
from directory.listings.forms import OrganisationDetailsForm, ServiceDetailsForm
from directory.listings.locations import service_locations
from directory.listings.rules import (
    add_service,
    latest_version,
    organisation_initial,
    pending_submission,
    remove_service,
    service_initial,
    set_capacity,
    submit_organisation_changes,
    submit_service_changes,
)
from directory.models import CapacityStatus, OrganisationPage, ServicePage, ServiceStatus
from directory.permissions import can_edit_listing, can_view_draft, role_in
from directory.staleness.rules import confirm_listing

SENT_FOR_REVIEW = _(
    "Your changes have been sent for review. Your public listing shows the previous version "
    "until a moderator approves them, usually within two working days."
)


def _organisation_for_editing(request, organisation_id):
    organisation = get_object_or_404(OrganisationPage, pk=organisation_id)
    if not can_edit_listing(request.user, organisation):
        raise PermissionDenied
    return organisation


def _service_for_editing(request, organisation, service_id):
    return get_object_or_404(ServicePage.objects.filter(organisation=organisation), pk=service_id)


class CapacityForm(forms.Form):
    capacity = forms.ChoiceField(
        label=_("Can the service take referrals now?"),
        choices=CapacityStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the service can take referrals now")},
    )
    capacity_note = forms.CharField(
        label=_("Anything practitioners should know (optional)"),
        help_text=_("For example: waiting list of about 6 weeks."),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "govuk-!-width-full"}),
    )


class ClaimForm(forms.Form):
    role_explanation = forms.CharField(
        label=_("What is your role in the organisation?"),
        help_text=_("For example: I am the manager and have worked here since 2019."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell us your role in the organisation")},
    )


@login_required
def listing_view(request, organisation_id):
    """The listing as its team sees it: what is public, what waits for review."""
    organisation = _organisation_for_editing(request, organisation_id)
    services = (
        ServicePage.objects.filter(organisation=organisation)
        .select_related("operational_status")
        .order_by("title")
    )
    submission = pending_submission(organisation)
    waiting_ids = set()
    if submission:
        waiting_ids = {
            int(object_id) for object_id in submission.revisions.values_list("object_id", flat=True)
        }
    return render(
        request,
        "directory/edit_listing/listing.html",
        {
            "organisation": organisation,
            "latest": latest_version(organisation),
            "services": [
                {
                    "page": service,
                    "waiting": service.pk in waiting_ids,
                    # The places as last saved, so a change waiting for review shows.
                    "locations": service_locations(latest_version(service)),
                }
                for service in services
            ],
            "organisation_waiting": organisation.pk in waiting_ids,
            "submission": submission,
            "role": role_in(request.user, organisation),
            "last_submission": organisation.submissions.exclude(status="pending")
            .order_by("-decided_at")
            .first(),
        },
    )


@login_required
def preview_view(request, organisation_id):
    """The organisation page as it will look once approved: its team and moderators only."""
    organisation = get_object_or_404(OrganisationPage, pk=organisation_id)
    if not can_view_draft(request.user, organisation):
        raise PermissionDenied
    latest = latest_version(organisation)
    return latest.make_preview_request(request, latest.default_preview_mode)


@login_required
def edit_organisation_view(request, organisation_id):
    organisation = _organisation_for_editing(request, organisation_id)
    latest = latest_version(organisation)
    if request.method == "POST":
        form = OrganisationDetailsForm(request.POST, request.FILES, organisation=organisation)
        if form.is_valid() and form.existing_listing is None:
            data = dict(form.cleaned_data)
            if data.get("logo"):
                data["logo"] = _save_logo(request, form, organisation)
            submit_organisation_changes(request.user, organisation, data)
            messages.success(request, SENT_FOR_REVIEW)
            return redirect("directory_manage_listing", organisation.pk)
        if form.is_valid():
            form.add_error(
                form.existing_listing_field,
                _("“%(name)s” is already listed with this number.")
                % {"name": form.existing_listing.title},
            )
    else:
        form = OrganisationDetailsForm(
            initial=organisation_initial(latest), organisation=organisation
        )
    return render(
        request,
        "directory/edit_listing/edit_organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "logo": latest.logo,
        },
    )


def _save_logo(request, form, organisation):
    """A checked upload (WagtailImageField: size, format, pixels) becomes a Wagtail image."""
    from wagtail.images import get_image_model

    upload = form.cleaned_data["logo"]
    image = get_image_model()(
        title=f"{organisation.title} logo", file=upload, uploaded_by_user=request.user
    )
    image._set_image_file_metadata()
    image.save()
    return image


@login_required
def service_view(request, organisation_id, service_id=None):
    """Edit a service, or add one (service_id None)."""
    organisation = _organisation_for_editing(request, organisation_id)
    service = _service_for_editing(request, organisation, service_id) if service_id else None
    if request.method == "POST":
        form = ServiceDetailsForm(request.POST)
        if form.is_valid():
            if service is None:
                add_service(request.user, organisation, form.cleaned_data)
            else:
                submit_service_changes(request.user, service, form.cleaned_data)
            messages.success(request, SENT_FOR_REVIEW)
            return redirect("directory_manage_listing", organisation.pk)
    elif service is None:
        form = ServiceDetailsForm(
            initial={
                "is_national": organisation.is_national,
                "regions": list(organisation.regions.all()),
                "delivered_in_person": True,
            }
        )
    else:
        form = ServiceDetailsForm(initial=service_initial(latest_version(service)))
    return render(
        request,
        "directory/edit_listing/edit_service.html",
        {
            "organisation": organisation,
            "service": service,
            "form": form,
        },
    )


@login_required
def remove_service_view(request, organisation_id, service_id):
    organisation = _organisation_for_editing(request, organisation_id)
    service = _service_for_editing(request, organisation, service_id)
    if request.method == "POST":
        title = service.title
        remove_service(request.user, service)
        messages.success(
            request, _("%(name)s has been removed from the directory.") % {"name": title}
        )
        return redirect("directory_manage_listing", organisation.pk)
    return render(
        request,
        "directory/edit_listing/remove_service.html",
        {"organisation": organisation, "service": service},
    )


@login_required
def capacity_view(request, organisation_id, service_id):
    organisation = _organisation_for_editing(request, organisation_id)
    service = _service_for_editing(request, organisation, service_id)
    status, _created = ServiceStatus.objects.get_or_create(service=service)
    if request.method == "POST":
        form = CapacityForm(request.POST)
        if form.is_valid():
            set_capacity(
                request.user,
                service,
                form.cleaned_data["capacity"],
                form.cleaned_data["capacity_note"],
            )
            messages.success(request, _("Availability updated. It shows on your listing now."))
            return redirect("directory_manage_listing", organisation.pk)
    else:
        form = CapacityForm(
            initial={"capacity": status.capacity, "capacity_note": status.capacity_note}
        )
    return render(
        request,
        "directory/edit_listing/capacity.html",
        {
            "organisation": organisation,
            "service": service,
            "form": form,
        },
    )


@login_required
def confirm_view(request, organisation_id):
    organisation = _organisation_for_editing(request, organisation_id)
    if request.method == "POST":
        confirm_listing(organisation, user=request.user)
        messages.success(request, _("Thank you. Your listing is marked as checked today."))
    return redirect("directory_manage_listing", organisation.pk)


@login_required
def claim_view(request, organisation_id):
    organisation = get_object_or_404(OrganisationPage.objects.live(), pk=organisation_id)
    context = {"organisation": organisation}
    existing = pending_claim(request.user, organisation)
    if existing or not can_be_claimed(organisation):
        context["claim"] = existing
        return render(request, "directory/claim/status.html", context)
    if request.method == "POST":
        form = ClaimForm(request.POST)
        if form.is_valid():
            try:
                claim = start_claim(
                    request.user, organisation, form.cleaned_data["role_explanation"]
                )
            except AlreadyClaimed:
                return render(request, "directory/claim/status.html", context)
            context["claim"] = claim
            return render(request, "directory/claim/status.html", context)
    else:
        form = ClaimForm()
    context["form"] = form
    return render(request, "directory/claim/form.html", context)
