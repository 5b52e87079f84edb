"""The reach report in the admin's Reports menu, as a viewset: the report and its downloads
(the summary and the outreach list, each as CSV and XLSX), under /admin/forums/reach/."""

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
            *(
                path(f"{what}.{fmt}", view, {"fmt": fmt}, name=f"{what}_{fmt}")
                for what, view in (
                    ("summary", views.reach_summary),
                    ("outreach", views.reach_outreach),
                )
                for fmt in ("csv", "xlsx")
            ),
        ]
