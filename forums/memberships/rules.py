"""Organisations joining and leaving regional forums. Any organisation may join any forum
(national ones often join several); its owners and editors act for it."""

from django.db import IntegrityError, transaction

from directory.permissions import organisations_acting_for
from forums.models import ForumMembership
from forums.notifications.rules import subscribe_on_joining


def joinable_organisations(user, forum):
    """[(organisation, is_member)] for the forum page's join and leave buttons."""
    organisations = list(organisations_acting_for(user))
    if not organisations:
        return []
    members = set(
        ForumMembership.objects.filter(forum=forum, organisation__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )
    return [(organisation, organisation.pk in members) for organisation in organisations]


def join_forum(forum, organisation, user=None):
    """Make `organisation` a member; joining twice keeps one membership. The person who
    joins hears about everything the forum publishes, as it happens, unless they already
    chose what they hear from it (see forums.notifications.rules)."""
    try:
        with transaction.atomic():
            membership, _created = ForumMembership.objects.get_or_create(
                forum=forum, organisation=organisation, defaults={"joined_by": user}
            )
    except IntegrityError:
        membership = ForumMembership.objects.get(forum=forum, organisation=organisation)
    if user is not None and user.is_authenticated:
        subscribe_on_joining(forum, user)
    return membership


def leave_forum(forum, organisation):
    ForumMembership.objects.filter(forum=forum, organisation=organisation).delete()
