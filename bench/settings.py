"""Settings for benchmark runs: the development settings, without DEBUG.

DEBUG would make Django keep every SQL statement in memory and render errors with the
debug page; a benchmark should measure what production runs. The database, the search
engine and the engine's index prefix come from the environment, as everywhere else
(`bench/search.py` sets DATABASE_URL, SEARCH_URL and SEARCH_INDEX_PREFIX for each run).
"""

import warnings

from config.settings.dev import *  # noqa: F403

DEBUG = False
# The runserver child is reached as 127.0.0.1; the test client as localhost.
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"opensearch": {"level": "ERROR"}, "django.server": {"level": "ERROR"}},
}

# WhiteNoise warns once per process that there is no collected STATIC_ROOT: pages are
# measured, not static files.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
