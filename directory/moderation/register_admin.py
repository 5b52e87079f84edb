"""The register import in the admin, for moderators and site admins only: the rules that
select which charities are imported, the charities a moderator rejected (never imported
again), and what the last runs did (counts, counts by region, a sample and why it matched).

Who may see and change these is decided by `is_moderator` (the Moderators group or a site
admin), through a permission policy registered for each model, not by Django model
permissions: nobody else gets them by being given a permission by hand.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from directory.imports.selection import clean_rejected_number, reject_charity
from directory.models import CharityImportRun, CharitySelectionRule, RejectedCharity
from directory.permissions import MODERATORS_GROUP, is_moderator


class ModeratorsOnlyPolicy(BasePermissionPolicy):
    """`actions` are allowed to moderators and site admins; nothing to anyone else."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_moderator(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and is_moderator(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP)).distinct()


ALL_ACTIONS = ["add", "change", "delete", "view"]
register_permission_policy(
    CharitySelectionRule, ModeratorsOnlyPolicy(CharitySelectionRule, ALL_ACTIONS)
)
register_permission_policy(RejectedCharity, ModeratorsOnlyPolicy(RejectedCharity, ALL_ACTIONS))
# Runs are written by the import only.
register_permission_policy(CharityImportRun, ModeratorsOnlyPolicy(CharityImportRun, ["view"]))


class SelectionRuleViewSet(ModelViewSet):
    model = CharitySelectionRule
    name = "charity_selection_rules"
    icon = "tag"
    menu_label = _("Selection rules")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["value", "kind", "active", "note"]
    list_filter = ["kind", "active"]
    form_fields = ["kind", "value", "note", "active"]


class RejectedCharityForm(WagtailAdminModelForm):
    class Meta:
        model = RejectedCharity
        fields = ["charity_number", "name", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def clean_charity_number(self):
        try:
            return clean_rejected_number(self.cleaned_data["charity_number"])
        except ValidationError as error:
            raise ValidationError(
                _("Enter a charity number from the register for England and Wales")
            ) from error


class RejectCharityView(generic.CreateView):
    """Remember the charity, and unpublish its listing if it is an unclaimed import."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("charity_number", "name"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name][:255]
        return initial

    def save_instance(self):
        self.unpublished = reject_charity(self.form.instance, self.request.user)
        return self.form.instance

    def get_success_message(self, instance):
        if self.unpublished is not None:
            return _("%(charity)s rejected: its imported listing was unpublished.") % {
                "charity": instance
            }
        return _("%(charity)s rejected: the import will not add it.") % {"charity": instance}


class RejectedCharityViewSet(ModelViewSet):
    model = RejectedCharity
    name = "rejected_charities"
    icon = "cross"
    menu_label = _("Rejected charities")
    add_to_admin_menu = False
    copy_view_enabled = False
    add_view_class = RejectCharityView
    list_display = ["charity_number", "name", "rejected_by", "rejected_at"]

    def get_form_class(self, for_update=False):
        return RejectedCharityForm


class ImportRunViewSet(ModelViewSet):
    model = CharityImportRun
    name = "charity_import_runs"
    icon = "history"
    menu_label = _("Import runs")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_template_name = "directory/register_import/run.html"
    list_display = ["__str__", "dry_run", "records_read", "added", "updated", "rejected"]
    list_filter = ["outcome", "dry_run"]
    inspect_view_fields = [
        "started_at",
        "finished_at",
        "outcome",
        "dry_run",
        "source",
        "error",
        "records_read",
        "added",
        "updated",
        "unchanged",
        "held",
        "removed",
        "rejected",
        "skipped",
    ]
    form_fields = []  # never edited: the policy allows viewing only


class RegisterImportGroup(ModelViewSetGroup):
    menu_label = _("Charity register import")
    menu_icon = "download"
    menu_order = 242  # after the moderation queue and listing checks
    items = [ImportRunViewSet, SelectionRuleViewSet, RejectedCharityViewSet]
