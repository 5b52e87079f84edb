from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    # allauth: sign in and out, sign up, email addresses, passwords, two-factor.
    path("", include("allauth.urls")),
]
