"""Registering and withdrawing an organisation's interest in partnering (public site, its
owners and editors), and the interest in one opportunity for the people who run it (admin,
with CSV and XLSX)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.exports import csv_response, xlsx_response
from core.page_urls import page_absolute_url
from directory.permissions import organisations_acting_for
from pipeline.models import OpportunityPage
from pipeline.partnering.forms import InterestForm, SeekingPartnersForm, WithdrawForm
from pipeline.partnering.lead_providers import set_seeking_partners
from pipeline.partnering.rules import (
    INTEREST_HEADER,
    accepts_interest,
    can_see_interest,
    interest_in,
    interest_rows,
    register_interest,
    withdraw_interest,
)


def _opportunity(opportunity_id):
    return get_object_or_404(OpportunityPage.objects.live(), pk=opportunity_id)


@login_required
@require_POST
def register(request, opportunity_id):
    opportunity = _opportunity(opportunity_id)
    if not accepts_interest(opportunity):
        raise Http404
    organisations = list(organisations_acting_for(request.user))
    form = InterestForm(request.POST, organisations=organisations)
    if not form.is_valid():
        if "organisation" in form.errors:
            raise Http404
        page = opportunity.localized
        context = {**page.get_context(request), "interest_form": form}
        return render(request, page.get_template(request), context, status=400)
    organisation = form.cleaned_data["organisation"]
    _interest, created = register_interest(
        opportunity, organisation, request.user, form.cleaned_data["note"]
    )
    if created:
        message = _("%(organisation)s's interest in partnering is registered.")
    else:
        message = _("%(organisation)s had already registered interest.")
    messages.success(request, message % {"organisation": organisation.title})
    return redirect(opportunity.localized.url)


@login_required
@require_POST
def withdraw(request, opportunity_id):
    opportunity = _opportunity(opportunity_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        raise Http404
    organisation = get_object_or_404(
        organisations_acting_for(request.user), pk=form.cleaned_data["organisation"]
    )
    withdraw_interest(opportunity, organisation)
    messages.success(
        request,
        _("%(organisation)s's interest is withdrawn.") % {"organisation": organisation.title},
    )
    return redirect(opportunity.localized.url)


# The people who run the partnering, on the public site (lead providers have no admin)


@login_required
def interest(request, opportunity_id):
    """Who registered interest, and whether the opportunity is still seeking partners."""
    opportunity = _visible_opportunity(request, opportunity_id, live=True)
    form = SeekingPartnersForm(
        request.POST or None, initial={"seeking": "yes" if opportunity.seeking_partners else "no"}
    )
    if request.method == "POST" and form.is_valid():
        seeking = form.cleaned_data["seeking"]
        set_seeking_partners(opportunity, seeking, request.user)
        if seeking:
            messages.success(request, _("Listed organisations can register interest."))
        else:
            messages.success(request, _("The opportunity no longer takes interest."))
        return redirect(request.path)
    page = opportunity.localized
    context = {
        "opportunity": page,
        "interests": list(interest_in(opportunity)),
        "form": form,
    }
    return render(
        request, "pipeline/partnering/interest.html", context, status=400 if form.errors else 200
    )


@login_required
def public_interest_csv(request, opportunity_id):
    return _export(request, opportunity_id, csv_response, "csv")


# The admin: who is interested


def _visible_opportunity(request, opportunity_id, live=False):
    pages = OpportunityPage.objects.live() if live else OpportunityPage.objects.all()
    opportunity = get_object_or_404(pages, pk=opportunity_id)
    if not can_see_interest(request.user, opportunity):
        raise PermissionDenied
    return opportunity


class InterestView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    template_name = "pipeline/partnering/admin_interest.html"

    def dispatch(self, request, opportunity_id):
        self.opportunity = _visible_opportunity(request, opportunity_id)
        return super().dispatch(request, opportunity_id)

    def get_page_title(self):
        return _("Interest in partnering: %(title)s") % {"title": self.opportunity.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.opportunity.pk]),
                "label": self.opportunity.title,
            },
            {"url": "", "label": _("Interest in partnering")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opportunity"] = self.opportunity
        context["interests"] = list(interest_in(self.opportunity))
        return context


def _export(request, opportunity_id, respond, extension):
    opportunity = _visible_opportunity(request, opportunity_id)
    rows = interest_rows(opportunity, page_absolute_url)
    return respond(f"partnering-interest-{opportunity.slug}.{extension}", INTEREST_HEADER, rows)


def interest_csv(request, opportunity_id):
    return _export(request, opportunity_id, csv_response, "csv")


def interest_xlsx(request, opportunity_id):
    return _export(request, opportunity_id, xlsx_response, "xlsx")
