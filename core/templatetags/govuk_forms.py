"""GOV.UK Frontend markup for Django form fields: the pieces `components/form_field.html`
and `components/error_summary.html` need that a template cannot work out by itself."""

from django import template

register = template.Library()

WIDGET_CLASSES = {
    "input": "govuk-input",
    "password": "govuk-input govuk-password-input__input govuk-js-password-input-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
}
ERROR_CLASSES = {
    "input": "govuk-input--error",
    "password": "govuk-input--error",
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
}


def input_type(field):
    """The HTML input type, which may be set on the widget rather than implied by it."""
    return field.field.widget.attrs.get("type") or getattr(field.field.widget, "input_type", "")


@register.filter
def govuk_kind(field):
    """Which GOV.UK component renders this field."""
    widget_type = field.widget_type
    if widget_type == "checkbox":
        return "checkbox"
    if widget_type == "textarea":
        return "textarea"
    if widget_type == "select":
        return "select"
    if widget_type in {"radioselect", "checkboxselectmultiple"}:
        return widget_type
    if input_type(field) == "password":
        return "password"
    return "input"


@register.filter
def field_error_id(field):
    return f"{field.auto_id}-error"


@register.filter
def field_hint_id(field):
    return f"{field.auto_id}-hint"


@register.simple_tag
def govuk_widget(field, extra_class=""):
    """The field's widget with GOV.UK classes, its hint and error tied to it, and no
    placeholder (GOV.UK forms use labels and hints, never placeholder text)."""
    kind = govuk_kind(field)
    # Classes the form gave the widget (a width, say) are kept.
    own_class = field.field.widget.attrs.get("class", "")
    classes = [WIDGET_CLASSES.get(kind, ""), own_class, extra_class]
    if field.errors:
        classes.append(ERROR_CLASSES.get(kind, ""))
    attrs = {"class": " ".join(filter(None, classes)), "placeholder": False}
    described_by = []
    if field.help_text:
        described_by.append(field_hint_id(field))
    if field.errors:
        described_by.append(field_error_id(field))
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if kind == "password" or input_type(field) == "email":
        attrs["spellcheck"] = "false"
        attrs["autocapitalize"] = "none"
    return field.as_widget(attrs=attrs)
