"""Forum managers: one group per probation region, whose members edit and publish that
region's forum and its events (Wagtail page permissions on the forum's subtree only) and see
its registrations and members; and a national group, whose members create, edit and publish
national consultations (those directly under the forum index) and nothing else. Site admins
(superusers) see every forum. Two-factor authentication is required of every forum managers
group (accounts.security).

Wagtail's page permissions reach a page's whole subtree, and the national group's are
granted on the forum index, so ForumPagePermissionTester narrows what a grant on the forum
index allows: adding national consultations, and everything on them; never the index's own
content, nor anything in a regional forum."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    PagePermissionTester,
)

FORUM_MANAGERS_PREFIX = "Forum managers"
NATIONAL_FORUM_MANAGERS = f"{FORUM_MANAGERS_PREFIX}: National"
PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def forum_managers_group_name(forum):
    return f"{FORUM_MANAGERS_PREFIX}: {forum.region.name}"


def _ensure_managers_group(name, page):
    """A group with admin access, the page permissions on `page` and the use of documents
    (for minutes and background papers). Idempotent."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for permission_type in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
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


def ensure_forum_managers_group(forum):
    """The region's forum managers group, with its permissions (idempotent)."""
    return _ensure_managers_group(forum_managers_group_name(forum), forum)


def ensure_national_forum_managers_group(forum_index):
    """The national forum managers group, with its permissions on the forum index, which
    ForumPagePermissionTester narrows to national consultations (idempotent)."""
    return _ensure_managers_group(NATIONAL_FORUM_MANAGERS, forum_index)


def _is_forum_index(page):
    from .models import ForumIndexPage

    return page.content_type_id == ContentType.objects.get_for_model(ForumIndexPage).pk


def _is_national_consultation(page, forum_index):
    from .models import ConsultationPage

    return page.depth == forum_index.depth + 1 and issubclass(
        page.specific_class or type(page), ConsultationPage
    )


class ForumPagePermissionTester(PagePermissionTester):
    """What a person may do to a page of the forums section. Permissions granted on a
    regional forum (or higher up the tree than the forum index) work as Wagtail's always
    do. Permissions granted on the forum index itself apply in full to national
    consultations; on the index they allow only adding (and publishing) a national
    consultation; in the regional forums they allow nothing."""

    def __init__(self, user, page):
        super().__init__(user, page)
        # What grants on the forum index allow on the index itself: adding and publishing
        # national consultations, which the page types and hooks limit to consultations.
        self.national_permissions = set()
        if not user.is_active or user.is_superuser:
            return
        self.permissions = set()
        for perm in self.permission_policy.get_cached_permissions_for_user(user):
            if not page.path.startswith(perm.page.path):
                continue
            action = perm.permission.codename.rsplit("_", maxsplit=1)[0]
            if not _is_forum_index(perm.page) or _is_national_consultation(page, perm.page):
                self.permissions.add(action)
            elif page.pk == perm.page_id:
                self.national_permissions.add(action)

    def can_add_subpage(self):
        return super().can_add_subpage() or self._may_add_national_consultation()

    def can_publish_subpage(self):
        return super().can_publish_subpage() or (
            self.user.is_active
            and self._may_add_national_consultation()
            and "publish" in self.national_permissions
        )

    def can_add_subpage_of_type(self, page_class):
        """can_add_subpage, for a given type of page."""
        from .models import ConsultationPage

        if super().can_add_subpage():
            return True
        return issubclass(page_class, ConsultationPage) and self._may_add_national_consultation()

    def _may_add_national_consultation(self):
        from .models import ConsultationPage

        return (
            self.user.is_active
            and "add" in self.national_permissions
            and ConsultationPage.can_create_at(self.page)
        )


class ForumPagePermissions:
    """For the page types of the forums section: their permissions come from
    ForumPagePermissionTester."""

    def permissions_for_user(self, user):
        return ForumPagePermissionTester(user, self)


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
    under the forum index): the national forum managers, site admins and anyone else with
    edit permission on the page (never a regional forum's managers)."""
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
