from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from core.page_cache import pages_changed
from forums.models import (
    ConsultationPage,
    EventPage,
    EventRegistration,
    ForumIndexPage,
    ForumMembership,
    ForumNewsPage,
    GuestRegistration,
    RegionalForumPage,
)


def _announce(page):
    """The forum tells its subscribers, once, after the features' own handlers have run
    (so an outcome published by this publish is recorded by then)."""
    from forums.notifications.rules import page_published as announce_published_page

    announce_published_page(page)


@receiver(page_published, sender=EventPage)
def on_event_published(sender, instance, **kwargs):
    from forums.events.publishing import event_published

    event_published(instance)
    _announce(instance)


@receiver(page_published, sender=ForumNewsPage)
def on_news_published(sender, instance, **kwargs):
    _announce(instance)


@receiver(post_save, sender=RegionalForumPage)
def on_forum_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from forums.roles import default_language_version, ensure_forum_managers_group

    # A translation (the Welsh forum) is run by its default-language page's group: the grant
    # covers every version, whichever one was saved.
    ensure_forum_managers_group(default_language_version(instance))


@receiver(post_save, sender=ForumIndexPage)
def on_forum_index_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from forums.roles import default_language_version, ensure_national_forum_managers_group

    ensure_national_forum_managers_group(default_language_version(instance))


@receiver(page_published, sender=ConsultationPage)
def on_consultation_published(sender, instance, **kwargs):
    from forums.consultations.rules import outcome_published
    from forums.feedback.rules import invite_to_feedback

    outcome_published(instance)
    # A feedback survey published after the event's outcomes invites attendees now if it is
    # open; one that opens later is sent by the send_feedback_invitations command.
    invite_to_feedback(instance)
    _announce(instance)


@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def on_user_deleted(sender, instance, **kwargs):
    # Requests to register made with the person's address go with their account (the
    # `delete_event_access_needs` command deletes the rest after 7 days).
    if instance.email:
        GuestRegistration.objects.filter(email__iexact=instance.email).delete()


# The public pages stored in the page cache (core/page_cache/) show an event's places left
# (its page, its forum's and the forums' list of upcoming events) and a forum's members.
@receiver(post_save, sender=EventRegistration)
@receiver(post_delete, sender=EventRegistration)
@receiver(post_save, sender=GuestRegistration)
@receiver(post_delete, sender=GuestRegistration)
def event_pages_show_places_left(sender, instance, raw=False, **kwargs):
    if not raw:
        pages_changed([instance.event_id])


@receiver(post_save, sender=ForumMembership)
@receiver(post_delete, sender=ForumMembership)
def forum_page_shows_its_members(sender, instance, raw=False, **kwargs):
    if not raw:
        pages_changed([instance.forum_id])
