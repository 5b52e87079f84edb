"""Who runs the forums, decided here and nowhere else.

- **Regional forum managers**: one group per probation region ("Forum managers: North East").
  Its members edit and publish that region's forum and everything in it (Wagtail page
  permissions on the forum's subtree only), keep their documents in the region's own
  collection, and see the forum's records: registrations, members, consultation responses,
  the reach report.
- **National forum managers**: one group whose members create, edit and publish national
  consultations (those directly under the forum index) and see their responses; nothing in
  any regional forum.
- **Site admins** (superusers) see every forum.

Who may see a forum's records is decided by membership of these groups (`can_manage_forum`,
`can_manage_consultation`), never inferred from page edit rights: a page permission granted
by hand, or one of Wagtail's default groups, opens the editor at most, never the records.
Two-factor authentication is required of every forum managers group (accounts.security).

A forum page's translations (its Welsh version: the same translation_key, in the Welsh tree)
are the same forum: its managers group's page permissions are granted on every version, and
a translation is run by the managers of its page in the default language, whichever version
was saved last (`default_language_version`).

Wagtail's page permissions reach a page's whole subtree, and the national group's are
granted on the forum index, so ForumPagePermissionTester (forums/models/page_permissions.py)
narrows what a grant on the forum
index allows: adding national consultations, and everything on them; never the index's own
content, nor anything in a regional forum."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.models import Region
from forums.models import RegionalForumPage

FORUM_MANAGERS_PREFIX = "Forum managers"
NATIONAL_FORUM_MANAGERS = f"{FORUM_MANAGERS_PREFIX}: National"
NATIONAL_DOCUMENTS_COLLECTION = "National consultations"
PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "delete_document", "choose_document"]


def default_language_version(page):
    """The version of a forum page (or of the forum index) in the site's default language:
    the page whose region and managers group rule all its translations. The page itself when
    it is in the default language or has no version in it."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return (
        type(page).objects.filter(translation_key=page.translation_key, locale=default).first()
        or page
    )


def forum_managers_group_name(forum):
    return f"{FORUM_MANAGERS_PREFIX}: {forum.region.name}"


def forum_documents_collection_name(forum):
    return f"{forum.region.name} forum"


def _documents_collection(name):
    """A collection directly under the root collection (made if missing)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _ensure_managers_group(name, page, collection_name):
    """A group with admin access, the page permissions on `page` and its translations and
    nowhere else, and the documents of its own collection and no other. Idempotent: it also
    takes back grants that earlier versions gave (documents on the root collection)."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=[f"{permission_type}_page" for permission_type in PAGE_PERMISSIONS],
    )
    pages = list(page.get_translations(inclusive=True))
    for version in pages:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=version, permission=permission
            )
    GroupPagePermission.objects.filter(group=group).exclude(page__in=pages).delete()
    if Collection.get_first_root_node() is None:
        return group
    collection = _documents_collection(collection_name)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    GroupCollectionPermission.objects.filter(group=group).exclude(collection=collection).delete()
    return group


def ensure_forum_managers_group(forum):
    """The region's forum managers group, with its permissions on `forum` and its
    translations (idempotent). `forum` is the version in the default language: the signals
    pass that version whichever one was saved."""
    return _ensure_managers_group(
        forum_managers_group_name(forum), forum, forum_documents_collection_name(forum)
    )


def ensure_national_forum_managers_group(forum_index):
    """The national forum managers group, with its permissions on the forum index and its
    translations, which ForumPagePermissionTester narrows to national consultations
    (idempotent)."""
    return _ensure_managers_group(
        NATIONAL_FORUM_MANAGERS, forum_index, NATIONAL_DOCUMENTS_COLLECTION
    )


def _forum_group_names(user):
    """The names of the forum managers groups `user` is in, read once per user object."""
    if not hasattr(user, "_forum_group_names"):
        user._forum_group_names = frozenset(
            user.groups.filter(name__startswith=f"{FORUM_MANAGERS_PREFIX}:").values_list(
                "name", flat=True
            )
        )
    return user._forum_group_names


def _is_signed_in(user):
    return user.is_authenticated and user.is_active


def _managed_region_keys(user):
    """The translation keys of the regions whose forum managers group `user` is in (a key
    is the same for a region in every language), read once per user object."""
    if not hasattr(user, "_managed_region_keys"):
        prefix = f"{FORUM_MANAGERS_PREFIX}: "
        names = [
            name.removeprefix(prefix)
            for name in _forum_group_names(user) - {NATIONAL_FORUM_MANAGERS}
        ]
        regions = Region.objects.in_default_locale().filter(name__in=names)
        user._managed_region_keys = (
            frozenset(regions.values_list("translation_key", flat=True)) if names else frozenset()
        )
    return user._managed_region_keys


def can_manage_forum(user, forum):
    """Whether `user` runs this regional forum, in whichever language, and may see its
    records: a member of its region's forum managers group, or a site admin. Nothing else
    counts, page edit rights included."""
    if not _is_signed_in(user):
        return False
    return user.is_superuser or forum.region.translation_key in _managed_region_keys(user)


def is_national_forum_manager(user):
    return _is_signed_in(user) and NATIONAL_FORUM_MANAGERS in _forum_group_names(user)


def runs_a_regional_forum(user):
    """Site admins and members of any region's forum managers group."""
    if not _is_signed_in(user):
        return False
    return user.is_superuser or bool(_forum_group_names(user) - {NATIONAL_FORUM_MANAGERS})


def managed_forums(user):
    """The regional forums `user` runs, every language version of each, in region order
    (the default language's version first: its tree comes first)."""

    if not _is_signed_in(user):
        return []
    forums = RegionalForumPage.objects.select_related("region").order_by(
        "region__sort_order", "region__name", "path"
    )
    if not user.is_superuser:
        forums = forums.filter(region__translation_key__in=_managed_region_keys(user))
    return list(forums)


def can_manage_consultation(user, consultation):
    """Regional consultations: that forum's managers and site admins. National ones (directly
    under the forum index): the national forum managers and site admins (never a regional
    forum's managers, nor anyone whose only claim is a page permission)."""

    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    parent = consultation.get_parent().specific
    if isinstance(parent, RegionalForumPage):
        return can_manage_forum(user, parent)
    return is_national_forum_manager(user)


def reach_regions(user):
    """The regions whose reach report `user` may see: those of the forums they run (every
    region for site admins), each once."""

    regions = Region.objects.in_default_locale().order_by("sort_order", "name")
    if _is_signed_in(user) and user.is_superuser:
        return list(regions)
    # Each region once, in the default language, however many versions its forum has.
    keys = {forum.region.translation_key for forum in managed_forums(user)}
    return list(regions.filter(translation_key__in=keys))


def refuse_regional_listings_to_national_managers(user, parent_page):
    """The admin's listing of a regional forum (or of anything in one), asked for by URL by a
    national forum manager who runs no regional forum, is refused: its titles and history
    belong to the people who run it."""

    if not is_national_forum_manager(user) or runs_a_regional_forum(user):
        return
    if RegionalForumPage.objects.filter(pk__in=parent_page.get_ancestors(inclusive=True)):
        raise PermissionDenied


class ForumPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, except that a national forum manager (who runs no
    regional forum) cannot explore the regional forums: the forum index's grant reaches
    them in Wagtail's tree, but nothing in them is theirs to act on."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not is_national_forum_manager(user) or runs_a_regional_forum(user):
            return pages
        return pages.exclude(_in_a_regional_forum())


def _in_a_regional_forum():

    condition = Q(pk__in=[])
    for path in RegionalForumPage.objects.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition
