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
    path(
        "pipeline-partnering/<int:opportunity_id>/interest/",
        views.interest,
        name="pipeline_partnering_interest",
    ),
    path(
        "pipeline-partnering/<int:opportunity_id>/interest.csv",
        views.public_interest_csv,
        name="pipeline_partnering_interest_csv",
    ),
]
