from django import template

register = template.Library()


@register.simple_tag
def highlight_for(results, obj):
    """The highlighted snippet the search made for one result, if any."""
    return results.highlights.get(obj.pk, "") if results else ""
