from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool

DEBUG = False

if SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")
if not env("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL (PostgreSQL) in production.")
if not env("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in production.")
if env("TRUSTED_PROXY_COUNT") is None:
    # Production runs behind a reverse proxy (SECURE_PROXY_SSL_HEADER): left at 0, every
    # visitor would share the proxy's rate-limit bucket. Say how many proxies there are.
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXY_COUNT in production: the number of proxies in front of the site "
        "that append to X-Forwarded-For (0 if none)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the health check over plain HTTP (core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
# HTTPS for the host and every subdomain, and eligible for the browsers' preload list
# (hstspreload.org, which needs both and a year's max-age): no plain-HTTP request ever.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# An http:// address left in content is fetched over HTTPS instead.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "upgrade-insecure-requests": True,
    },
}

PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))  # see base.py

if not env("REDIS_URL"):
    # Shared by every worker, unlike the local-memory cache (`manage.py createcachetable`).
    # Django's default of 300 entries would keep evicting the page cache's pages: it holds a
    # page per address visited. Redis (REDIS_URL) is faster still; give it a maxmemory and
    # the allkeys-lru policy.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache",
            "OPTIONS": {"MAX_ENTRIES": int(env("CACHE_MAX_ENTRIES", "50000"))},
        }
    }

# A connection kept for a minute by each worker, checked before it is reused: a new
# PostgreSQL connection per request costs more than a page served from the cache.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Background work runs in a worker from the database queue (pip install ".[production]").
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# One JSON object per log line (core/logging.py), on standard error like gunicorn's own.
LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
}
