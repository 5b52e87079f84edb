import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.account_deletion import account_deletion_parts
from core.account_sections import account_sections
from core.personal_data import collect_personal_data
from core.ratelimit import allow

from .deletion import delete_account
from .forms import ConfirmDeletionForm, EmailLanguageForm
from .language import chosen_message, remember_language

DELETE_ATTEMPTS_PER_HOUR = 10


@login_required
def account(request):
    """Your account: each part of the site adds its own section (sign-in, organisations...)."""
    return TemplateResponse(
        request, "accounts/account.html", {"sections": account_sections(request)}
    )


@login_required
def email_language(request):
    """Choose the language of the emails we send you."""
    user = request.user
    form = EmailLanguageForm(
        request.POST if request.method == "POST" else None,
        initial={"language": user.preferred_language},
    )
    if form.is_valid():
        remember_language(user, form.cleaned_data["language"])
        messages.success(request, chosen_message(user.preferred_language))
        return redirect("account")
    return TemplateResponse(request, "accounts/email_language.html", {"form": form})


@login_required
def download_personal_data(request):
    """Everything the site holds about you, as a JSON file."""
    data = {
        "downloaded": timezone.now().isoformat(),
        **collect_personal_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="common-ground-your-data.json"'
    return response


@login_required
def delete_account_view(request):
    """Say what goes and what stays, ask each app's questions, then delete and sign out."""
    user = request.user
    data = request.POST if request.method == "POST" else None
    form = ConfirmDeletionForm(user, data)
    parts = account_deletion_parts(user, data=data)
    status = 200
    if request.method == "POST":
        if not allow(request, f"delete-account:{user.pk}", DELETE_ATTEMPTS_PER_HOUR, 3600):
            form.add_error(None, _("You have tried a lot of times. Wait an hour and try again."))
            status = 429
        elif form.is_valid() and all(part.is_valid() for part in parts):
            delete_account(user, parts)
            logout(request)
            return redirect("account_deleted")
    return TemplateResponse(
        request,
        "accounts/delete_account.html",
        {
            "form": form,
            "parts": parts,
            "has_errors": bool(form.errors) or any(part.errors for part in parts),
        },
        status=status,
    )


def account_deleted(request):
    return TemplateResponse(request, "accounts/account_deleted.html", {})
