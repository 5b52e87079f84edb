"""The site's URLs, and in front of them a plain "hello world" view (the load test's ceiling).

Served only by `bench/load.py`'s server (DJANGO_SETTINGS_MODULE=bench.load_settings).
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    """As little as a Django view can do: the middleware runs, no template, no query."""
    return HttpResponse(b"Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello, name="bench_hello"), *site_urlpatterns]
