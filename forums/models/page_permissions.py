"""What a person may do to a page of the forums section (Wagtail's page permission tester,
narrowed for the national forum managers).

The national forum managers' page permissions are granted on the forum index, and Wagtail's
permissions reach a page's whole subtree, so a grant on the forum index is narrowed here:
adding national consultations, and everything on them; never the index's own content, nor
anything in a regional forum. Who the groups are, and who sees forum records, is
`forums.roles`. The page classes are looked up through the app registry: they inherit the
mixin defined here."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.models import PagePermissionTester


def _consultation_page():
    return apps.get_model("forums", "ConsultationPage")


def _is_forum_index(page):
    forum_index_page = apps.get_model("forums", "ForumIndexPage")
    return page.content_type_id == ContentType.objects.get_for_model(forum_index_page).pk


def _is_national_consultation(page, forum_index):
    return page.depth == forum_index.depth + 1 and issubclass(
        page.specific_class or type(page), _consultation_page()
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
        if super().can_add_subpage():
            return True
        return (
            issubclass(page_class, _consultation_page()) and self._may_add_national_consultation()
        )

    def _may_add_national_consultation(self):
        return (
            self.user.is_active
            and "add" in self.national_permissions
            and _consultation_page().can_create_at(self.page)
        )


class ForumPagePermissions:
    """For the page types of the forums section: their permissions come from
    ForumPagePermissionTester."""

    def permissions_for_user(self, user):
        return ForumPagePermissionTester(user, self)
