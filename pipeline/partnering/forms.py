"""Registering an organisation's interest in partnering on an opportunity."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pipeline.partnering.rules import NOTE_MAX_LENGTH


class InterestForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("A short note for the lead provider or commissioner (optional)"),
        help_text=_(
            "What your organisation could bring: the people you work with, where, and how."
        ),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("The note must be %(limit_value)d characters or fewer"),
        },
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}

    def clean_organisation(self):
        organisation = self.organisations.get(self.cleaned_data["organisation"])
        if organisation is None:
            raise forms.ValidationError(_("Choose one of your organisations"))
        return organisation


class WithdrawForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)


class SeekingPartnersForm(forms.Form):
    seeking = forms.TypedChoiceField(
        label=_("Is this opportunity still seeking specialist partners?"),
        choices=[
            ("yes", _("Yes: listed organisations can register interest")),
            ("no", _("No: stop taking interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is still seeking partners")},
    )
