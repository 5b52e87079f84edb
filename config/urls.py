from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from allauth.account import views as allauth_views

from core import health
from search import views as search_views

urlpatterns = [
    # One sign-in for everyone: the admin's own sign-in page (a password alone, no second
    # factor) sends people to allauth's, and its sign-out button signs out through allauth.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/logout/", allauth_views.logout),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The Open Referral UK API: one address for every language.
    path("api/", include("opendata.api.urls")),
    # For the load balancer and monitoring (core/health.py): one address, no language prefix.
    path("healthz", health.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page in both languages: English unprefixed, Welsh under /cy/, with the same
# URL names (reverse() gives the address in the active language).
urlpatterns += i18n_patterns(
    path(
        "search/suggestions/<slug:index_name>/",
        search_views.suggestions,
        name="search_suggestions",
    ),
    path("account/", include("accounts.urls")),
    path("", include("directory.urls")),
    path("", include("forums.urls")),
    path("", include("pipeline.urls")),
    path("", include("opendata.urls")),
    # Wagtail's own front-end sign-in page (for private pages) takes a password alone, with no
    # second factor: everyone signs in on the one sign-in page instead.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
