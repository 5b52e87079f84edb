"""The parts of forum pages that depend on who is looking: places and registration on an
event, its feedback link, the join and leave buttons of a forum, and a consultation's
"respond" panel.

Page models gather what every visitor sees in `get_context`; these tags ask the features'
rules for the rest, so models never import a feature folder. Each tag renders an include in
templates/forums/includes/.
"""

from django import template
from django.urls import reverse

from core.page_urls import absolute_url, webcal_url
from forums.consultations.rules import consultation_context
from forums.events.places import with_places
from forums.feedback.rules import feedback_context
from forums.memberships.rules import joinable_organisations
from forums.models import ConsultationState
from forums.registrations.forms import RegistrationForm
from forums.registrations.rules import registration_context

register = template.Library()


@register.inclusion_tag("forums/includes/event_places.html")
def event_places(event):
    """The "Places" row of the event's summary list."""
    [event] = with_places([event])
    return {
        "places_left": event.places_left,
        "is_full": event.is_full,
        "shows_waiting_list": event.shows_waiting_list,
    }


@register.simple_tag
def events_with_places(events):
    """`{% events_with_places upcoming_events as events %}`: a list of events, each knowing
    its places left and whether it is full, counted in one query for the whole list."""
    return with_places(events)


@register.inclusion_tag("forums/includes/calendar_subscribe.html")
def calendar_subscribe(heading, id_prefix, url_name, *args):
    """Subscribe (webcal://), download (.ics) and copy-the-address links for a calendar feed,
    all on the site's configured root URL."""
    path = reverse(url_name, args=args)
    feed_url = absolute_url(path)
    return {
        "heading": heading,
        "id_prefix": id_prefix,
        "download_path": path,
        "feed_url": feed_url,
        "webcal_url": webcal_url(feed_url),
    }


@register.inclusion_tag("forums/includes/event_registration_panel.html", takes_context=True)
def event_registration_panel(context, event):
    """The visitor's registration, or how to register. A form that failed validation comes
    from the view (`registration_form` in the page's context), with its errors."""
    request = context["request"]
    panel = registration_context(event, request, form=context.get("registration_form"))
    if panel["registration_form"] is None and panel["may_register"]:
        panel["registration_form"] = RegistrationForm(user=request.user)
    return {"request": request, "page": event, "panel": panel}


@register.inclusion_tag("forums/includes/event_feedback_panel.html", takes_context=True)
def event_feedback_panel(context, event):
    """A link to the event's feedback survey, for people who came, while it is open."""
    request = context["request"]
    return {"request": request, **feedback_context(event, request)}


@register.inclusion_tag("forums/includes/forum_membership_panel.html", takes_context=True)
def forum_membership_panel(context, forum):
    """Join and leave buttons for each organisation the visitor acts for."""
    request = context["request"]
    return {
        "request": request,
        "page": forum,
        "membership_choices": joinable_organisations(request.user, forum),
    }


@register.inclusion_tag("forums/includes/consultation_response_panel.html", takes_context=True)
def consultation_response_panel(context, consultation):
    """Respond, continue a response, or why the visitor cannot: by the consultation's state."""
    request = context["request"]
    panel = consultation_context(consultation, request)
    panel["is_open"] = panel["state"] == ConsultationState.OPEN
    panel["is_forthcoming"] = panel["state"] == ConsultationState.FORTHCOMING
    return {"request": request, "page": consultation, "panel": panel}
