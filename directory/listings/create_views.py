"""Create a listing: a few short steps, answers kept between steps, one check-your-answers page.

The answers live in `ListingDraft` (one per person), so someone can stop on their phone and
finish later. Submitting creates the draft organisation and its first service and sends them
to moderation as one unit (`listings.create_listing`).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.ratelimit import allow
from directory.claims.rules import can_be_claimed
from directory.listings.confidentiality import address_confidential_by_default
from directory.listings.forms import (
    OrganisationBasicsForm,
    ServiceReferralForm,
    ServiceWhatForm,
    ServiceWhereForm,
)
from directory.listings.locations import WherePeopleGoForm
from directory.listings.rules import DuplicateListing, create_listing
from directory.models import ListingDraft

HONEYPOT = "reference_code"
SUBMISSIONS_PER_HOUR = 5
STEP_SAVES_PER_HOUR = 200


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    fields_template: str = ""  # the step's own layout of its questions, if any


STEPS = [
    Step("organisation", _("Your organisation"), OrganisationBasicsForm),
    Step("what-you-do", _("What you do"), ServiceWhatForm),
    Step("where-and-who", _("Where you work and who for"), ServiceWhereForm),
    Step(
        "where-people-go",
        _("Where people go"),
        WherePeopleGoForm,
        "directory/create_listing/location_fields.html",
    ),
    Step("how-to-refer", _("How to refer"), ServiceReferralForm),
]
LOCATION_STEP = "where-people-go"
SERVICE_STEPS = [step.slug for step in STEPS[1:] if step.slug != LOCATION_STEP]


def _serialise(cleaned_data):
    """Cleaned answers as JSON: chosen terms by id, everything else as typed."""
    answers = {}
    for name, value in cleaned_data.items():
        if isinstance(value, (models.QuerySet, list)):
            answers[name] = [getattr(item, "pk", item) for item in value]
        else:
            answers[name] = value
    return answers


def _bound_forms(draft):
    """Every step's form bound to the saved answers (None for a step not yet answered)."""
    return {
        step.slug: step.form_class(data=draft.answers[step.slug])
        if step.slug in draft.answers
        else None
        for step in STEPS
    }


def _first_incomplete(forms):
    for step in STEPS:
        form = forms[step.slug]
        if form is None or not form.is_valid():
            return step
    return None


def _step_url(step, returning=False):
    url = reverse("directory_create_listing_step", args=[step.slug])
    return url + "?return=check" if returning else url


def _draft(user):
    draft, _ = ListingDraft.objects.get_or_create(user=user)
    return draft


def start(request):
    """The start page (no sign-in needed to read it)."""
    return render(request, "directory/create_listing/start.html", {"steps": STEPS})


@login_required
def step_view(request, slug):
    index = next((i for i, step in enumerate(STEPS) if step.slug == slug), None)
    if index is None:
        raise Http404
    step = STEPS[index]
    draft = _draft(request.user)
    forms = _bound_forms(draft)
    # Steps are answered in order: skipping ahead leads back to the first gap.
    first_gap = _first_incomplete(forms)
    if first_gap is not None and STEPS.index(first_gap) < index:
        return redirect(_step_url(first_gap))
    returning = request.GET.get("return") == "check"
    existing_listing = None
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            return redirect("directory_create_listing")
        form = step.form_class(data=request.POST)
        if not allow(request, "listing-step", STEP_SAVES_PER_HOUR, 3600):
            return render(request, "429.html", status=429)
        if form.is_valid():
            existing_listing = getattr(form, "existing_listing", None)
            if existing_listing is None:
                draft.answers[step.slug] = _serialise(form.cleaned_data)
                draft.save(update_fields=["answers", "updated_at"])
                next_gap = _first_incomplete(_bound_forms(draft))
                if returning or next_gap is None:
                    return redirect("directory_create_listing_check")
                return redirect(_step_url(next_gap))
    else:
        form = forms[step.slug] or step.form_class()
    return render(
        request,
        "directory/create_listing/step.html",
        {
            "step": step,
            "step_number": index + 1,
            "step_count": len(STEPS),
            "form": form,
            "back_url": (
                reverse("directory_create_listing_check")
                if returning
                else _step_url(STEPS[index - 1])
                if index
                else reverse("directory_create_listing")
            ),
            "existing_listing": existing_listing,
            "existing_can_be_claimed": existing_listing is not None
            and can_be_claimed(existing_listing),
            "honeypot": HONEYPOT,
        },
    )


@login_required
def check_answers_view(request):
    draft = ListingDraft.objects.filter(user=request.user).first()
    if draft is None:
        # Already submitted (a second click on the final button) or never started.
        if request.method == "POST":
            return redirect("directory_create_listing_sent")
        return redirect("directory_create_listing")
    forms = _bound_forms(draft)
    first_gap = _first_incomplete(forms)
    if first_gap is not None:
        return redirect(_step_url(first_gap))
    if request.method == "POST":
        if not allow(request, "create-listing", SUBMISSIONS_PER_HOUR, 3600):
            return render(request, "429.html", status=429)
        service_data = {}
        for slug in SERVICE_STEPS:
            service_data.update(forms[slug].cleaned_data)
        service_data["locations"] = forms[LOCATION_STEP].locations()
        try:
            organisation = create_listing(
                request.user, forms["organisation"].cleaned_data, service_data
            )
        except DuplicateListing:
            messages.error(
                request,
                _("An organisation with this charity or company number has just been listed."),
            )
            return redirect(_step_url(STEPS[0], returning=True))
        if organisation is not None:
            request.session["listing_sent"] = organisation.pk
        return redirect("directory_create_listing_sent")
    sections = [
        {
            "step": step,
            "rows": forms[step.slug].answers_for_display(),
            "change_url": _step_url(step, returning=True),
        }
        for step in STEPS
    ]
    _show_confidential_default(sections, forms)
    return render(
        request,
        "directory/create_listing/check.html",
        {"sections": sections, "back_url": _step_url(STEPS[-1])},
    )


def _show_confidential_default(sections, forms):
    """The organisation's address as it will be kept: confidential by default for the
    services most at risk (`address_confidential_by_default`), whatever was ticked."""
    categories = forms["what-you-do"].cleaned_data.get("categories", [])
    if not address_confidential_by_default(categories, forms[LOCATION_STEP].locations()):
        return
    rows = sections[0]["rows"]
    for index, (name, label, _value) in enumerate(rows):
        if name == "address_is_confidential":
            rows[index] = (name, label, CONFIDENTIAL_BY_DEFAULT)


CONFIDENTIAL_BY_DEFAULT = _(
    "Yes. Addresses are kept confidential for services supporting people affected by domestic "
    "abuse or sexual violence, and when every place a service is delivered is confidential. "
    "You can change this once your listing is approved."
)


@login_required
def sent_view(request):
    from directory.models import OrganisationPage

    organisation = None
    pk = request.session.get("listing_sent")
    if pk:
        organisation = OrganisationPage.objects.filter(
            pk=pk, memberships__user=request.user
        ).first()
    return render(request, "directory/create_listing/sent.html", {"organisation": organisation})
