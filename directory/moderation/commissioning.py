"""Commissioning relationships: what an organisation declared, confirmed (or corrected and
confirmed) by a commissioner or moderator in the admin."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.models import CommissioningRelationship
from directory.moderation.keep_listed import ListingCheckView
from directory.moderation.rules import (
    PendingChanges,
    commissioning_terms,
    confirm_commissioning,
    declared_commissioning,
)
from directory.permissions import can_confirm_commissioning


class ConfirmCommissioningForm(forms.Form):
    relationships = forms.MultipleChoiceField(
        label=_("Relationship to HMPPS commissioning"),
        help_text=_(
            "Ticked as the organisation declared it: change the ticks to correct it. "
            "None ticked means outside commissioning."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relationships"].choices = [
            (term.slug, term.name) for term in CommissioningRelationship.objects.in_default_locale()
        ]


class ConfirmCommissioningView(ListingCheckView):
    page_title = _("Confirm commissioning relationship")
    template_name = "directory/moderation/confirm_commissioning.html"
    allowed = staticmethod(can_confirm_commissioning)

    def get(self, request, *args, **kwargs):
        form = ConfirmCommissioningForm(
            initial={"relationships": declared_commissioning(self.organisation)}
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ConfirmCommissioningForm(request.POST)
        if form.is_valid():
            try:
                confirm_commissioning(
                    self.organisation, form.cleaned_data["relationships"], request.user
                )
            except PendingChanges:
                form.add_error(
                    "relationships",
                    _(
                        "This organisation has changes waiting for moderation. Decide on "
                        "them first, or confirm the relationship as it is declared."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Commissioning relationship confirmed for %(name)s.")
                    % {"name": self.organisation.title},
                )
                return redirect("listing_checks:commissioning", self.organisation.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declared = declared_commissioning(self.organisation)
        context.update(
            {
                "declared": commissioning_terms(declared),
                "confirmed": commissioning_terms(self.status.confirmed_commissioning),
                "is_confirmed": self.status.confirms_commissioning(declared),
            }
        )
        return context
