from django.urls import path

from . import views

urlpatterns = [
    path(
        "listing/confirm/<str:token>/",
        views.confirm_listing_view,
        name="directory_confirm_listing",
    ),
]
