from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from directory.models import OrganisationPage
from directory.permissions import organisations_acting_for

INDIVIDUAL = "individual"
NOT_LISTED = "not-listed"
SEARCH_RESULTS = 10

ACCESS_NEEDS_HELP = _(
    "Anything the organisers should know so you can take part, for example step-free "
    "access or a British Sign Language interpreter. Only the forum's organisers see "
    "this, and it is deleted 30 days after the event."
)


class RegistrationForm(forms.Form):
    on_behalf_of = forms.ChoiceField(
        label=_("Who are you coming for?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your organisation or 'As an individual'.")},
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        help_text=ACCESS_NEEDS_HELP,
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


def find_organisations(query, limit=SEARCH_RESULTS):
    """Live organisations whose name contains `query`, each once (the version in the
    visitor's language when there is one), by name."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    found = {}
    active = Locale.get_active().pk
    pages = OrganisationPage.objects.live().filter(title__icontains=query).order_by("title", "pk")
    for page in pages[: limit * 3]:
        if page.translation_key not in found or page.locale_id == active:
            found[page.translation_key] = page
    return sorted(found.values(), key=lambda page: page.title.lower())[:limit]


class GuestRegistrationForm(forms.Form):
    """Registering without an account. The organisation is found without JavaScript: the
    visitor searches (the page comes back with the matches as choices) and picks one, or
    says theirs is not listed or that they come as an individual."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Enter your full name.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will email you a link to confirm. Nothing is booked until you do."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.org."),
        },
    )
    organisation_search = forms.CharField(
        label=_("Search for your organisation"),
        help_text=_("Type part of its name and choose Search."),
        required=False,
        max_length=100,
    )
    organisation = forms.ChoiceField(
        label=_("Your organisation"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose your organisation, 'My organisation is not listed' or "
                "'I am coming as an individual'."
            ),
            "invalid_choice": _("Search again and choose your organisation."),
        },
    )
    unlisted_organisation_name = forms.CharField(
        label=_("Your organisation's name (optional)"),
        required=False,
        max_length=200,
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        help_text=ACCESS_NEEDS_HELP,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        self.matches = find_organisations(source.get("organisation_search"))
        chosen = _live_organisation(source.get("organisation"))
        listed = [chosen, *(o for o in self.matches if o != chosen)] if chosen else self.matches
        self.organisations = {str(o.pk): o for o in listed}
        self.fields["organisation"].choices = [
            *((pk, o.title) for pk, o in self.organisations.items()),
            (NOT_LISTED, _("My organisation is not listed")),
            (INDIVIDUAL, _("I am coming as an individual")),
        ]

    def chosen_organisation(self):
        return self.organisations.get(self.cleaned_data["organisation"])

    def unlisted_name(self):
        if self.cleaned_data["organisation"] != NOT_LISTED:
            return ""
        return self.cleaned_data["unlisted_organisation_name"].strip()


def _live_organisation(value):
    if not (value or "").isdigit() or len(value) > 12:
        return None
    return OrganisationPage.objects.live().filter(pk=int(value)).first()
