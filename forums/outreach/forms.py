"""The outreach screens' forms: what to invite to and which organisations to show (read from
the address, so the reach report can link to a filtered list), then which ones to invite
with an optional personal message; and a message to an event's registrants."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import CommissioningRelationship, IncomeBand, LedByAndFor
from core.text import without_nul
from forums.models import EventPage, MessageAudience
from forums.outreach.rules import (
    ANY_LED_BY_AND_FOR,
    INCOME_NOT_KNOWN,
    NOT_LED_BY_AND_FOR,
    OUTSIDE_COMMISSIONING,
    OutreachFilters,
    OutreachRefused,
    check_send_size,
)
from forums.reach.periods import current_quarter, parse_period, period_choices

NOT_ENGAGED = "not-engaged"
EVERY_LISTED = "all"
MESSAGE_MAX_LENGTH = 1000


def _item_label(item):
    local = timezone.localtime
    if isinstance(item, EventPage):
        return _("Event: %(title)s (%(date)s)") % {
            "title": item.title,
            "date": local(item.start).strftime("%d/%m/%Y"),
        }
    return _("Consultation: %(title)s (closes %(date)s)") % {
        "title": item.title,
        "date": local(item.closes_at).strftime("%d/%m/%Y"),
    }


class OutreachFilterForm(forms.Form):
    """Bound to the address's parameters over the defaults: the first item, the current
    quarter, organisations not engaged in it, any relationship, income or leadership."""

    item = forms.TypedChoiceField(label=gettext_lazy("Invite them to"), coerce=int)
    period = forms.ChoiceField(label=gettext_lazy("Period"))
    show = forms.ChoiceField(
        label=gettext_lazy("Which organisations"),
        choices=[
            (NOT_ENGAGED, gettext_lazy("Not engaged in this period")),
            (EVERY_LISTED, gettext_lazy("Every listed organisation")),
        ],
        widget=forms.RadioSelect,
    )
    commissioning = forms.ChoiceField(
        label=gettext_lazy("Relationship to HMPPS commissioning"), required=False
    )
    income = forms.ChoiceField(label=gettext_lazy("Annual income"), required=False)
    led_by_and_for = forms.ChoiceField(label=gettext_lazy("Led by and for"), required=False)

    def __init__(self, query, *, items, today=None):
        today = today or timezone.localdate()
        period = parse_period(query.get("period")) or current_quarter(today)
        defaults = {
            "item": str(items[0].pk) if items else "",
            "period": period.slug,
            "show": NOT_ENGAGED,
        }
        data = {**defaults}
        for name in self.base_fields:
            if name != "period" and query.get(name):
                data[name] = without_nul(query.get(name))
        super().__init__(data)
        self.fields["item"].choices = [(item.pk, _item_label(item)) for item in items]
        self.fields["period"].choices = [(p.slug, p.label) for p in period_choices(today)]
        self.fields["commissioning"].choices = [
            ("", _("Any relationship")),
            *_term_choices(CommissioningRelationship),
            (OUTSIDE_COMMISSIONING, _("Outside commissioning")),
        ]
        self.fields["income"].choices = [
            ("", _("Any income")),
            *IncomeBand.choices,
            (INCOME_NOT_KNOWN, _("Income not known")),
        ]
        self.fields["led_by_and_for"].choices = [
            ("", _("Any organisation")),
            (ANY_LED_BY_AND_FOR, _("Led by and for any group")),
            *_term_choices(LedByAndFor),
            (NOT_LED_BY_AND_FOR, _("Not led by and for a group")),
        ]

    def period_object(self):
        return parse_period(self.cleaned_data["period"])

    def outreach_filters(self):
        data = self.cleaned_data
        return OutreachFilters(
            not_engaged=data["show"] == NOT_ENGAGED,
            commissioning=data["commissioning"],
            income=data["income"],
            led_by_and_for=data["led_by_and_for"],
        )


def _term_choices(model):
    return [(term.slug, term.name) for term in model.objects.in_default_locale()]


class InvitationForm(forms.Form):
    """The organisations ticked (ids among `rows`: only selectable ones pass) and the
    manager's personal message."""

    organisations = forms.MultipleChoiceField(
        label=gettext_lazy("Organisations to invite"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Select at least one organisation to invite")},
    )
    message = forms.CharField(
        label=gettext_lazy("Personal message (optional)"),
        help_text=gettext_lazy(
            "Added to the invitation, above the details. Plain text, up to 1,000 characters."
        ),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, data=None, *, rows, **kwargs):
        super().__init__(data, **kwargs)
        self.rows = {str(row["id"]): row for row in rows}
        self.fields["organisations"].choices = [
            (key, row["name"]) for key, row in self.rows.items()
        ]

    def clean_organisations(self):
        chosen = self.cleaned_data["organisations"]
        if any(not self.rows[key]["selectable"] for key in chosen):
            raise forms.ValidationError(
                _(
                    "Some of the organisations you selected cannot be invited: they have been "
                    "invited already or have no email address. Check the list and select again."
                )
            )
        try:
            check_send_size(len(chosen))
        except OutreachRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return chosen

    def clean_message(self):
        return without_nul(self.cleaned_data["message"]).strip()

    def chosen_rows(self):
        return [self.rows[key] for key in self.cleaned_data["organisations"]]


class EventMessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("Send to"),
        choices=MessageAudience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose who to send the message to")},
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=150,
        error_messages={"required": gettext_lazy("Enter a subject")},
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        help_text=gettext_lazy(
            "Plain text, up to 5,000 characters. Each person’s email starts with their name "
            "and ends with the event’s details and page."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Enter a message")},
    )

    def clean_subject(self):
        return " ".join(without_nul(self.cleaned_data["subject"]).split())

    def clean_body(self):
        return without_nul(self.cleaned_data["body"]).strip()
