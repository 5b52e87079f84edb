"""The language a person's emails are written in (core/emails.py sends them): the language
they signed up in, then the one they last signed in in, or the one they chose on their
account page."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# What the account page says once a language is chosen: whole sentences, so that each can be
# translated with the mutation Welsh needs ("yn Gymraeg").
CHOSEN_MESSAGES = {
    "en-gb": _("We will email you in English"),
    "cy": _("We will email you in Welsh"),
}


def remember_language(user, language):
    """Write to `user` in `language` from now on (saved only when it changes)."""
    if user.pk is None or user.preferred_language == language:
        return
    user.preferred_language = language
    get_user_model().objects.filter(pk=user.pk).update(preferred_language=language)


def language_name(code):
    """A language's name in that language ("English", "Cymraeg"), so whoever reads only one
    of them finds it whatever language the page is in."""
    for language, name in settings.LANGUAGES:
        if language == code:
            with translation.override(language):
                return str(name)
    return code


def language_choices():
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


def chosen_message(code):
    return CHOSEN_MESSAGES.get(code) or _("Language for emails saved")
