"""Helpers shared by the consultation tests: a forum manager, a question by its text, a full
set of answers to post, the addresses to post them to, and answering then sending them."""

from django.contrib.auth.models import Group

from forums.roles import forum_managers_group_name
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app


def _manager_of(forum):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name=forum_managers_group_name(forum)))
    activate_authenticator_app(user)
    return user


def q(consultation, text):
    return consultation.questions.get(text=text)


def answers(consultation, changes=None):
    data = {
        f"question_{q(consultation, 'Your role').pk}": "Manager",
        f"question_{q(consultation, 'What works?').pk}": "Mentoring",
        f"question_{q(consultation, 'Biggest gap').pk}": "Housing",
        f"question_{q(consultation, 'Who do you support?').pk}": ["Women"],
        f"question_{q(consultation, 'How well served?').pk}": "3",
        f"question_{q(consultation, 'Shall we meet?').pk}": "yes",
        "action": "continue",
    }
    for text, value in (changes or {}).items():
        data[f"question_{q(consultation, text).pk}"] = value
    return data


def url(consultation):
    return f"/consultations/{consultation.pk}/respond/"


def check_url(consultation):
    return f"/consultations/{consultation.pk}/check-your-answers/"


def submit(client, consultation, data, send=None):
    """Answer, then send from the check-your-answers page (the only way to submit). Returns
    the last page: the check page's redirect, or the respond page with its errors."""
    answered = client.post(url(consultation), data)
    if answered.status_code != 302 or "check-your-answers" not in answered["Location"]:
        return answered
    return client.post(answered["Location"], send or {})
