from django import template

from pipeline.partnering.rules import panel_context

register = template.Library()


@register.inclusion_tag("pipeline/partnering/panel.html", takes_context=True)
def partner_interest_panel(context, opportunity):
    """On an opportunity seeking specialist partners: register (or withdraw) interest for
    each organisation the visitor acts for, or a link to sign in. Nothing otherwise. A note
    that failed validation comes back from the view as `interest_form`."""
    return panel_context(context["request"], opportunity, form=context.get("interest_form"))
