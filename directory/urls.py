from django.urls import include, path

from directory.listings import create_views as create_listing
from directory.listings import edit_views as edit_listing
from directory.listings import location_views as locations
from directory.problem_reports.views import report_problem_view
from directory.staleness.views import confirm_listing_view

urlpatterns = [
    path(
        "listing/confirm/<str:token>/",
        confirm_listing_view,
        name="directory_confirm_listing",
    ),
    path(
        "listing/<int:organisation_id>/report-a-problem/",
        report_problem_view,
        name="directory_report_problem",
    ),
    path(
        "listing/<int:organisation_id>/claim/",
        edit_listing.claim_view,
        name="directory_claim_listing",
    ),
    # Create a listing, step by step.
    path("list-your-organisation/", create_listing.start, name="directory_create_listing"),
    path(
        "list-your-organisation/check-your-answers/",
        create_listing.check_answers_view,
        name="directory_create_listing_check",
    ),
    path(
        "list-your-organisation/sent/",
        create_listing.sent_view,
        name="directory_create_listing_sent",
    ),
    path(
        "list-your-organisation/<slug:slug>/",
        create_listing.step_view,
        name="directory_create_listing_step",
    ),
    # Keep a listing current.
    path(
        "manage/<int:organisation_id>/listing/",
        edit_listing.listing_view,
        name="directory_manage_listing",
    ),
    path(
        "manage/<int:organisation_id>/listing/preview/",
        edit_listing.preview_view,
        name="directory_preview_listing",
    ),
    path(
        "manage/<int:organisation_id>/listing/edit/",
        edit_listing.edit_organisation_view,
        name="directory_edit_organisation",
    ),
    path(
        "manage/<int:organisation_id>/listing/confirm/",
        edit_listing.confirm_view,
        name="directory_confirm_current",
    ),
    path(
        "manage/<int:organisation_id>/services/add/",
        edit_listing.service_view,
        name="directory_add_service",
    ),
    path(
        "manage/<int:organisation_id>/services/<int:service_id>/edit/",
        edit_listing.service_view,
        name="directory_edit_service",
    ),
    path(
        "manage/<int:organisation_id>/services/<int:service_id>/availability/",
        edit_listing.capacity_view,
        name="directory_service_capacity",
    ),
    path(
        "manage/<int:organisation_id>/services/<int:service_id>/remove/",
        edit_listing.remove_service_view,
        name="directory_remove_service",
    ),
    path(
        "manage/<int:organisation_id>/services/<int:service_id>/locations/add/",
        locations.add_location_view,
        name="directory_add_location",
    ),
    path(
        "manage/<int:organisation_id>/services/<int:service_id>/locations/<int:number>/edit/",
        locations.edit_location_view,
        name="directory_edit_location",
    ),
    path(
        "manage/<int:organisation_id>/services/<int:service_id>/locations/<int:number>/remove/",
        locations.remove_location_view,
        name="directory_remove_location",
    ),
    path("", include("directory.team.urls")),
    path("", include("directory.shortlist.urls")),
]
