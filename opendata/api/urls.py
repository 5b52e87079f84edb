from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from opendata.api.endpoints import api

urlpatterns = [
    # The interactive docs are the site's own accessible page (opendata/api/explorer.py).
    path("docs", RedirectView.as_view(url=reverse_lazy("open_data_api_explorer"))),
    path("", api.urls),
]
