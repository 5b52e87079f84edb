from django import template

from pipeline.opportunities import display

register = template.Library()


@register.simple_tag
def opportunity_details(page):
    """Everything the opportunity page shows beyond its own fields (history, key dates with
    their moves, value and eligibility in words)."""
    return display.opportunity_context(page)


@register.filter
def pounds(value):
    return display.money(value) if value is not None else ""
