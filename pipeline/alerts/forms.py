"""Choosing a pipeline alert: for whom, and which regions, areas of support and kinds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.permissions import organisations_acting_for
from pipeline.alerts.rules import area_choices, region_choices
from pipeline.models import OpportunityKind


class TermChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, term):
        return term.name


class AlertForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Who is this alert for?"),
        queryset=None,
        required=False,
        empty_label=_("Just me"),
        blank=True,
        widget=forms.RadioSelect,
    )
    regions = TermChoices(
        label=_("Regions"),
        help_text=_(
            "Select all that apply. Select none for every region. National "
            "opportunities always match."
        ),
        queryset=None,
        required=False,
    )
    categories = TermChoices(
        label=_("Areas of support"),
        help_text=_("Select all that apply. Select none for any kind of service."),
        queryset=None,
        required=False,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of opportunity"),
        help_text=_("Select all that apply. Select none for every kind."),
        choices=OpportunityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, user, alert=None, **kwargs):
        if alert is not None:
            kwargs.setdefault(
                "initial",
                {
                    "organisation": alert.organisation,
                    "regions": list(alert.regions.all()),
                    "categories": list(alert.categories.all()),
                    "kinds": alert.kinds,
                },
            )
        super().__init__(*args, **kwargs)
        organisations = organisations_acting_for(user)
        self.fields["organisation"].queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]
        self.fields["regions"].queryset = region_choices()
        self.fields["categories"].queryset = area_choices()
