"""The moderation queue in the admin, as a viewset: the queue, and one page for each kind of
decision (a new listing or changes, a claim, a problem report), for moderators only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from directory.moderation import views
from directory.permissions import is_moderator


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


class ModerationViewSet(ViewSet):
    name = "moderation"
    icon = "tasks"
    menu_label = _("Moderation")
    menu_order = 240
    add_to_admin_menu = True
    menu_item_class = ModeratorsMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.QueueView.as_view(), name="queue"),
            path("listings/<int:pk>/", views.SubmissionView.as_view(), name="submission"),
            path("claims/<int:pk>/", views.ClaimView.as_view(), name="claim"),
            path("problem-reports/<int:pk>/", views.ProblemReportView.as_view(), name="report"),
        ]
