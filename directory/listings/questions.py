"""GOV.UK question patterns the listing forms share: radios whose options reveal a follow-up
question (conditional reveal), an "or" option that stands for "none", and the kinds of support
grouped by area (tick the area, then its specific services).

The markup is `templates/components/form_field.html`; these fields give it what each option
needs (`option.data.revealed`, `option.data.divider`, `field.areas`). Without JavaScript every
follow-up question and every area's services are shown, and the answers mean the same.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.models import ServiceCategory
from directory.identifiers import CharityRegulator


class RevealingBoundField(forms.BoundField):
    """Each option carries the bound fields it reveals, for the template."""

    @cached_property
    def subwidgets(self):
        widgets = super().subwidgets
        for widget in widgets:
            names = self.field.reveals.get(str(widget.data["value"]), ())
            widget.data["revealed"] = [self.form[name] for name in names]
        return widgets


class RadiosWithNone(forms.RadioSelect):
    """Radios whose last option ("No", "Prefer not to say") follows an "or" divider."""

    none_value = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["divider"] = value is not None and str(value) == self.none_value
        return option


class RadioQuestion(forms.ChoiceField):
    """One question answered with radios. `none_value` is an answer stored as blank (the
    "No" or "Prefer not to say" option); `reveals` maps an option to the fields it opens."""

    def __init__(self, *, choices, none_value, none_label, reveals=None, **kwargs):
        self.none_value = none_value
        self.none_label = none_label
        self.reveals = reveals or {}
        widget = RadiosWithNone()
        widget.none_value = none_value
        super().__init__(choices=[*choices, (none_value, none_label)], widget=widget, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return "" if value == self.none_value else value

    def prepare_value(self, value):
        # A blank answer already given (when editing, or a saved step) shows as its option.
        return self.none_value if value == "" else value

    def get_bound_field(self, form, field_name):
        return RevealingBoundField(form, self, field_name)

    def display_value(self, value):
        return dict(self.choices).get(value or self.none_value, "")


def revealed_by(field, question, option):
    """Mark a follow-up field: the template shows it inside `question`'s `option`, and "check
    your answers" shows it only when that option was chosen."""
    field.revealed_by = (question, option)
    return field


class AreaBoundField(forms.BoundField):
    """The options grouped by area: each area's checkbox, its services, and whether it is open
    (ticked, or one of its services is: a form sent without JavaScript may tick only those)."""

    @cached_property
    def areas(self):
        areas = []
        for option in self.subwidgets:
            category = option.data["value"].instance
            if category.parent_id is None:
                areas.append({"option": option, "services": [], "open": option.data["selected"]})
            elif areas and areas[-1]["option"].data["value"].instance.pk == category.parent_id:
                areas[-1]["services"].append(option)
                areas[-1]["open"] = areas[-1]["open"] or option.data["selected"]
        return areas


class AreaCheckboxes(forms.CheckboxSelectMultiple):
    """Marks the field for `components/category_areas.html` (widget_type "areacheckboxes")."""


class CategoryAreasField(forms.ModelMultipleChoiceField):
    """What kind of support: areas (top-level categories) reveal their specific services.
    The answer is the specific services; an area counts only if it has none of its own."""

    widget = AreaCheckboxes

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", ServiceCategory.objects.none())
        super().__init__(**kwargs)

    def label_from_instance(self, category):
        return category.name

    def get_bound_field(self, form, field_name):
        return AreaBoundField(form, self, field_name)

    def clean(self, value):
        chosen = list(super().clean(value))
        areas_with_services = set(
            self.queryset.filter(parent__isnull=False).values_list("parent_id", flat=True)
        )
        services = [item for item in chosen if item.parent_id or item.pk not in areas_with_services]
        for area in chosen:
            if area.pk in areas_with_services and not any(
                item.parent_id == area.pk for item in services
            ):
                raise ValidationError(
                    _("Select at least one kind of support under “%(area)s”, or untick it"),
                    code="empty_area",
                    params={"area": area.name},
                )
        return services


def categories_by_area():
    """Every area followed by its services, in the order people read them."""
    return (
        ServiceCategory.objects.in_default_locale()
        .select_related("parent")
        .order_by(
            Coalesce("parent__sort_order", "sort_order"),
            Coalesce("parent__name", "name"),
            F("parent").asc(nulls_first=True),
            "sort_order",
            "name",
        )
    )


def with_answers(data, convert):
    """Form data (a QueryDict or a saved step's dict) with answers given the old way turned
    into the new questions' answers, so drafts saved before a question changed still work."""
    if data is None:
        return None
    data = data.copy()
    for name, value in convert(data).items():
        if hasattr(data, "setlist"):
            data.setlist(name, value if isinstance(value, list) else [value])
        else:
            data[name] = value
    return data


# What a text box holds, for browsers that fill forms in (WCAG 1.3.5), and how wide it is.
NOT_FILLED_IN = {"autocomplete": "off"}
NUMBER = {"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-10"}
WIDE = "govuk-!-width-two-thirds"
DELIVERY_METHODS = [
    ("in-person", "delivered_in_person", _("In person")),
    ("online", "delivered_online", _("Online")),
    ("by-phone", "delivered_by_phone", _("By phone")),
]
CHARITY_NUMBER_HINTS = {
    CharityRegulator.ENGLAND_AND_WALES: _(
        "6 or 7 digits, like 1098765. A linked charity adds its number, like 1098765-1."
    ),
    CharityRegulator.SCOTLAND: _("SC followed by 6 digits, like SC012345."),
    CharityRegulator.NORTHERN_IRELAND: _("6 digits, with or without NIC in front, like NIC101234."),
}


def charity_number_field(regulator):
    return revealed_by(
        forms.CharField(
            label=_("Charity number"),
            help_text=CHARITY_NUMBER_HINTS[regulator],
            max_length=20,
            required=False,
            widget=forms.TextInput(attrs=NUMBER),
        ),
        "charity_regulator",
        regulator.value,
    )


def charity_number_name(regulator):
    return f"charity_number_{regulator}"


def charity_answers(answers):
    """A number given for the regulator before each regulator had its own box."""
    regulator = answers.get("charity_regulator")
    number = answers.get("charity_number")
    if regulator and number and not answers.get(charity_number_name(regulator)):
        return {charity_number_name(regulator): number}
    return {}


def delivery_answers(answers):
    """Ways of delivery given as three yes/no answers, before they were one question."""
    if answers.get("delivery_methods"):
        return {}
    chosen = [
        value
        for value, name, _label in DELIVERY_METHODS
        if answers.get(name) not in (None, "", False, "false", "False")
    ]
    return {"delivery_methods": chosen} if chosen else {}
