"""Public views of consultations: responding (a draft, or answers to check), checking the
answers and sending them, the confirmation and the list of published outcomes."""

import secrets

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.ratelimit import allow, allow_for
from core.text import parse_id
from directory.permissions import organisations_acting_for
from forums.consultations.checking import (
    answers_sent,
    check_rows,
    held_answers,
    hold_answers,
    responding_for,
    was_just_sent,
)
from forums.consultations.forms import ResponseForm, SendResponseForm
from forums.consultations.rules import (
    ANONYMOUS,
    INDIVIDUAL,
    ResponseError,
    check_open,
    find_response,
    initial_answers,
    published_outcomes,
    questions_of,
    responses_of,
    save_response,
)
from forums.feedback.rules import feedback_refusal
from forums.models import ConsultationPage
from search.translations import one_version_each


def _live_consultation(consultation_id):
    return get_object_or_404(ConsultationPage.objects.live(), pk=consultation_id)


def _chosen_response(request, consultation):
    """The response being edited: the one asked for (`?for=`), else the person's latest."""
    user = request.user
    if not user.is_authenticated:
        return None
    wanted = request.GET.get("for")
    if wanted:
        if wanted == INDIVIDUAL:
            return find_response(consultation, user, None)
        organisation_id = parse_id(wanted)
        if organisation_id is None:
            raise Http404
        organisation = organisations_acting_for(user).filter(pk=organisation_id).first()
        if organisation is None:
            raise Http404
        return find_response(consultation, user, organisation)
    return responses_of(user, consultation).order_by("-updated_on", "-pk").first()


def _responding_for(request, response):
    """Who the response on the page is for, as `?for=` names it (None: not chosen yet)."""
    if not request.user.is_authenticated:
        return ANONYMOUS
    if request.GET.get("for"):
        return request.GET["for"]
    if response is None:
        return None
    return str(response.organisation_id) if response.organisation_id else INDIVIDUAL


def _url(name, consultation, who=None):
    url = reverse(name, args=[consultation.pk])
    return f"{url}?for={who}" if who and who != ANONYMOUS else url


def _closed_page(request, consultation, message, status=200, heading=None):
    return TemplateResponse(
        request,
        "forums/consultation_closed.html",
        {
            "page": consultation,
            "message": message,
            "heading": heading,
            "responses": [
                (
                    response,
                    response.answers.select_related("question").order_by(
                        "question__sort_order", "question__pk"
                    ),
                )
                for response in responses_of(request.user, consultation)
            ],
        },
        status=status,
    )


def _refusal_page(request, consultation):
    """What to show instead of the questions, if this person may not respond now."""
    try:
        check_open(consultation)
    except ResponseError as error:
        status = 403 if request.method == "POST" else 200
        return _closed_page(request, consultation, str(error), status)
    if not request.user.is_authenticated and not consultation.allow_anonymous:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    refusal = feedback_refusal(consultation, request.user)
    if refusal:
        return _closed_page(
            request, consultation, refusal, 403, heading=_("This survey is for attendees")
        )
    return None


def _response_form(request, consultation, data=None, initial=None, submitting=True):
    return ResponseForm(
        data,
        initial=initial,
        consultation=consultation,
        user=request.user,
        questions=questions_of(consultation),
        submitting=submitting or not request.user.is_authenticated,
    )


def _respond_page(request, consultation, form, response=None, waiting=False):
    who = responding_for(request, form) if form.is_bound else _responding_for(request, response)
    return TemplateResponse(
        request,
        "forums/consultation_respond.html",
        {
            "page": consultation,
            "form": form,
            "response": response,
            "waiting": waiting,
            "action_url": _url("forums_consultation_respond", consultation, who),
        },
    )


# Anonymous respondents may ask for a copy at any address: limited, so the form cannot be
# used to send the site's emails (with text of one's choosing) to strangers in bulk.
COPIES_PER_HOUR = 5


def _may_send_copy(request, send_form):
    """Whether the copy asked for may be sent; if not, the form says so (nothing is lost:
    the answers are still held, and can be sent without a copy)."""
    address = send_form.copy_to()
    if address is None:
        return True
    if allow(request, "consultation-copy", COPIES_PER_HOUR, 3600) and allow_for(
        "consultation-copy-to", address.lower(), COPIES_PER_HOUR, 3600
    ):
        return True
    send_form.add_error(
        "copy_email",
        _(
            "We cannot send more copies just now. Leave this empty to send your response "
            "without a copy, or try again in an hour."
        ),
    )
    return False


def respond(request, consultation_id):
    consultation = _live_consultation(consultation_id)
    refused = _refusal_page(request, consultation)
    if refused is not None:
        return refused
    if request.method == "POST":
        return _take_answers(request, consultation)
    response = _chosen_response(request, consultation)
    who = _responding_for(request, response)
    held = held_answers(request, consultation, who, response) if who else None
    waiting = held is not None and (response is None or response.is_submitted)
    initial = dict(held) if waiting else initial_answers(response)
    initial["form_key"] = initial.get("form_key") or secrets.token_hex(16)
    form = _response_form(request, consultation, initial=initial)
    return _respond_page(request, consultation, form, response, waiting=waiting)


def _take_answers(request, consultation):
    """Check the answers and keep them for the check page (or as a draft, when asked)."""
    saving = request.POST.get("action") == "save"
    form = _response_form(request, consultation, data=request.POST, submitting=not saving)
    if form.is_valid():
        try:
            in_draft = hold_answers(request, consultation, form)
        except ResponseError as error:
            form.add_error(None, str(error))
        else:
            who = responding_for(request, form)
            if saving and in_draft:
                messages.success(
                    request,
                    _(
                        "Your answers are saved as a draft. Come back to this page to finish "
                        "and send them before the consultation closes."
                    ),
                )
                return redirect(_url("forums_consultation_respond", consultation, who))
            return redirect(_url("forums_consultation_check", consultation, who))
    return _respond_page(request, consultation, form)


def check_answers(request, consultation_id):
    """Check your answers, then send them: the only way a response is submitted."""
    consultation = _live_consultation(consultation_id)
    refused = _refusal_page(request, consultation)
    if refused is not None:
        return refused
    response = _chosen_response(request, consultation)
    who = _responding_for(request, response)
    held = held_answers(request, consultation, who, response) if who else None
    if held is None:
        sent = was_just_sent(request, consultation) or (response and response.is_submitted)
        if request.method == "POST" and sent:  # a second click of "Send response"
            return redirect("forums_consultation_done", consultation.pk)
        return redirect(_url("forums_consultation_respond", consultation, who))
    form = _response_form(request, consultation, data=held)
    if not form.is_valid():
        # Answers changed elsewhere since, or a draft never finished: show what to fix.
        return _respond_page(request, consultation, form)
    posted = request.POST if request.method == "POST" else None
    send_form = SendResponseForm(posted, user=request.user)
    if request.method == "POST" and send_form.is_valid() and _may_send_copy(request, send_form):
        try:
            save_response(
                consultation, request.user, form, submit=True, copy_to=send_form.copy_to()
            )
        except ResponseError as error:
            form.add_error(None, str(error))
            return _respond_page(request, consultation, form)
        answers_sent(request, consultation, who)
        return redirect("forums_consultation_done", consultation.pk)
    return TemplateResponse(
        request,
        "forums/consultation_check.html",
        {
            "page": consultation,
            "form": form,
            "rows": check_rows(form),
            "send_form": send_form,
            "organisation": form.organisation(),
            "chooses_who": "on_behalf_of" in form.fields,
            "respond_url": _url("forums_consultation_respond", consultation, who),
            "action_url": _url("forums_consultation_check", consultation, who),
        },
    )


def response_done(request, consultation_id):
    consultation = _live_consultation(consultation_id)
    return TemplateResponse(request, "forums/consultation_done.html", {"page": consultation})


def outcomes(request):
    return TemplateResponse(
        request,
        "forums/consultation_outcomes.html",
        # A translated consultation once, in the visitor's language where it has a version.
        {"consultations": one_version_each(published_outcomes())},
    )
