from django.urls import path

from opendata.api.endpoints import api

urlpatterns = [path("", api.urls)]
