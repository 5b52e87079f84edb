"""The admin form of an event page: an explicit choice between unlimited and a limited
number of places (the model keeps `capacity`, 0 meaning unlimited), and times that say they
are UK time.

It lives with the models (not in forums/events/) because EventPage names it as its
`base_form_class`, and models never import a feature folder.
"""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

UNLIMITED = "unlimited"
LIMITED = "limited"

UK_TIME = _("UK time (Europe/London), whether or not the clocks have changed.")
TIME_HELP = {
    "start": UK_TIME,
    "end": UK_TIME,
    "registration_opens_at": _("UK time (Europe/London). Leave empty to open now."),
    "registration_closes_at": _("UK time (Europe/London). Leave empty to close at the start."),
}


class EventPageForm(WagtailAdminPageForm):
    places = forms.ChoiceField(
        label=_("Places"),
        choices=[
            (UNLIMITED, _("Unlimited places")),
            (LIMITED, _("A limited number of places")),
        ],
        widget=forms.RadioSelect,
        initial=UNLIMITED,
        error_messages={"required": _("Choose unlimited places or a limited number.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        capacity = self.instance.capacity if self.instance is not None else 0
        if "places" in self.fields:
            self.fields["places"].initial = LIMITED if capacity else UNLIMITED
        if "capacity" in self.fields:
            field = self.fields["capacity"]
            field.label = _("Number of places")
            field.required = False
            # "0" or less is refused below, in words that suit a choice of places.
            field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)]
            field.widget.attrs["min"] = 1
            field.help_text = _("Only when places are limited: 1 or more.")
            # Unlimited shows an empty box, not a "0" that reads as "no places".
            self.initial["capacity"] = capacity or None
        for name, help_text in TIME_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = help_text

    def clean(self):
        cleaned_data = super().clean()
        if "places" not in self.fields or "capacity" not in self.fields:
            return cleaned_data
        if cleaned_data.get("places") == LIMITED:
            capacity = cleaned_data.get("capacity")
            if "capacity" not in self.errors and (capacity is None or capacity < 1):
                self.add_error(
                    "capacity",
                    _("Enter the number of places, 1 or more, or choose unlimited places."),
                )
        else:
            # Unlimited, or no choice yet in a draft (Wagtail saves drafts without the
            # required fields): the model's default, 0.
            cleaned_data["capacity"] = 0
            self.errors.pop("capacity", None)
        return cleaned_data
