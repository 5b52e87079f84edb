"""The interest in partnering on each opportunity, in the admin (no menu item: reached from
the opportunity's page header and page-tree buttons)."""

from django.urls import path

from wagtail.admin.viewsets.base import ViewSet

from pipeline.partnering import views


class PartnerInterestViewSet(ViewSet):
    name = "pipeline_partnering"
    url_prefix = "pipeline/partnering"
    icon = "group"

    def get_urlpatterns(self):
        return [
            path("<int:opportunity_id>/", views.InterestView.as_view(), name="interest"),
            path("<int:opportunity_id>/interest.csv", views.interest_csv, name="interest_csv"),
            path("<int:opportunity_id>/interest.xlsx", views.interest_xlsx, name="interest_xlsx"),
        ]
