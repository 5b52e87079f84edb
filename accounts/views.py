from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from allauth.account.models import EmailAddress

from .security import has_authenticator_app, must_use_two_factor


@login_required
def account(request):
    """Your account: who you are signed in as and where to change it.

    Later, each part of the site adds its own section here (organisations, events...).
    """
    user = request.user
    return TemplateResponse(
        request,
        "accounts/account.html",
        {
            "primary_email": EmailAddress.objects.get_primary_email(user) or user.email,
            "has_authenticator_app": has_authenticator_app(user),
            "must_use_two_factor": must_use_two_factor(user),
        },
    )
