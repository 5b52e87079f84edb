from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core.account_sections import ACCOUNT_SECTIONS_HOOK, AccountSection
from core.personal_data import PERSONAL_DATA_HOOK
from forums.account import events_for_account, responses_for_account
from forums.models import ConsultationPage, EventPage, ForumIndexPage, RegionalForumPage
from forums.personal_data import personal_data
from forums.reach import views as reach_views
from forums.registrations import admin_views
from forums.roles import (
    ForumPagePermissionPolicy,
    can_manage_consultation,
    can_manage_forum,
    refuse_regional_listings_to_national_managers,
    runs_a_regional_forum,
)

# Registered before any admin view asks for the page policy (Wagtail requires it early).
register_permission_policy(Page, ForumPagePermissionPolicy(Page), exact_class=True)


@hooks.register("register_admin_urls")
def register_forum_admin_urls():
    return [
        path("forums/", admin_views.ForumsIndexView.as_view(), name="forums_admin_index"),
        path(
            "forums/events/<int:event_id>/registrations/",
            admin_views.EventRegistrationsView.as_view(),
            name="forums_admin_registrations",
        ),
        path(
            "forums/events/<int:event_id>/feedback-survey/",
            admin_views.FeedbackSurveyView.as_view(),
            name="forums_admin_feedback_survey",
        ),
        path(
            "forums/events/<int:event_id>/registrations.csv",
            admin_views.registrations_csv,
            name="forums_admin_registrations_csv",
        ),
        path(
            "forums/<int:forum_id>/members/",
            admin_views.ForumMembersView.as_view(),
            name="forums_admin_members",
        ),
        path(
            "forums/<int:forum_id>/members.csv",
            admin_views.members_csv,
            name="forums_admin_members_csv",
        ),
        path(
            "forums/consultations/<int:consultation_id>/responses/",
            admin_views.ConsultationAnalysisView.as_view(),
            name="forums_admin_consultation",
        ),
        path(
            "forums/consultations/<int:consultation_id>/responses.csv",
            admin_views.consultation_csv,
            name="forums_admin_consultation_csv",
        ),
        path(
            "forums/consultations/<int:consultation_id>/responses.xlsx",
            admin_views.consultation_xlsx,
            name="forums_admin_consultation_xlsx",
        ),
    ]


@hooks.register("register_admin_urls")
def register_reach_report_urls():
    return [
        path("forums/reach/", reach_views.ReachReportView.as_view(), name="forums_admin_reach"),
        path(
            "forums/reach/summary.csv",
            reach_views.reach_summary_csv,
            name="forums_admin_reach_summary_csv",
        ),
        path(
            "forums/reach/outreach.csv",
            reach_views.reach_outreach_csv,
            name="forums_admin_reach_outreach_csv",
        ),
    ]


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


class ForumsMenuItem(MenuItem):
    """For site admins and regional forum managers (national ones run no events)."""

    def is_shown(self, request):
        return runs_a_regional_forum(request.user)


@hooks.register("register_admin_menu_item")
def register_forums_menu_item():
    return ForumsMenuItem(
        _("Forum registrations"), reverse("forums_admin_index"), icon_name="group", order=250
    )


@hooks.register("register_reports_menu_item")
def register_reach_report_menu_item():
    return ForumsMenuItem(
        _("Reach report"), reverse("forums_admin_reach"), icon_name="site", order=300
    )


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
            reverse("forums_admin_consultation", args=[page.pk]),
            icon_name="list-ul",
            priority=45,
            page=page,
        )
    elif page.specific_class is EventPage:
        yield ForumRecordsButton(
            _("Registrations and attendance"),
            reverse("forums_admin_registrations", args=[page.pk]),
            icon_name="group",
            priority=45,
            page=page,
        )
        # Goes to the event's survey if it has one, else offers to create it.
        yield ForumRecordsButton(
            _("Feedback survey"),
            reverse("forums_admin_feedback_survey", args=[page.pk]),
            icon_name="form",
            priority=46,
            page=page,
        )
    elif page.specific_class is RegionalForumPage:
        yield ForumRecordsButton(
            _("Members"),
            reverse("forums_admin_members", args=[page.pk]),
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


hooks.register(PERSONAL_DATA_HOOK, personal_data)
