from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.account_deletion import ACCOUNT_DELETION_HOOK
from core.account_sections import ACCOUNT_SECTIONS_HOOK, AccountSection
from core.personal_data import PERSONAL_DATA_HOOK
from directory.exports import directory_personal_data
from directory.models import (
    DirectoryIndexPage,
    ListingProblemReport,
    OrganisationMembership,
    OrganisationPage,
    OrganisationStatus,
    ServiceStatus,
)
from directory.moderation.admin import ModerationViewSet
from directory.moderation.checks import ListingChecksViewSet
from directory.moderation.register_admin import RegisterImportGroup
from directory.permissions import can_confirm_commissioning, can_keep_listed, is_moderator
from directory.shortlist.personal_data import shortlist_personal_data
from directory.team.forms import HandOverForm


class ServiceStatusViewSet(ModelViewSet):
    """Capacity and "last confirmed" change at once, outside page moderation."""

    model = ServiceStatus
    icon = "time"
    menu_label = _("Service availability")
    add_to_admin_menu = False
    list_display = ["service", "capacity", "last_confirmed_at", "updated_at"]
    list_filter = ["capacity"]
    search_fields = ["service__title"]
    form_fields = ["capacity", "capacity_note", "last_confirmed_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ServiceStatus.objects.select_related("service")


class OrganisationStatusViewSet(ModelViewSet):
    """Site admins only. Moderators keep a listing listed, with a reason, from Listing checks
    (so it is not a field here)."""

    model = OrganisationStatus
    icon = "tick-inverse"
    menu_label = _("Organisation status")
    add_to_admin_menu = False
    list_display = [
        "organisation",
        "is_claimed",
        "staleness_stage",
        "keep_listed",
        "last_confirmed_at",
    ]
    list_filter = ["is_claimed", "staleness_stage", "keep_listed"]
    search_fields = ["organisation__title"]
    form_fields = ["is_claimed", "staleness_stage", "last_confirmed_at"]

    def get_queryset(self, request):
        return OrganisationStatus.objects.select_related("organisation")


class ProblemReportViewSet(ModelViewSet):
    """Reports from the public that a listing is wrong: moderators resolve or dismiss them."""

    model = ListingProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    add_to_admin_menu = False
    list_display = ["__str__", "organisation", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["what_is_wrong", "organisation__title"]
    form_fields = ["status", "decision_note"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ListingProblemReport.objects.select_related("organisation", "service")


class DirectoryStatusGroup(ModelViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "list-ul"
    menu_order = 250
    items = [ProblemReportViewSet, ServiceStatusViewSet, OrganisationStatusViewSet]


@hooks.register("register_admin_viewset")
def register_directory_status_viewsets():
    return DirectoryStatusGroup()


# The moderation queue --------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_moderation_viewset():
    return ModerationViewSet()


@hooks.register("register_admin_viewset")
def register_listing_checks_viewset():
    return ListingChecksViewSet()


@hooks.register("register_admin_viewset")
def register_register_import_viewsets():
    return RegisterImportGroup()


def _asked_once(user, rule):
    """`rule(user)`, remembered on the user object for the request: the page listing asks
    for every organisation it shows."""
    answers = getattr(user, "_listing_check_answers", None)
    if answers is None:
        answers = {}
        user._listing_check_answers = answers
    if rule.__name__ not in answers:
        answers[rule.__name__] = rule(user)
    return answers[rule.__name__]


class KeepListedButton(PageMenuItem):
    def is_shown(self, user):
        return _asked_once(user, can_keep_listed)


class ConfirmCommissioningButton(PageMenuItem):
    def is_shown(self, user):
        return _asked_once(user, can_confirm_commissioning)


def _listing_check_buttons(page):
    """From an organisation in the page tree (listing and header) to its checks."""
    if page.specific_class is not OrganisationPage:
        return
    yield KeepListedButton(
        _("Keep listed"),
        reverse("listing_checks:keep_listed", args=[page.pk]),
        icon_name="tick-inverse",
        priority=45,
        page=page,
    )
    yield ConfirmCommissioningButton(
        _("Confirm commissioning relationship"),
        reverse("listing_checks:commissioning", args=[page.pk]),
        icon_name="tick-inverse",
        priority=46,
        page=page,
    )


@hooks.register("register_page_listing_more_buttons")
def listing_check_listing_buttons(page, user, next_url=None):
    yield from _listing_check_buttons(page)


@hooks.register("register_page_header_buttons")
def listing_check_header_buttons(page, user, view_name, next_url=None):
    yield from _listing_check_buttons(page)


class ModerationSummaryItem(SummaryItem):
    """On the dashboard: what waits for moderators."""

    order = 50
    template_name = "directory/moderation/summary_item.html"

    def get_context_data(self, parent_context):
        from directory.moderation.views import pending_counts

        counts = pending_counts()
        return {**counts, "total": sum(counts.values())}

    def is_shown(self):
        return is_moderator(self.request.user)


@hooks.register("construct_homepage_summary_items")
def add_moderation_summary_item(request, items):
    items.append(ModerationSummaryItem(request))


# The account page, the personal-data download and account deletion: the directory's parts.


def _organisations_section_context(request):
    memberships = (
        OrganisationMembership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__title")
    )
    memberships = list(memberships)
    if memberships:
        return {"memberships": memberships}
    # Someone with no organisation is shown where to list or claim one.
    directory = DirectoryIndexPage.objects.live().order_by("path").first()
    return {"memberships": [], "directory_url": directory.localized.url if directory else None}


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def organisations_account_section():
    return AccountSection(
        title=_("Your organisations"),
        template="directory/account/organisations_section.html",
        get_context=_organisations_section_context,
        order=20,
    )


hooks.register(PERSONAL_DATA_HOOK, directory_personal_data)
hooks.register(PERSONAL_DATA_HOOK, shortlist_personal_data)


@hooks.register(ACCOUNT_DELETION_HOOK)
def hand_over_organisations(user, data=None):
    """Anyone in a team is told what happens to their organisations; a sole owner with
    colleagues chooses who takes over."""
    if not OrganisationMembership.objects.filter(user=user).exists():
        return None
    return HandOverForm(user, data=data)
