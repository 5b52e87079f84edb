from django.urls import path

from pipeline.partnering import views

urlpatterns = [
    path(
        "pipeline-partnering/<int:opportunity_id>/register/",
        views.register,
        name="pipeline_register_interest",
    ),
    path(
        "pipeline-partnering/<int:opportunity_id>/withdraw/",
        views.withdraw,
        name="pipeline_withdraw_interest",
    ),
]
