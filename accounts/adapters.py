"""How allauth talks to the rest of the site: the site's name in its emails, an HTML
version of every email, sending through the background task like all our email, each in its
recipient's language, and the way back to the task someone was on
(accounts/return_to_task.py)."""

import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from core.emails import current_language, language_of, queue_email
from core.ratelimit import client_address

from .language import remember_language
from .return_to_task import NEXT_FIELD, is_same_site_url, next_url
from .security import must_use_two_factor


@dataclass(frozen=True)
class EmailSite:
    """What allauth's email templates call `current_site`.

    Without django.contrib.sites allauth would use the request's host as the site's name.
    """

    name: str
    domain: str


def html_from_text(subject, text):
    """An HTML version of a plain-text email: paragraphs kept, addresses made links."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return render_to_string(
        "accounts/email/message.html",
        {"subject": subject, "paragraphs": paragraphs, "site_name": settings.WAGTAIL_SITE_NAME},
    )


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "The email address or password is not right. Check them and try again."
        ),
        "too_many_login_attempts": _(
            "You have tried to sign in too many times. Wait 5 minutes and try again."
        ),
        "incorrect_code": _("The code is not right. Enter the code your app shows now."),
        "incorrect_password": _("The password is not right."),
        "enter_current_password": _("Enter your current password."),
        "rate_limited": _("You have tried too many times. Wait a few minutes and try again."),
    }

    def send_mail(self, template_prefix, email, context_data):
        request = context.request
        # In the recipient's language: the account's (a new account has the language it was
        # made in), or the page's for an address with no account. allauth made the links
        # in the page's language: they are made again in the email's.
        language = language_of(context_data.get("user") or email)
        ctx = {
            "request": request,
            "email": email,
            "current_site": EmailSite(
                name=settings.WAGTAIL_SITE_NAME,
                domain=request.get_host() if request else "",
            ),
            **context_data,
            **{
                key: translate_url(value, language)
                for key, value in context_data.items()
                if key.endswith("_url") and isinstance(value, str)
            },
        }
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
            text = message.body
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                None,
            ) or html_from_text(message.subject, text)
        # Like every email the site sends: stored in the outbox in this transaction and
        # delivered by the background task once it commits, so a rolled-back sign-up sends
        # nothing and a committed one is never lost.
        queue_email(list(message.to), message.subject, text, html)

    def save_user(self, request, user, form, commit=True):
        # Emails go out in the language the person signed up in, until they choose another.
        user.preferred_language = current_language()
        return super().save_user(request, user, form, commit=commit)

    def login(self, request, user):
        # ...and in the language they last signed in in.
        remember_language(user, current_language())
        super().login(request, user)

    def is_safe_url(self, url):
        # Every `next` allauth follows stays on this site: this host only (allauth's own
        # check would accept any host in ALLOWED_HOSTS).
        request = context.request
        return request is not None and is_same_site_url(request, url)

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The confirmation link carries the task the person was on (`next` at sign-up or
        sign-in): opened in another browser, it still leads there, after signing in."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        task_url = next_url(request) if request is not None else None
        if not task_url:
            return url
        return f"{url}{'&' if '?' in url else '?'}{urlencode({NEXT_FIELD: task_url})}"

    def get_client_ip(self, request):
        # allauth's rate limits (and its security emails) find the client the same way as the
        # site's own limits: behind TRUSTED_PROXY_COUNT proxies, from X-Forwarded-For.
        return client_address(request)

    def is_reauthentication_required(self, *, app, **kwargs):
        required = super().is_reauthentication_required(app=app, **kwargs)
        return required and not (app == "allauth.mfa" and self._signed_in_moments_ago())

    @staticmethod
    def _signed_in_moments_ago():
        """Someone who signed in with their password moments ago is not asked for it again
        to set up two-factor authentication and see their recovery codes: staff are sent
        there straight after signing in. (allauth counts only an explicit re-entry.)"""
        request = context.request
        passwords = [
            record
            for record in get_authentication_records(request, request.user)
            if record.get("method") == "password"
        ]
        return bool(passwords) and (
            time.time() - passwords[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
        )


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("The code is not right. Enter the code your app shows now."),
        "cannot_delete_authenticator": _(
            "You cannot turn off your authenticator app: your account needs two-factor "
            "authentication because of the work you do on the site."
        ),
    }

    def can_delete_authenticator(self, authenticator):
        # Those who must use two-factor authentication keep their authenticator app.
        if authenticator.type == Authenticator.Type.TOTP and must_use_two_factor(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
