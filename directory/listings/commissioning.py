"""The question owners answer about their relationship to HMPPS commissioning.

What an organisation says is shown as "declared by the organisation" until a commissioner or
moderator confirms it (`OrganisationPage.commissioning_is_confirmed`). The answer is the
taxonomy's terms, or "None of these": an exclusive option, as GOV.UK checkboxes have it.
"None of these" and no answer are stored the same way (no terms): outside commissioning.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.models import CommissioningRelationship

NONE_OF_THESE = "none"
NONE_LABEL = _("None of these")


class _TermsThenNone(ModelChoiceIterator):
    def __iter__(self):
        yield from super().__iter__()
        yield (NONE_OF_THESE, NONE_LABEL)

    def __len__(self):
        return super().__len__() + 1


class ExclusiveCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose "None of these" option says it unticks the others (GOV.UK's
    `data-behaviour="exclusive"`; templates read `option.data.exclusive`)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["exclusive"] = str(value) == NONE_OF_THESE
        if option["exclusive"]:
            option["attrs"]["data-behaviour"] = "exclusive"
        return option


class CommissioningField(forms.ModelMultipleChoiceField):
    """The commissioning terms, or "None of these" on its own."""

    iterator = _TermsThenNone
    widget = ExclusiveCheckboxes

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", CommissioningRelationship.objects.none())
        super().__init__(**kwargs)

    def clean(self, value):
        values = [str(item) for item in (value or [])]
        terms = [item for item in values if item != NONE_OF_THESE]
        if NONE_OF_THESE in values and terms:
            raise ValidationError(
                _("Select the contracts or grants you hold, or “None of these” on its own"),
                code="exclusive",
            )
        return super().clean(terms)

    def display_value(self, value):
        """For "check your answers": the terms' names, or "None of these"."""
        names = [str(term) for term in value or []]
        return ", ".join(names) if names else str(NONE_LABEL)


def commissioning_field():
    return CommissioningField(
        label=_("Do you hold any HMPPS contracts or grants?"),
        help_text=_(
            "Select all that apply. Your listing shows this as declared by your organisation "
            "until a commissioner or moderator confirms it."
        ),
        required=False,
    )


def commissioning_terms():
    return CommissioningRelationship.objects.in_default_locale().order_by("sort_order", "name")
