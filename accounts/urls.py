from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    path("email-language/", views.email_language, name="account_email_language"),
    path("your-data/", views.download_personal_data, name="account_download_data"),
    path("delete/", views.delete_account_view, name="account_delete"),
    path("deleted/", views.account_deleted, name="account_deleted"),
    # allauth: sign in and out, sign up, email addresses, passwords, two-factor.
    path("", include("allauth.urls")),
]
