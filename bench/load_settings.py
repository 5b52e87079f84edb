"""Settings for the load test's server (`bench/load.py`): production's, plus one plain view.

Everything production does (middleware, caches, sessions, static files, the task queue) is
kept; the only change is the URL configuration, `bench.hello_urls`, which serves the site and,
in front of it, a "hello world" view at /bench/hello/. Both answer from the same gunicorn
workers in the same run, so the hello-world throughput is this machine's ceiling for a Django
response through the site's middleware, and the site's pages are measured against it.
Never used outside the benchmark.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
