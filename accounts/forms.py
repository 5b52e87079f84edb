"""allauth's forms in plain English: GOV.UK-style labels and hints (the fields and their
checks are allauth's own, plus a length limit on new email addresses). Chosen in settings
with ACCOUNT_FORMS and MFA_FORMS."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from allauth.account import forms as account_forms
from allauth.account.models import EmailAddress
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms

from .language import language_choices

# What to say when a field is left empty, GOV.UK style ("Enter your email address").
REQUIRED_MESSAGES = {
    "login": _("Enter your email address"),
    "email": _("Enter your email address"),
    "password": _("Enter your password"),
    "oldpassword": _("Enter your current password"),
    "password1": _("Enter a password"),
    "password2": _("Enter the password again"),
    "code": _("Enter the 6-digit code from your authenticator app"),
}


def relabel(form, labels, hints=None):
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
    for name, hint in (hints or {}).items():
        if name in form.fields:
            form.fields[name].help_text = hint
    for name, field in form.fields.items():
        if name in REQUIRED_MESSAGES:
            field.error_messages = {**field.error_messages, "required": REQUIRED_MESSAGES[name]}


def email_max_length():
    """The longest email address an account can keep: what both the user model and allauth's
    EmailAddress can store (254 characters unless either changes)."""
    return min(
        get_user_model()._meta.get_field("email").max_length,
        EmailAddress._meta.get_field("email").max_length,
    )


def limit_email_length(form, name="email"):
    """Refuse an email address longer than an account can keep, with a message next to the
    field. Without this allauth cuts a longer one short when it saves it, leaving an address
    nobody can receive mail at.

    The check comes first, before the format is checked, so a very long address gets this one
    message. The input keeps Django's maxlength of 320, not this limit: the browser would cut
    a longer pasted address down to the limit silently, and it would then pass.
    """
    field = form.fields.get(name)
    if field is None:
        return
    limit = email_max_length()
    to_python = field.to_python

    def to_python_within_limit(value):
        value = to_python(value)
        if value and len(value) > limit:
            raise forms.ValidationError(
                _("Email address must be %(limit)d characters or less"),
                code="max_length",
                params={"limit": limit},
            )
        return value

    field.to_python = to_python_within_limit


def one_time_code(field):
    field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})
    field.widget.attrs["class"] = "govuk-input--width-10"


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {"login": _("Email address"), "remember": _("Keep me signed in on this device")},
            {"password": ""},
        )


class SignupForm(account_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {
                "email": _("Email address"),
                "password1": _("Create a password"),
                "password2": _("Confirm your password"),
            },
            {"email": _("We will send you an email to check it is yours.")},
        )
        limit_email_length(self)


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"email": _("Email address")})


class ResetPasswordKeyForm(account_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"password1": _("New password"), "password2": _("Confirm new password")})


class ChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {
                "oldpassword": _("Current password"),
                "password1": _("New password"),
                "password2": _("Confirm new password"),
            },
            {"oldpassword": ""},
        )


class SetPasswordForm(account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"password1": _("Create a password"), "password2": _("Confirm password")})


class AddEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"email": _("Email address")})
        limit_email_length(self)


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"password": _("Password")}, {"password": ""})


class AuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {"code": _("Code from your authenticator app")},
            {"code": _("The 6-digit code the app shows now, or one of your recovery codes.")},
        )
        one_time_code(self.fields["code"])


class MFAReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {"code": _("Code from your authenticator app")},
            {"code": _("The 6-digit code the app shows now, or one of your recovery codes.")},
        )
        one_time_code(self.fields["code"])


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {"code": _("Code from your authenticator app")},
            {"code": _("The 6-digit code the app shows now.")},
        )
        one_time_code(self.fields["code"])


class ConfirmDeletionForm(forms.Form):
    """Re-enter your password to delete your account (someone at an unlocked phone cannot)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Nobody can sign in without a password here, but be safe: ask nothing extra.
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right"), code="wrong_password")
        return password


class EmailLanguageForm(forms.Form):
    """The language of the emails we send you."""

    language = forms.ChoiceField(
        label=_("Which language should we email you in?"),
        help_text=_("When you sign in, we change this to the language of the page you sign in on."),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language for your emails")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
