"""Who edits the commissioning pipeline, decided here and nowhere else.

- **Commissioners** (the directory's "Commissioners" group, two-factor required by
  accounts.security): add, edit, publish and unpublish every opportunity (Wagtail page
  permissions on the pipeline index and its translations), and keep the modelling documents
  in the "Commissioning pipeline" collection.
- **Regional forum managers** ("Forum managers: North East" and so on): their groups get the
  same page permissions on the pipeline index, which PipelineRulesTester
  (pipeline/models/page_permissions.py) narrows to their own region: they may add
  opportunities there, and edit and publish the ones whose regions are all theirs (never a
  national one, never the index itself). The regions of what they save are checked by
  `may_publish_for_regions`, which the editor form calls.
- Nobody else: national forum managers, moderators and everyone else have no rights here.

`ensure_pipeline_roles` runs from `setup_site` (home.site_structure), and again after a
regional forum is saved (forums.roles takes back every grant of a forum managers group
outside its forum): `regrant_after_forum_saved`.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale

from core.models import Region
from directory.permissions import ensure_commissioners_group, is_commissioner
from forums.models import RegionalForumPage
from forums.roles import (
    FORUM_MANAGERS_PREFIX,
    NATIONAL_FORUM_MANAGERS,
    default_language_version,
    forum_managers_group_name,
)

PIPELINE_COLLECTION = "Commissioning pipeline"
COMMISSIONER_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
REGIONAL_PAGE_PERMISSIONS = ["add", "change", "publish"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "delete_document", "choose_document"]


def _page_permissions(names):
    return Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=[f"{name}_page" for name in names]
    )


def _grant_pages(group, pages, names):
    for page in pages:
        for permission in _page_permissions(names):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _pipeline_collection():
    root = Collection.get_first_root_node()
    if root is None:
        return None
    existing = root.get_children().filter(name=PIPELINE_COLLECTION).first()
    return existing or root.add_child(name=PIPELINE_COLLECTION)


def ensure_commissioners_pipeline_rights(index):
    """The Commissioners group's rights on the pipeline (idempotent): its page permissions
    on `index` and its translations, and the pipeline's document collection."""
    group = ensure_commissioners_group()
    _grant_pages(group, index.get_translations(inclusive=True), COMMISSIONER_PAGE_PERMISSIONS)
    collection = _pipeline_collection()
    if collection is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group


def ensure_regional_pipeline_rights(index, forum):
    """The page permissions of `forum`'s managers group on the pipeline index (and its
    translations), which the pipeline's permission tester narrows to their region."""
    group, _created = Group.objects.get_or_create(name=forum_managers_group_name(forum))
    _grant_pages(group, index.get_translations(inclusive=True), REGIONAL_PAGE_PERMISSIONS)
    return group


def ensure_pipeline_roles(index):
    """Every role's rights on the pipeline whose index is `index` (idempotent)."""
    index = default_language_version(index)
    ensure_commissioners_pipeline_rights(index)
    forums = RegionalForumPage.objects.filter(locale=Locale.get_default()).select_related("region")
    for forum in forums:
        ensure_regional_pipeline_rights(index, forum)


def regrant_after_forum_saved(sender, instance, raw=False, **kwargs):
    """post_save receiver for RegionalForumPage, connected after forums' own (which takes
    back its managers group's grants outside the forum): give the pipeline's back."""
    from pipeline.models import PipelineIndexPage

    if raw:
        return
    forum = default_language_version(instance)
    for index in PipelineIndexPage.objects.filter(locale=Locale.get_default()):
        ensure_regional_pipeline_rights(index, forum)


def regional_manager_groups(user):
    """{group id: region translation key} for the regional forum managers groups `user` is
    in, read once per user object."""
    if not hasattr(user, "_pipeline_regional_groups"):
        groups = {}
        if user.is_authenticated and user.is_active:
            prefix = f"{FORUM_MANAGERS_PREFIX}: "
            names = dict(
                user.groups.filter(name__startswith=prefix)
                .exclude(name=NATIONAL_FORUM_MANAGERS)
                .values_list("name", "pk")
            )
            if names:
                for region in Region.objects.in_default_locale():
                    pk = names.get(f"{prefix}{region.name}")
                    if pk is not None:
                        groups[pk] = region.translation_key
        user._pipeline_regional_groups = groups
    return user._pipeline_regional_groups


def managed_region_keys(user):
    return frozenset(regional_manager_groups(user).values())


def _within(user, region_keys, is_national):
    keys = frozenset(region_keys)
    return not is_national and bool(keys) and keys <= managed_region_keys(user)


def may_publish_for_regions(user, regions, is_national):
    """Whether `user` may save an opportunity for these regions (or nationally): site admins
    and commissioners anywhere; a regional forum manager only for their own region(s), never
    nationally; nobody else. `regions` are Region objects (any language)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_commissioner(user):  # site admins included
        return True
    return _within(user, [region.translation_key for region in regions], is_national)


def opportunity_in_managed_regions(user, opportunity):
    """Whether every region of `opportunity` (as given, and as stored) is one `user` runs the
    forum of, and it is not national."""
    versions = [opportunity]
    if opportunity.pk:
        stored = type(opportunity).objects.filter(pk=opportunity.pk).first()
        if stored is not None:
            versions.append(stored)
    return all(
        _within(
            user,
            [region.translation_key for region in version.regions.all()],
            version.is_national,
        )
        for version in versions
    )
