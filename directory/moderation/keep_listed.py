"""Keep listed: a moderator keeps a listing the freshness ladder hides (or will hide) in
default results, for a reason recorded with who and when, and can take it back."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.models import OrganisationPage, OrganisationStatus
from directory.moderation.rules import keep_listed, stop_keeping_listed
from directory.permissions import can_keep_listed
from directory.staleness.rules import planned_days


class KeepListedForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should it stay listed?"),
        help_text=_("For example, who you spoke to and what they said. Other moderators see this."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter why the listing should stay listed")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Enter why the listing should stay listed"))
        return reason


def refuse(request):
    """A plain 403 (Wagtail would turn a PermissionDenied into a redirect to the dashboard):
    people without the role have no business here."""
    return permission_denied(request, PermissionDenied())


class ListingCheckView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page about one organisation, for the people `allowed(user)` lets in."""

    header_icon = "tick-inverse"
    allowed = None

    def dispatch(self, request, *args, **kwargs):
        if not type(self).allowed(request.user):
            return refuse(request)
        self.organisation = get_object_or_404(OrganisationPage, pk=kwargs["pk"])
        self.status = OrganisationStatus.objects.select_related(
            "keep_listed_by", "commissioning_confirmed_by", "last_confirmed_by"
        ).get_or_create(organisation=self.organisation)[0]
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("listing_checks:index"), "label": _("Listing checks")},
            {"label": self.get_page_title()},
        ]

    def get_page_subtitle(self):
        return self.organisation.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"organisation": self.organisation, "status": self.status})
        return context


class KeepListedView(ListingCheckView):
    page_title = _("Keep listed")
    template_name = "directory/moderation/keep_listed.html"
    allowed = staticmethod(can_keep_listed)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=KeepListedForm()))

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "remove":
            stop_keeping_listed(self.organisation, request.user)
            messages.success(
                request,
                _("%(name)s is no longer kept listed.") % {"name": self.organisation.title},
            )
            return redirect("listing_checks:keep_listed", self.organisation.pk)
        form = KeepListedForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        keep_listed(self.organisation, form.cleaned_data["reason"], request.user)
        messages.success(
            request, _("%(name)s will stay listed.") % {"name": self.organisation.title}
        )
        return redirect("listing_checks:keep_listed", self.organisation.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = planned_days(self.status)
        return context
