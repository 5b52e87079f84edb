from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from core.page_cache import pages_changed
from forums.models import RegionalForumPage
from pipeline.models import OpportunityPage, StatusUpdate
from pipeline.roles import regrant_after_forum_saved


@receiver(page_published, sender=OpportunityPage)
def on_opportunity_published(sender, instance, revision=None, **kwargs):
    from pipeline.opportunities.history import record_publish

    record_publish(instance, user=getattr(revision, "user", None))


# After the forums' own receiver (which takes back a managers group's grants outside its
# forum): the group keeps its right to publish its region's opportunities.
post_save.connect(
    regrant_after_forum_saved,
    sender=RegionalForumPage,
    dispatch_uid="pipeline_regrant_after_forum_saved",
)


@receiver(post_save, sender=StatusUpdate)
def opportunity_pages_show_its_history(sender, instance, raw=False, **kwargs):
    """The opportunity's public history and its status in the pipeline's list, stored in the
    page cache (core/page_cache/)."""
    if not raw:
        pages_changed([instance.opportunity_id])
