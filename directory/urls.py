from django.urls import include, path

from . import views

urlpatterns = [
    path(
        "listing/confirm/<str:token>/",
        views.confirm_listing_view,
        name="directory_confirm_listing",
    ),
    path(
        "listing/<int:organisation_id>/report-a-problem/",
        views.report_problem_view,
        name="directory_report_problem",
    ),
    path("", include("directory.team_urls")),
]
