from django import forms
from django.utils.translation import gettext_lazy as _

from directory.permissions import organisations_acting_for

INDIVIDUAL = "individual"


class RegistrationForm(forms.Form):
    on_behalf_of = forms.ChoiceField(
        label=_("Who are you coming for?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your organisation or 'As an individual'.")},
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        help_text=_(
            "Anything the organisers should know so you can take part, for example step-free "
            "access or a British Sign Language interpreter. Only the forum's organisers see "
            "this, and it is deleted 30 days after the event."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):

        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations_acting_for(user)}
        self.fields["on_behalf_of"].choices = [
            *((pk, o.title) for pk, o in self.organisations.items()),
            (INDIVIDUAL, _("As an individual")),
        ]
        if not self.organisations:
            self.fields["on_behalf_of"].initial = INDIVIDUAL

    def organisation(self):
        return self.organisations.get(self.cleaned_data["on_behalf_of"])


class MembershipForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
