"""The "Add to shortlist" (or "Remove from shortlist") button beside a service, made in
Python: a results page shows twenty of them, and a template included once per button was a
fifth of the time the page's results took to render.

The markup is a plain form (it works without JavaScript) that comes back to this page, at
this button. `shortlisted_service_ids` comes from the shortlist's context processor
(directory/shortlist/context_processors.py), worked out once per request however many
services the page shows; the addresses and the page's own are worked out once per render.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

_ADD = (
    '<form method="post" action="{action}" class="cg-shortlist-form" id="shortlist-{pk}">\n'
    "{csrf}\n"
    '<input type="hidden" name="service" value="{pk}">\n'
    "{next}\n"
    '<button type="submit" class="govuk-button govuk-button--secondary '
    'cg-shortlist-form__button" data-module="govuk-button" data-prevent-double-click="true">'
    '{label}<span class="govuk-visually-hidden"> – {title}</span></button>\n'
    "</form>"
)
_REMOVE = (
    '<form method="post" action="{action}" class="cg-shortlist-form" id="shortlist-{pk}">\n'
    "{csrf}\n"
    '<input type="hidden" name="service" value="{pk}">\n'
    "{next}\n"
    '<p class="govuk-body-s cg-shortlist-form__status"><strong class="govuk-tag '
    'govuk-tag--blue">{on_it}</strong> <a class="govuk-link" href="{shortlist}">{view}</a></p>\n'
    '<button type="submit" class="govuk-button govuk-button--secondary '
    'cg-shortlist-form__button" data-module="govuk-button" data-prevent-double-click="true">'
    '{label}<span class="govuk-visually-hidden"> – {title}</span></button>\n'
    "</form>"
)


@register.simple_tag(takes_context=True)
def shortlist_button(context, service):
    """The form that puts `service` on the visitor's shortlist or takes it off."""
    shared = _shared(context)
    on_shortlist = service.pk in (context.get("shortlisted_service_ids") or ())
    next_field = ""
    if shared["path"] is not None:
        next_field = format_html(
            '<input type="hidden" name="next" value="{}#shortlist-{}">', shared["path"], service.pk
        )
    if on_shortlist:
        return format_html(
            _REMOVE,
            action=shared["remove"],
            pk=service.pk,
            csrf=shared["csrf"],
            next=next_field,
            on_it=shared["on_it"],
            shortlist=shared["shortlist"],
            view=shared["view"],
            label=shared["remove_label"],
            title=service.title,
        )
    return format_html(
        _ADD,
        action=shared["add"],
        pk=service.pk,
        csrf=shared["csrf"],
        next=next_field,
        label=shared["add_label"],
        title=service.title,
    )


def _shared(context):
    """What every button on the page has in common, once per render: the addresses, the
    page's own, the CSRF field and the words (translated as `{% translate %}` does: not
    escaped)."""
    shared = context.render_context.get(_shared)
    if shared is None:
        request = context.get("request")
        shared = {
            "add": reverse("directory_shortlist_add"),
            "remove": reverse("directory_shortlist_remove"),
            "shortlist": reverse("directory_shortlist"),
            "path": request.get_full_path() if request else None,
            "csrf": _csrf_input(context.get("csrf_token")),
        }
        words = {
            "on_it": gettext("On your shortlist"),
            "view": gettext("View your shortlist"),
            "remove_label": gettext("Remove from shortlist"),
            "add_label": gettext("Add to shortlist"),
        }
        shared.update({key: mark_safe(text) for key, text in words.items()})  # noqa: S308
        context.render_context[_shared] = shared
    return shared


def _csrf_input(token):
    """What `{% csrf_token %}` writes: the page's (one) token as a hidden field."""
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
