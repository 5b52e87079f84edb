"""The open data page and the downloads (public, in both languages). The API is mounted
apart, at /api/ (opendata/api/urls.py), outside the language prefixes."""

from django.urls import path, re_path

from opendata.api.explorer import api_explorer, try_operation
from opendata.downloads import views as download_views
from opendata.page import open_data

urlpatterns = [
    path("open-data/", open_data, name="open_data"),
    path("open-data/try-the-api/", api_explorer, name="open_data_api_explorer"),
    path("open-data/try-the-api/send/", try_operation, name="open_data_api_try"),
    re_path(
        r"^open-data/(?P<name>directory\.(?:csv|json))$",
        download_views.download,
        name="open_data_download",
    ),
]
