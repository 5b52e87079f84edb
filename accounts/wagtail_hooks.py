"""The accounts app's own parts of the account page and of a person's data download."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from core.account_sections import ACCOUNT_SECTIONS_HOOK, AccountSection
from core.personal_data import PERSONAL_DATA_HOOK, isoformat

from .language import language_name
from .security import has_authenticator_app, must_use_two_factor


def _sign_in_context(request):
    user = request.user
    return {
        "primary_email": EmailAddress.objects.get_primary_email(user) or user.email,
        "has_authenticator_app": has_authenticator_app(user),
        "must_use_two_factor": must_use_two_factor(user),
    }


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def sign_in_section():
    return AccountSection(
        title=_("Signing in"),
        template="accounts/sections/sign_in.html",
        get_context=_sign_in_context,
        order=10,
    )


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def email_language_section():
    return AccountSection(
        title=_("Emails"),
        template="accounts/sections/email_language.html",
        get_context=lambda request: {"language": language_name(request.user.preferred_language)},
        order=15,
    )


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def your_data_section():
    return AccountSection(
        title=_("Your data"),
        template="accounts/sections/your_data.html",
        order=1000,
    )


@hooks.register(PERSONAL_DATA_HOOK)
def account_personal_data(user):
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "signed_up": isoformat(user.date_joined),
            "last_signed_in": isoformat(user.last_login),
            "language_for_emails": user.preferred_language,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        # Which kinds of two-factor authentication are set up, never their secrets.
        "two_factor_authentication": [
            {
                "type": authenticator.type,
                "set_up": isoformat(authenticator.created_at),
                "last_used": isoformat(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }
