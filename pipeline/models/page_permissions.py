"""What a person may do to a page of the commissioning pipeline (Wagtail's page permission
tester, narrowed for the regional forum managers).

Regional forum managers' groups are granted page permissions on the pipeline index
(pipeline.roles), and Wagtail's permissions reach a page's whole subtree, so here a grant
held through a regional forum managers group allows only: adding (and publishing) an
opportunity under the index, and editing, publishing and unpublishing an opportunity whose
regions are all the manager's own (not a national one). Never the index's own content, never
deleting. Grants held any other way (the Commissioners group) work as Wagtail's always do,
except that nobody but a site admin deletes the index or an opportunity with a public
history."""

from django.apps import apps

from wagtail.models import PagePermissionTester


def _roles():
    from pipeline import roles

    return roles


class PipelinePagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        # Actions allowed through a regional forum managers group's grant, kept apart.
        self.regional_permissions = set()
        if not user.is_active or user.is_superuser:
            return
        regional_groups = _roles().regional_manager_groups(user)
        if not regional_groups:
            return
        self.permissions = set()
        for perm in self.permission_policy.get_cached_permissions_for_user(user):
            if not page.path.startswith(perm.page.path):
                continue
            action = perm.permission.codename.rsplit("_", maxsplit=1)[0]
            if perm.group_id in regional_groups:
                self.regional_permissions.add(action)
            else:
                self.permissions.add(action)

    def _is_index(self):
        return isinstance(self.page, apps.get_model("pipeline", "PipelineIndexPage"))

    def _is_opportunity(self):
        return isinstance(self.page, apps.get_model("pipeline", "OpportunityPage"))

    def _regional(self, action):
        """`action` is allowed on this opportunity through a regional grant."""
        return (
            self.user.is_active
            and action in self.regional_permissions
            and self._is_opportunity()
            and not self.page_locked()
            and _roles().opportunity_in_managed_regions(self.user, self.page)
        )

    def _regional_on_index(self, action):
        return self.user.is_active and action in self.regional_permissions and self._is_index()

    def can_add_subpage(self):
        return super().can_add_subpage() or self._regional_on_index("add")

    def can_publish_subpage(self):
        return super().can_publish_subpage() or (
            self._regional_on_index("add") and self._regional_on_index("publish")
        )

    def can_edit(self):
        return super().can_edit() or self._regional("change")

    def can_publish(self):
        return super().can_publish() or self._regional("publish")

    def can_unpublish(self):
        return super().can_unpublish() or (self.page.live and self._regional("publish"))

    def can_delete(self, ignore_bulk=False):
        if self.user.is_superuser:
            return super().can_delete(ignore_bulk=ignore_bulk) and not self._has_history()
        if self._is_index() or self._has_history():
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def _has_history(self):
        """Whether the page, or any page below it, has public history (which deleting the
        page would delete)."""
        if not self.page.pk:
            return False
        StatusUpdate = apps.get_model("pipeline", "StatusUpdate")
        return StatusUpdate.objects.filter(opportunity__path__startswith=self.page.path).exists()


class PipelinePagePermissions:
    """For the pipeline's page types: their permissions come from
    PipelinePagePermissionTester."""

    def permissions_for_user(self, user):
        return PipelinePagePermissionTester(user, self)
