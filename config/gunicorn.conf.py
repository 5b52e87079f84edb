"""gunicorn's settings for production: `gunicorn -c config/gunicorn.conf.py`
(tools/serve-production.sh runs it, beside the task worker).

Read from the environment, with defaults for one machine behind a reverse proxy:

- GUNICORN_BIND: address to listen on (default 127.0.0.1:8000; comma-separated for several);
- WEB_CONCURRENCY: worker processes (default 2 × cores + 1, at most 12);
- GUNICORN_THREADS: threads per worker (default 1: plain processes);
- GUNICORN_TIMEOUT: seconds a worker may spend on one request before it is replaced (30);
- FORWARDED_ALLOW_IPS: the proxies whose X-Forwarded-* headers gunicorn believes
  (default 127.0.0.1,::1); Django reads the client's address with TRUSTED_PROXY_COUNT;
- GUNICORN_CONTROL_SOCKET: path of gunicorn's control socket (`gunicornc`); off by default,
  so that two servers on one machine never share one.
"""

import gc
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
proc_name = "commonground"

# Processes, not threads, by default: threads add nothing to Python work (rendering, the
# search's in-memory snapshot) and have not been measured to help here; try GUNICORN_THREADS
# (gthread workers) where requests wait mostly on the database or the engine. The cap keeps a
# large machine from holding more copies of that snapshot than it has memory for.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 12))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Behind a proxy or load balancer that keeps connections open to us.
keepalive = 5
# Replace each worker after about a thousand requests, not all at once, so slow growth in
# memory never builds up.
max_requests = 1000
max_requests_jitter = 100
# The workers' heartbeat files in memory, not on disk (a slow disk would stall them).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# Load Django once in the arbiter, then fork: workers start at once and share its memory.
preload_app = True


def when_ready(server):
    """Before the first worker is forked: load what every request needs (the URLs, and with
    them every view's module), close any database connection the loading opened (a forked
    worker must never share one), then freeze what is alive now. Frozen objects are never
    scanned by the garbage collector again: its full collections, 86-143 ms inside a
    search, had to walk every module and class Django and Wagtail load; with them frozen
    the worst search measured went from 171 to 60 ms. The workers also copy fewer of the
    arbiter's pages, since no collection writes to these objects."""
    if not server.cfg.preload_app:  # each worker loads the site itself: nothing to share
        return
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the URL configuration)
    connections.close_all()
    gc.collect()
    gc.freeze()


# One JSON object per line (core/logging.py): gunicorn's own messages on standard error,
# one line per request on standard output (method, path, status, duration; no client
# address, no query string). Django's own logging (production's LOGGING) writes the same
# format to standard error.
access_log_format = "%(m)s %(U)s %(s)s"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "errors": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["errors"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["errors"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["requests"], "propagate": False},
    },
}
