"""allauth's own words that our pages and emails show, for our translation catalogue.

allauth has no Welsh catalogue, so these strings would stay English on /cy/. Listing them here
with gettext_noop puts them in our catalogue (makemessages finds them); Django then finds
our Welsh translation when allauth asks for the string, as every catalogue is searched.

Each msgid is allauth's exactly, placeholders and line breaks included (a test checks each one
against allauth's own catalogues), taken from the allauth version in use (65.22). Only what
can reach someone here is listed:

- form labels and error messages our forms do not already replace (accounts/forms.py relabels
  most fields in plain English; placeholders are never shown: GOV.UK forms use labels);
- error messages of allauth's adapters that accounts/adapters.py does not replace;
- messages after an action, from allauth's message templates that templates/account/messages
  does not replace ("You are signed in as …", "Thank you: … is confirmed." are ours);
- the emails allauth sends from its own templates (security notices, "account already
  exists", "unknown account"). The sign-up confirmation and password reset emails are ours.

Sign-in by code, passkeys, phone numbers and changing the email address are switched off, so
their strings are not listed. After upgrading allauth, run the test and add what is new.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MSGIDS = (
    # Error messages of allauth's account adapter (sign-in, sign-up, email and password pages).
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Your primary email address must be verified."),
    # Two-factor authentication (allauth's MFA adapter).
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    # Labels and checks of allauth's account forms that accounts/forms.py does not replace.
    gettext_noop("Password"),
    gettext_noop("You must type the same password each time."),
    # Messages after an action (allauth's templates/account/messages and templates/mfa/messages).
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Primary email address set."),
    gettext_noop("A new set of recovery codes has been generated."),
    # Emails (allauth's templates/account/email and templates/mfa/email): subjects and bodies.
    gettext_noop("Account Already Exists"),
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for "
        "an\n"
        "account using email address:\n"
        "\n"
        "%(email)s\n"
        "\n"
        "However, an account using that email address already exists.  In case you have"
        "\n"
        "forgotten about this, please use the password forgotten procedure to recover\n"
        "your account:\n"
        "\n"
        "%(password_reset_url)s"
    ),
    gettext_noop("Unknown Account"),
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an "
        "account with email %(email)s. However, we do not have any record of such an "
        "account in our database."
    ),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    gettext_noop(
        "You are receiving this mail because the following change was made to your account:"
    ),
    gettext_noop(
        "If you do not recognize this change then please take proper security "
        "precautions immediately. The change to your account originates from:\n"
        "\n"
        "- IP address: %(ip)s\n"
        "- Browser: %(user_agent)s\n"
        "- Date: %(timestamp)s"
    ),
    gettext_noop("Email Changed"),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Email Confirmation"),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Email Removed"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Password Changed"),
    gettext_noop("Your password has been changed."),
    gettext_noop("Password Reset"),
    gettext_noop("Your password has been reset."),
    gettext_noop("Password Set"),
    gettext_noop("Your password has been set."),
    gettext_noop("New Recovery Codes Generated"),
    gettext_noop("A new set of Two-Factor Authentication recovery codes has been generated."),
    gettext_noop("Authenticator App Activated"),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator App Deactivated"),
    gettext_noop("Authenticator app deactivated."),
)
