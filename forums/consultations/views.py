"""Public views of consultations: responding (draft or submitted), the confirmation and the
list of published outcomes."""

import secrets

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.text import parse_id
from directory.permissions import organisations_acting_for
from forums.consultations.rules import (
    INDIVIDUAL,
    ResponseError,
    ResponseForm,
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


def respond(request, consultation_id):
    consultation = _live_consultation(consultation_id)
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
    questions = questions_of(consultation)
    submitting = request.POST.get("action") != "save"
    if request.method == "POST":
        form = ResponseForm(
            request.POST,
            consultation=consultation,
            user=request.user,
            questions=questions,
            submitting=submitting or not request.user.is_authenticated,
        )
        if form.is_valid():
            try:
                response = save_response(consultation, request.user, form, submit=submitting)
            except ResponseError as error:
                form.add_error(None, str(error))
            else:
                if response.is_submitted:
                    return redirect("forums_consultation_done", consultation.pk)
                messages.success(
                    request,
                    _(
                        "Your answers are saved as a draft. Come back to this page to finish "
                        "and submit them before the consultation closes."
                    ),
                )
                target = reverse("forums_consultation_respond", args=[consultation.pk])
                on_behalf_of = form.cleaned_data.get("on_behalf_of") or INDIVIDUAL
                return redirect(f"{target}?for={on_behalf_of}")
    else:
        response = _chosen_response(request, consultation)
        initial = initial_answers(response)
        initial["form_key"] = secrets.token_hex(16)
        form = ResponseForm(
            initial=initial, consultation=consultation, user=request.user, questions=questions
        )
    existing = _chosen_response(request, consultation) if request.method == "GET" else None
    return TemplateResponse(
        request,
        "forums/consultation_respond.html",
        {"page": consultation, "form": form, "response": existing},
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
