from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from forums.models import ConsultationPage, EventPage, ForumIndexPage, RegionalForumPage


@receiver(page_published, sender=EventPage)
def on_event_published(sender, instance, **kwargs):
    from forums.events.publishing import event_published

    event_published(instance)


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
