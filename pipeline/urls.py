from django.urls import include, path

from pipeline.opportunities import views as opportunity_views
from pipeline.opportunities.feeds import ChangesFeed

urlpatterns = [
    path("pipeline/key-dates.ics", opportunity_views.key_dates, name="pipeline_key_dates"),
    path("pipeline/changes.atom", ChangesFeed(), name="pipeline_changes_feed"),
    path("", include("pipeline.partnering.urls")),
    path("", include("pipeline.alerts.urls")),
]
