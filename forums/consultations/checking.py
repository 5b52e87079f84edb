"""The answers waiting on the check-your-answers page, until the respondent sends them.

A signed-in person's answers wait in their draft response, so nothing is lost whichever
device they come back on. Where no draft can hold them they wait in the session: an anonymous
respondent's (nothing is stored before they send) and the changes to a response already
submitted (it stays as sent until the changes are sent). Either way the answers are held only
once the form is valid, and sent only from the check page."""

import secrets

from forums.consultations.forms import question_field_name
from forums.consultations.rules import (
    ANONYMOUS,
    check_can_respond,
    find_response,
    initial_answers,
    save_response,
)
from forums.models import QuestionKind

SESSION_KEY = "consultation_answers"
# What the session holds, once an anonymous response has been sent, until the next one.
SENT = {"sent": True}


def responding_for(request, form):
    """Who the held answers are for: `?for=` of the respond and check pages."""
    return form.responding_for() if request.user.is_authenticated else ANONYMOUS


def _key(consultation, who):
    return f"{consultation.pk}:{who}"


def _held(request):
    return request.session.get(SESSION_KEY, {})


def _keep(request, consultation, who, value):
    held = dict(_held(request))
    if value is None:
        held.pop(_key(consultation, who), None)
    else:
        held[_key(consultation, who)] = value
    request.session[SESSION_KEY] = held


def hold_answers(request, consultation, form):
    """Keep the answers of a valid form until they are checked and sent. Returns whether
    they are kept in the person's draft response (else in the session)."""
    user = request.user
    who = responding_for(request, form)
    check_can_respond(consultation, user)
    if user.is_authenticated:
        existing = find_response(consultation, user, form.organisation())
        if existing is None or not existing.is_submitted:
            save_response(consultation, user, form, submit=False)
            _keep(request, consultation, who, None)
            return True
    held = form.held_data()
    if not user.is_authenticated:
        # The key makes a double-clicked "Send response" one response.
        held.setdefault("form_key", secrets.token_hex(16))
    _keep(request, consultation, who, held)
    return False


def held_answers(request, consultation, who, response):
    """The answers waiting to be sent as form data, or None. `response` is the signed-in
    person's response for `who`, if any."""
    held = _held(request).get(_key(consultation, who))
    if held is not None:
        return None if held == SENT else held
    if response is not None and not response.is_submitted:
        return initial_answers(response)
    return None


def was_just_sent(request, consultation):
    """Whether this browser's anonymous response has been sent (a second click of "Send")."""
    return _held(request).get(_key(consultation, ANONYMOUS)) == SENT


def answers_sent(request, consultation, who):
    """Forget the held answers once sent: a second click finds them sent, not missing."""
    _keep(request, consultation, who, SENT if who == ANONYMOUS else None)


def check_rows(form):
    """The check page's summary: each question, its answer (lines) and where to change it."""
    rows = []
    for question in form.questions:
        field = form[question_field_name(question)]
        value = form.cleaned_data.get(field.name)
        if isinstance(value, list):
            lines = [label for option, label in question.options() if option in value]
        elif question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.SCALE, QuestionKind.YES_NO):
            lines = [dict(field.field.choices).get(value, value)] if value else []
        else:
            lines = [value] if value else []
        option_widget = getattr(field.field.widget, "option_template_name", None)
        anchor = f"{field.auto_id}_0" if option_widget else field.auto_id
        rows.append({"question": question, "lines": lines, "anchor": anchor})
    return rows
