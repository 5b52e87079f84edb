"""Markup the directory page repeats many times (a filter's options, a result's capacity),
made in Python: an `{% include %}` per option or per result renders a whole template each
time, and with a hundred filter options that was most of the page's rendering."""

import html

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from directory.models import CapacityStatus

register = template.Library()

_OPTION = (
    '<div class="govuk-checkboxes__item">\n'
    '  <input class="govuk-checkboxes__input" id="{param}-{value}" name="{param}" '
    'type="checkbox" value="{value}"{state}>\n'
    '  <label class="govuk-label govuk-checkboxes__label" for="{param}-{value}">\n'
    '    {label} <span class="cg-filter-count">({count})</span>\n'
    "  </label>\n"
    "</div>\n"
)

_CAPACITY_COLOURS = {
    CapacityStatus.ACCEPTING: "govuk-tag--green",
    CapacityStatus.WAITING_LIST: "govuk-tag--yellow",
}
_CAPACITY_LABELS = dict(CapacityStatus.choices)


def escaped(value):
    """`conditional_escape` without its lazy-string wrapper, which was a fifth of a result
    card's time: markup marked safe as it is, anything else escaped as Django escapes it."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def markup(template_text, **parts):
    """`format_html` for markup repeated many times a page: the same escaping, faster."""
    return mark_safe(  # noqa: S308 - every part is escaped
        template_text.format(**{name: escaped(value) for name, value in parts.items()})
    )


@register.simple_tag
def facet_options(facet):
    """Every option of a filter as a small checkbox with how many services it would show,
    each option's children in a nested group after it.

    An option that would show no services is there, with its count, but cannot be chosen
    (it would only lead to an empty page); a chosen one can always be unticked.
    """
    parts = []
    for option in facet.options:
        parts.append(_option(facet.param, option))
        if option.children:
            children = format_html_join(
                "", "{}", ((_option(facet.param, child),) for child in option.children)
            )
            parts.append(format_html('<div class="cg-filter-children">\n{}</div>\n', children))
    return mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html


def _option(param, option):
    if option.selected:
        state = " checked"
    elif not option.count:
        state = " disabled"
    else:
        state = ""
    return markup(
        _OPTION,
        param=param,
        value=option.value,
        state=mark_safe(state),  # noqa: S308 - one of three constants
        label=option.label,
        count=option.count,
    )


@register.simple_tag
def capacity_tag(status):
    """Whether a service is taking referrals, as a coloured tag, and the note beside it."""
    colour = _CAPACITY_COLOURS.get(status.capacity, "govuk-tag--grey")
    tag = format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        colour,
        _CAPACITY_LABELS.get(status.capacity, status.capacity),
    )
    if status.capacity_note:
        return format_html('{} <span class="govuk-body-s">{}</span>', tag, status.capacity_note)
    return tag
