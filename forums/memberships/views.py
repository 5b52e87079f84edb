"""An organisation joining or leaving a regional forum, by one of its owners or editors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.permissions import organisations_acting_for
from forums.memberships.rules import join_forum, leave_forum
from forums.models import (
    RegionalForumPage,
)
from forums.notifications.rules import subscription_of
from forums.registrations.forms import MembershipForm


def _membership_action(request, forum_id):
    forum = get_object_or_404(RegionalForumPage.objects.live(), pk=forum_id)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        raise Http404
    organisation = get_object_or_404(
        organisations_acting_for(request.user), pk=form.cleaned_data["organisation"]
    )
    return forum, organisation


@login_required
@require_POST
def join_forum_view(request, forum_id):
    forum, organisation = _membership_action(request, forum_id)
    join_forum(forum, organisation, request.user)
    messages.success(
        request,
        _("%(organisation)s is a member of %(forum)s.")
        % {"organisation": organisation.title, "forum": forum.title},
    )
    subscription = subscription_of(request.user, forum)
    if subscription is not None and subscription.topics:
        messages.success(
            request,
            format_html(
                '{} <a class="govuk-notification-banner__link" href="{}">{}</a>',
                _("We will email you when this forum publishes something new."),
                reverse("forums_notification_preferences", args=[forum.pk]),
                _("Change what you get"),
            ),
        )
    return redirect(forum.url)


@login_required
@require_POST
def leave_forum_view(request, forum_id):
    forum, organisation = _membership_action(request, forum_id)
    leave_forum(forum, organisation)
    messages.success(
        request,
        _("%(organisation)s has left %(forum)s.")
        % {"organisation": organisation.title, "forum": forum.title},
    )
    return redirect(forum.url)
