from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import MembershipRole
from directory.team.rules import hand_over_ownership, leave_all_organisations, sole_ownerships

ROLE_CHOICES = [
    (MembershipRole.EDITOR, _("Editor: can update the listing and its services")),
    (MembershipRole.OWNER, _("Owner: can also invite people and change the team")),
]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will email them a link to join. It works for 7 days."),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("What can they do?"),
        choices=ROLE_CHOICES,
        initial=MembershipRole.EDITOR,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what they can do")},
    )

    def __init__(self, *args, valid_days=7, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We will email them a link to join. It works for %(days)s days."
        ) % {"days": valid_days}


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose owner or editor")},
    )


class HandOverForm(forms.Form):
    """On the delete-your-account page: who takes over each organisation the person is the
    only owner of, and which organisations will be left unclaimed."""

    deletion_template = "directory/account/delete_hand_over.html"

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.sole = sole_ownerships(user)
        self.unclaimed = [organisation for organisation, others in self.sole if not others]
        self.memberships = list(user.memberships.select_related("organisation"))
        self._others = {}
        for organisation, others in self.sole:
            if not others:
                continue
            self._others[organisation.pk] = {str(m.pk): m for m in others}
            self.fields[f"new_owner_{organisation.pk}"] = forms.ChoiceField(
                label=_("Who will be the owner of %(name)s?") % {"name": organisation.title},
                choices=[
                    (str(m.pk), f"{m.user.get_full_name() or m.user.email} ({m.user.email})")
                    for m in others
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose who will be the owner of %(name)s")
                    % {"name": organisation.title},
                    "invalid_choice": _("Choose someone in the team of %(name)s")
                    % {"name": organisation.title},
                },
            )

    def apply(self):
        for organisation, others in self.sole:
            if others:
                chosen = self._others[organisation.pk][
                    self.cleaned_data[f"new_owner_{organisation.pk}"]
                ]
                hand_over_ownership(organisation, chosen)
        leave_all_organisations(self.user)
