"""The forum records screens in the admin, as one viewset: the forums someone runs, each
event's registrations and attendance (CSV and XLSX), promoting and cancelling registrations,
creating its feedback survey, and each forum's members (CSV and XLSX). The paths stay under
/admin/forums/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from forums.registrations import admin_views, manager_actions
from forums.roles import runs_a_regional_forum


class RegionalForumManagersMenuItem(MenuItem):
    """Shown to site admins and regional forum managers (national ones run no events)."""

    def is_shown(self, request):
        return runs_a_regional_forum(request.user)


class ForumRecordsViewSet(ViewSet):
    name = "forum_records"
    url_prefix = "forums"
    icon = "group"
    menu_label = _("Forum registrations")
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = RegionalForumManagersMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.ForumsIndexView.as_view(), name="index"),
            path(
                "events/<int:event_id>/registrations/",
                admin_views.EventRegistrationsView.as_view(),
                name="registrations",
            ),
            path(
                "events/<int:event_id>/registrations.csv",
                admin_views.registrations_csv,
                name="registrations_csv",
            ),
            path(
                "events/<int:event_id>/registrations.xlsx",
                admin_views.registrations_xlsx,
                name="registrations_xlsx",
            ),
            path(
                "registrations/<int:registration_id>/promote/",
                manager_actions.promote,
                name="promote_registration",
            ),
            path(
                "registrations/<int:registration_id>/cancel/",
                manager_actions.CancelRegistrationView.as_view(),
                name="cancel_registration",
            ),
            path(
                "events/<int:event_id>/feedback-survey/",
                admin_views.FeedbackSurveyView.as_view(),
                name="feedback_survey",
            ),
            path(
                "<int:forum_id>/members/",
                admin_views.ForumMembersView.as_view(),
                name="members",
            ),
            path("<int:forum_id>/members.csv", admin_views.members_csv, name="members_csv"),
            path("<int:forum_id>/members.xlsx", admin_views.members_xlsx, name="members_xlsx"),
        ]
