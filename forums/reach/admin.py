"""The reach report in the admin's Reports menu, as a viewset: the report and its two CSVs,
under /admin/forums/reach/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.base import ViewSet

from forums.reach import views
from forums.registrations.admin import RegionalForumManagersMenuItem


class ReachReportViewSet(ViewSet):
    name = "reach"
    url_prefix = "forums/reach"
    icon = "site"
    menu_label = _("Reach report")
    menu_order = 300
    menu_hook = "register_reports_menu_item"
    menu_item_class = RegionalForumManagersMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.ReachReportView.as_view(), name="index"),
            path("summary.csv", views.reach_summary_csv, name="summary_csv"),
            path("outreach.csv", views.reach_outreach_csv, name="outreach_csv"),
        ]
