from django.urls import path

from pipeline.alerts import views

urlpatterns = [
    path("pipeline-alerts/", views.alert_list, name="pipeline_alerts"),
    path("pipeline-alerts/new/", views.alert_edit, name="pipeline_alert_create"),
    path("pipeline-alerts/<int:alert_id>/", views.alert_edit, name="pipeline_alert_edit"),
    path(
        "pipeline-alerts/<int:alert_id>/delete/", views.alert_delete, name="pipeline_alert_delete"
    ),
    path(
        "pipeline-alerts/stop/<str:token>/",
        views.unsubscribe,
        name="pipeline_alerts_unsubscribe",
    ),
]
