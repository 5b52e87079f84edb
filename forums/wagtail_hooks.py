from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core.account_sections import ACCOUNT_SECTIONS_HOOK, AccountSection
from core.personal_data import PERSONAL_DATA_HOOK
from forums.account import events_for_account, responses_for_account
from forums.consultations.admin import ConsultationResponsesViewSet
from forums.models import ConsultationPage, EventPage, ForumIndexPage, RegionalForumPage
from forums.notifications.account import personal_data as notifications_personal_data
from forums.notifications.account import subscriptions_for_account
from forums.outreach.admin import OutreachViewSet
from forums.personal_data import personal_data
from forums.reach.admin import ReachReportViewSet
from forums.registrations.admin import ForumRecordsViewSet
from forums.roles import (
    ForumPagePermissionPolicy,
    can_manage_consultation,
    can_manage_forum,
    refuse_regional_listings_to_national_managers,
)

# Registered before any admin view asks for the page policy (Wagtail requires it early).
register_permission_policy(Page, ForumPagePermissionPolicy(Page), exact_class=True)


@hooks.register("register_admin_viewset")
def register_forum_records_viewset():
    return ForumRecordsViewSet()


@hooks.register("register_admin_viewset")
def register_consultation_responses_viewset():
    return ConsultationResponsesViewSet()


@hooks.register("register_admin_viewset")
def register_reach_report_viewset():
    return ReachReportViewSet()


@hooks.register("register_admin_viewset")
def register_outreach_viewset():
    return OutreachViewSet()


@hooks.register("before_create_page")
def only_national_consultations_for_national_managers(request, parent_page, page_class):
    """Under the forum index, people whose permissions come from the national forum managers'
    grant may add national consultations and nothing else (regional forums are the site
    admins' to create)."""
    if isinstance(parent_page.specific, ForumIndexPage):
        permissions = parent_page.specific.permissions_for_user(request.user)
        if not permissions.can_add_subpage_of_type(page_class):
            raise PermissionDenied


@hooks.register("construct_explorer_page_queryset")
def hide_regional_forums_from_national_managers(parent_page, pages, request):
    """National forum managers see the forum index's national consultations and nothing of
    the regional forums: ForumPagePermissionPolicy leaves them out of the page tree and
    search, and the listing of one asked for by URL is refused here."""
    refuse_regional_listings_to_national_managers(request.user, parent_page)
    return pages


class ForumRecordsButton(PageMenuItem):
    """A link from an event (or forum) in the page tree to its registrations (or members),
    for the people who run that forum."""

    def is_shown(self, user):
        forum = self.page if isinstance(self.page, RegionalForumPage) else self.page.get_parent()
        return can_manage_forum(user, forum.specific)


class ConsultationResponsesButton(PageMenuItem):
    def is_shown(self, user):
        return can_manage_consultation(user, self.page)


def _records_buttons(page, next_url=None):
    if page.specific_class is ConsultationPage:
        yield ConsultationResponsesButton(
            _("Responses and analysis"),
            reverse("forum_consultations:responses", args=[page.pk]),
            icon_name="list-ul",
            priority=45,
            page=page,
        )
    elif page.specific_class is EventPage:
        yield ForumRecordsButton(
            _("Registrations and attendance"),
            reverse("forum_records:registrations", args=[page.pk]),
            icon_name="group",
            priority=45,
            page=page,
        )
        # Goes to the event's survey if it has one, else offers to create it.
        yield ForumRecordsButton(
            _("Feedback survey"),
            reverse("forum_records:feedback_survey", args=[page.pk]),
            icon_name="form",
            priority=46,
            page=page,
        )
    elif page.specific_class is RegionalForumPage:
        yield ForumRecordsButton(
            _("Members"),
            reverse("forum_records:members", args=[page.pk]),
            icon_name="group",
            priority=45,
            page=page,
        )


@hooks.register("register_page_listing_more_buttons")
def forum_listing_buttons(page, user, next_url=None):
    yield from _records_buttons(page, next_url)


@hooks.register("register_page_header_buttons")
def forum_header_buttons(page, user, view_name, next_url=None):
    yield from _records_buttons(page, next_url)


# The account page and the personal-data download: the forums' parts.


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def events_account_section():
    return AccountSection(
        title=_("Your events"),
        template="forums/account/events_section.html",
        get_context=lambda request: events_for_account(request.user),
        order=30,
    )


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def responses_account_section():
    return AccountSection(
        title=_("Your consultation responses"),
        template="forums/account/responses_section.html",
        get_context=lambda request: responses_for_account(request.user),
        order=40,
    )


@hooks.register(ACCOUNT_SECTIONS_HOOK)
def forum_emails_account_section():
    return AccountSection(
        title=_("Emails from forums"),
        template="forums/notifications/account_section.html",
        get_context=lambda request: subscriptions_for_account(request.user),
        order=45,
    )


hooks.register(PERSONAL_DATA_HOOK, personal_data)
hooks.register(PERSONAL_DATA_HOOK, notifications_personal_data)
