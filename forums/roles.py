"""Forum managers: one group per probation region, whose members edit and publish that
region's forum and its events (Wagtail page permissions on the forum's subtree only) and see
its registrations and members. Site admins (superusers) see every forum. Two-factor
authentication is required of every forum managers group (accounts.security)."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

FORUM_MANAGERS_PREFIX = "Forum managers"
PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def forum_managers_group_name(forum):
    return f"{FORUM_MANAGERS_PREFIX}: {forum.region.name}"


def ensure_forum_managers_group(forum):
    """The region's forum managers group, with its permissions (idempotent)."""
    group, _created = Group.objects.get_or_create(name=forum_managers_group_name(forum))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for permission_type in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=forum, permission=permission)
    root = Collection.get_first_root_node()
    if root is not None:
        for codename in DOCUMENT_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
    return group


def can_manage_forum(user, forum):
    """Whether `user` runs this forum: may edit its page (its region's managers) or is a
    site admin. Page permissions decide, so Wagtail's editor and these views agree."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return forum.permissions_for_user(user).can_edit()


def managed_forums(user):
    from .models import RegionalForumPage

    forums = RegionalForumPage.objects.select_related("region")
    if user.is_superuser:
        return forums
    return [forum for forum in forums if can_manage_forum(user, forum)]


def can_manage_consultation(user, consultation):
    """Regional consultations: that forum's managers and site admins. National ones (directly
    under the forum index): site admins and anyone with edit permission on the page."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    parent = consultation.get_parent().specific
    from .models import RegionalForumPage

    if isinstance(parent, RegionalForumPage):
        return can_manage_forum(user, parent)
    return consultation.permissions_for_user(user).can_edit()


def reach_regions(user):
    """The regions whose reach report `user` may see: those of the forums they run (every
    region for site admins)."""
    from core.models import Region

    if user.is_superuser:
        return list(Region.objects.in_default_locale().order_by("sort_order", "name"))
    return sorted(
        (forum.region for forum in managed_forums(user)),
        key=lambda region: (region.sort_order, region.name),
    )
