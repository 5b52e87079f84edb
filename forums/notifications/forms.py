"""What a person hears about from one forum, and how often."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forums.models import NoticeFrequency, NoticeTopic


class NoticePreferencesForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("What do you want to hear about?"),
        help_text=_("Select all that apply. Select none to get no emails from this forum."),
        choices=NoticeTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=_("How often do you want emails?"),
        choices=NoticeFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how often you want emails")},
    )

    def __init__(self, *args, subscription=None, **kwargs):
        if subscription is not None:
            kwargs.setdefault(
                "initial", {"topics": subscription.topics, "frequency": subscription.frequency}
            )
        super().__init__(*args, **kwargs)
