"""Settings shared by every environment.

Every value that differs between deployments is read from the environment here, in one
place, with a default that makes `make run` work on a fresh machine. production.py refuses
the unsafe defaults.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "core",
    "search",
    "directory",
    "forums",
    "pipeline",
    "opendata",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",
    "django_tasks",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy (the admin's own where it needs one) and Permissions-Policy.
    "core.security_headers.ContentSecurityPolicyMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: staff without an authenticator app are sent to set one up.
    "accounts.middleware.RequireTwoFactorForStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: those who must use two-factor authentication are
    # signed out after STAFF_SESSION_IDLE_SECONDS without a request.
    "accounts.middleware.ShortStaffSessionsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so the CSRF cookie and the session are dealt with as for any page: anonymous
    # visitors' pages from the shared cache (core/page_cache/); a hit costs two cache reads.
    "core.page_cache.middleware.PageCacheMiddleware",
]

# Content-Security-Policy (django-csp, core/security_headers.py), the same in every
# environment so development and the tests see what production sends. Public pages load
# scripts, styles, fonts and images only from the site itself: no inline scripts or styles,
# no eval, no plugins, and no framing (as X-Frame-Options: DENY). Images may also come from
# object storage: the middleware adds the storage's origin. production.py adds
# upgrade-insecure-requests.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # One inline style attribute, by its hash: accessible-autocomplete (3.0.1) hides the
        # "1 of 3" it adds to each suggestion on iPhones and iPads with it.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-s7B4Mv2I5ZJWv3wMt+YPqe3nsI+kQb7VMqSRNcvdVGg='",
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Directives that replace the ones above under /admin/ only (seen in Chromium: see
# tests/browser/test_csp.py). Wagtail 8's admin writes inline scripts into its pages (date and
# time pickers, inline panels, the explorer's and listings' set-up) and its bundled JavaScript
# adds inline <script> and <style> elements to the editor; it frames its own page previews,
# and the dashboard asks releases.wagtail.org for a newer version (superusers). No eval.
WAGTAILADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "style-src-attr": ["'unsafe-inline'"],
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "frame-ancestors": ["'self'"],
}
# The admin would show staff avatars from Gravatar, telling it a hash of every editor's
# email address: Wagtail's own default avatar instead, and admin images stay on 'self'.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Stated, not left to Django's defaults (the same values): addresses, which may carry a
# search's words, are never sent to other sites, and no other site's window keeps a handle
# on ours.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "directory.shortlist.context_processors.shortlist",
            ],
        },
    },
]

# SQLite is the zero-set-up default; CI and production set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the plan of any statement it estimates as costly: 48 ms of
    # compiling in a 2-second text search at the benchmark's 10,000 organisations (before the
    # search matched a constant query), and no gain measured on the directory's other queries.
    # A web request's statements are short and never repay it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# One sign-in for everyone, the Wagtail admin included: allauth's, with two-factor
# authentication. Wagtail's own password forms are switched off so nothing bypasses it.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# allauth's forms with plain-English labels (accounts/forms.py).
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up signs the person in and takes them on
# to where they were going (`next`, kept in allauth's pending sign-in). Opened anywhere else,
# the link leads there too, through the sign-in page (accounts/return_to_task.py).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Common Ground] "
# Tell people when their password, email address or two-factor set-up changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Spam protection without third parties: a field only bots fill in, and rate limits.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# A signed-in person who is sent to the sign-in page (the admin does this when they lack
# access) sees it, rather than being bounced back to where they came from, in a loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Rate limits count per client address (core.ratelimit.client_address, which allauth's limits
# use too, through ACCOUNT_ADAPTER). Behind reverse proxies every request arrives from a proxy:
# set TRUSTED_PROXY_COUNT to the number of proxies of ours in front of the site that append to
# X-Forwarded-For (nginx alone: 1) and the client is read from that header. 0 ignores the
# header: right only when nothing sits in front of the site. allauth's own
# ALLAUTH_TRUSTED_PROXY_COUNT is not used: the adapter decides.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is a number of proxies: 0 or more.")
# Rate limits live in the cache (Redis or the database cache in production, so every
# worker shares them). "ip" counts per address, "key" per email address, "user" per account.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Five wrong passwords for one account lock it for five minutes; the same limit
    # applies to wrong two-factor codes.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip,50/h/ip",
    "reset_password": "10/m/ip,3/15m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}

# The open data API (opendata/api/): requests per client address, in the cache like the
# limits above. The Open data page states the same figure.
OPEN_DATA_API_RATE = env("OPEN_DATA_API_RATE", "60/m")
# Where `build_open_data` writes the directory's downloads (served at /open-data/<file>).
OPEN_DATA_ROOT = Path(env("OPEN_DATA_ROOT", str(BASE_DIR / "open-data")))

# The Charity Commission register extract, one .zip per table (import_charity_commission
# --fetch). Published at
# https://register-of-charities.charitycommission.gov.uk/register/full-register-download
CHARITY_REGISTER_DATA_URL = env(
    "CHARITY_REGISTER_DATA_URL", "https://ccewuksprdoneregsadata1.blob.core.windows.net/data/json"
)
CHARITY_REGISTER_URLS = {
    f"publicextract.{table}.json": f"{CHARITY_REGISTER_DATA_URL}/publicextract.{table}.zip"
    for table in ("charity", "charity_classification", "charity_area_of_operation")
}
CHARITY_DOWNLOAD_DIR = env("CHARITY_DOWNLOAD_DIR")  # None: the system's temporary folder

MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Common Ground"
# Staff, and members of these groups, must use an authenticator app (accounts/security.py).
TWO_FACTOR_REQUIRED_GROUPS = ["Moderators", "Forum managers", "Commissioners"]
# Their sessions end after this long without a request (accounts.middleware); everyone
# else's last SESSION_COOKIE_AGE (two weeks) when they choose to stay signed in.
STAFF_SESSION_IDLE_SECONDS = int(env("STAFF_SESSION_IDLE_SECONDS", str(2 * 60 * 60)))
if STAFF_SESSION_IDLE_SECONDS <= 0:
    raise ImproperlyConfigured("STAFF_SESSION_IDLE_SECONDS must be a number of seconds above 0.")

# Internationalisation: English (UK) by default, Welsh available. English URLs are unprefixed.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", _("English")),
    ("cy", _("Welsh")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Stored in UTC, shown in Europe/London.
TIME_ZONE = "Europe/London"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible object storage when a bucket is named (any S3 service: set
# AWS_S3_ENDPOINT_URL for one that is not Amazon's), local disk otherwise. Credentials come
# from the usual AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the machine's
# role, read by boto3 itself. The bucket stays private: every URL the storage gives is
# presigned and expires after AWS_QUERYSTRING_EXPIRE seconds. Static files stay on whitenoise.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", "")
AWS_QUERYSTRING_EXPIRE = int(env("AWS_QUERYSTRING_EXPIRE", "300"))
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": AWS_QUERYSTRING_EXPIRE,
            "file_overwrite": False,
        },
    }
# Wagtail's /documents/<id>/<name> view checks the collection's view restrictions, then
# redirects to a freshly presigned storage URL (S3) or streams the file (local disk): links
# in pages (and in cached pages) stay ours and never expire, privacy is checked on every
# download, and with S3 no worker is tied up streaming. Never "direct": links would be
# presigned when the page is rendered, skipping the checks and expiring in cached pages.
WAGTAILDOCS_SERVE_METHOD = "redirect" if AWS_STORAGE_BUCKET_NAME else "serve_view"
# A document in a restricted collection (one "For respondents only") sends a signed-out
# visitor to sign in: on the site's one sign-in page, not Wagtail's own form.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# How long a link to a document for consultation respondents works once the page is shown.
PRIVATE_DOCUMENT_LINK_SECONDS = int(env("PRIVATE_DOCUMENT_LINK_SECONDS", "600"))

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Whole pages as anonymous visitors see them, for this many seconds at most (0: off, the
# default in development, where templates change under the developer's hands). A change
# makes a stored page stale at once (core/page_cache/); this bounds what changes with the
# clock alone.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))
if env("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
    }

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Common Ground <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The email outbox (core/outbox.py). EMAIL_TIMEOUT (seconds, each exchange with the mail
# server) keeps a hung send far shorter than the lease a worker holds on a message while it
# sends it (after which another worker may take it over). A message is tried
# EMAIL_OUTBOX_MAX_ATTEMPTS times, waiting EMAIL_OUTBOX_RETRY_SECONDS, then four times as
# long each time; sent and failed messages are deleted after EMAIL_OUTBOX_KEEP_DAYS
# (manage.py send_queued_emails).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
EMAIL_OUTBOX_LEASE_SECONDS = int(env("EMAIL_OUTBOX_LEASE_SECONDS", "600"))
EMAIL_OUTBOX_MAX_ATTEMPTS = int(env("EMAIL_OUTBOX_MAX_ATTEMPTS", "6"))
EMAIL_OUTBOX_RETRY_SECONDS = int(env("EMAIL_OUTBOX_RETRY_SECONDS", "60"))
EMAIL_OUTBOX_KEEP_DAYS = int(env("EMAIL_OUTBOX_KEEP_DAYS", "30"))

# Background work: immediate by default; production switches to the database backend.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}
}

# How long the link in an invitation to join an organisation's team works.
INVITATION_VALID_DAYS = int(env("INVITATION_VALID_DAYS", "7"))

# The directory's search engine (OpenSearch, or Elasticsearch 8). Unset: the database
# backend. Only search/ reads these.
SEARCH_URL = env("SEARCH_URL", "")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "commonground-")
# Seconds to wait for the engine before answering from the database instead.
SEARCH_TIMEOUT = float(env("SEARCH_TIMEOUT", "2"))

# Wagtail's own search (admin, page search) always stays on the database.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL's trigram fallback: at the default 0.3, "gambling" resembles "games".
        "FUZZY_SIMILARITY_THRESHOLD": 0.6,
    }
}

WAGTAIL_SITE_NAME = "Common Ground"
# The admin signs in through allauth (two-factor included); passwords and email addresses
# are managed there, not in Wagtail.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # The engine client logs every request at INFO.
    "loggers": {"opensearch": {"level": "WARNING"}},
}

# Event times are entered and shown in UK time: editors cannot switch the admin to another zone.
WAGTAIL_USER_TIME_ZONES = ["Europe/London"]
