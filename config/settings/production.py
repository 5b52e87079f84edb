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
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True

PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))  # see base.py

if not env("REDIS_URL"):
    # Shared by every worker, unlike the local-memory cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache",
        }
    }

# Background work runs in a worker from the database queue (pip install ".[production]").
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
