from django import template
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from allauth.account import app_settings as account_settings

from accounts import security
from accounts.middleware import RETURN_TO_SESSION_KEY
from accounts.return_to_task import task_of_request

register = template.Library()


@register.filter
def must_use_two_factor(user):
    return security.must_use_two_factor(user)


@register.simple_tag(takes_context=True)
def two_factor_return_url(context):
    """Where to go once two-factor authentication is set up: the page the person was
    trying to reach when they were sent to set it up, or their account page."""
    request = context.get("request")
    url = request.session.get(RETURN_TO_SESSION_KEY) if request else None
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    from django.conf import settings

    return resolve_url(settings.LOGIN_REDIRECT_URL)


@register.simple_tag(takes_context=True)
def return_to_task(context):
    """The task the page's `next` leads to (its `sign_in` and `sign_up` headings), or None."""
    request = context.get("request")
    return task_of_request(request) if request else None


@register.simple_tag
def honeypot_field_name():
    return account_settings.SIGNUP_FORM_HONEYPOT_FIELD or ""


@register.filter
def group_in_fours(value):
    """A long key in groups of four characters, easier to read and type: ABCD EFGH …"""
    value = str(value or "")
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
