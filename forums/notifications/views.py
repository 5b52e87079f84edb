"""Choosing what a forum emails you (signed in), and stopping its emails from the link in any
of them (no sign-in: the link is signed)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from forums.models import RegionalForumPage
from forums.notifications.forms import NoticePreferencesForm
from forums.notifications.links import read_unsubscribe_token
from forums.notifications.rules import (
    save_preferences,
    stop_emails,
    subscription_of,
    the_forum,
)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request, forum_id):
    forum = the_forum(get_object_or_404(RegionalForumPage.objects.live(), pk=forum_id))
    shown = forum.localized
    subscription = subscription_of(request.user, forum)
    if request.method == "POST" and "stop" in request.POST:
        if subscription is not None:
            stop_emails(request.user.pk, forum.pk)
        messages.success(
            request, _("You will get no more emails from %(forum)s.") % {"forum": shown.title}
        )
        return redirect(request.path)
    form = NoticePreferencesForm(
        request.POST if request.method == "POST" else None, subscription=subscription
    )
    if form.is_valid():
        saved = save_preferences(
            request.user, forum, form.cleaned_data["topics"], form.cleaned_data["frequency"]
        )
        if saved.topics:
            message = _("Your choices are saved: we will email you about %(forum)s.")
        else:
            message = _("Your choices are saved: you will get no emails from %(forum)s.")
        messages.success(request, message % {"forum": shown.title})
        return redirect(request.path)
    return render(
        request,
        "forums/notifications/preferences.html",
        {
            "forum": shown,
            "form": form,
            "subscription": subscription,
            "gets_emails": subscription is not None and bool(subscription.topics),
        },
        status=400 if form.is_bound else 200,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every forum email. A GET only asks (mail scanners follow links); a POST
    stops the emails: the page's button, or a mail program's one-click unsubscribe (RFC
    8058), which sends a bare POST without a CSRF token. Posting again changes nothing."""
    ids = read_unsubscribe_token(token)
    user = forum = None
    if ids is not None:
        user = get_user_model().objects.filter(pk=ids[0]).first()
        forum = RegionalForumPage.objects.filter(pk=ids[1]).first()
    if user is None or forum is None:
        return render(request, "forums/notifications/unsubscribe_invalid.html", status=400)
    context = {"forum": forum.localized, "default_forum": forum}
    if request.method == "POST":
        stop_emails(user.pk, forum.pk)
        return render(request, "forums/notifications/unsubscribed.html", context)
    return render(request, "forums/notifications/unsubscribe.html", context)
