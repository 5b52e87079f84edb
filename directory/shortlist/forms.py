"""The shortlist's forms: a private note on a service, and emailing the list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models.shortlist import SHORTLIST_NOTE_MAX_LENGTH


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Your note"),
        required=False,
        max_length=SHORTLIST_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Your note must be %(limit_value)s characters or fewer"),
        },
    )


class EmailShortlistForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send the list to this address once. We do not keep the address."),
        max_length=254,
        error_messages={
            "required": _("Enter the email address to send the list to"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("The email address must be 254 characters or fewer"),
        },
    )
    include_notes = forms.BooleanField(
        label=_("Include my notes"),
        help_text=_("Leave this unticked if the email may be read by someone else."),
        required=False,
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(required=False)

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
