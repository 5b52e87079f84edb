"""What makes stored pages stale, for changes every app shares: publishing, unpublishing,
moving and deleting pages, the site settings and the taxonomies. Apps call `pages_changed`
themselves for their operational records (see directory/, forums/ and pipeline/ signals)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Place,
    Region,
    ServiceCategory,
    SiteSettings,
)
from core.page_cache.stamps import pages_changed, site_changed

# Pages at this depth or above are the home page and the menu's sections.
MENU_DEPTH = 3


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    pages_changed([instance], content=True)
    if instance.depth <= MENU_DEPTH:
        site_changed()


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, **kwargs):
    # Stale where it was (its old parent lists it) and where it is (its new ancestors).
    pages_changed([instance, parent_page_before], content=True)
    if instance.depth <= MENU_DEPTH or parent_page_before.depth < MENU_DEPTH:
        site_changed()


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    pages_changed([instance], content=True)
    if instance.depth <= MENU_DEPTH:
        site_changed()


def _every_page_shows_it(sender, raw=False, **kwargs):
    if not raw:
        site_changed()


for model in (
    SiteSettings,
    Region,
    Place,
    ServiceCategory,
    ClientGroup,
    JusticeStage,
    LedByAndFor,
    CommissioningRelationship,
):
    post_save.connect(_every_page_shows_it, sender=model, dispatch_uid=f"page-cache-{model}")
    post_delete.connect(_every_page_shows_it, sender=model, dispatch_uid=f"page-cache-d-{model}")
