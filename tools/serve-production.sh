#!/usr/bin/env bash
# Serve the site as production does, on this machine (`make serve-production`): collect the
# static files (whitenoise's hashed, compressed copies), migrate, then run gunicorn
# (config/gunicorn.conf.py) and the task worker (django_tasks_db's db_worker) as two
# processes. Ctrl-C, or either process stopping, stops both.
#
# Required in the environment (config/settings/production.py refuses to start without them):
#   SECRET_KEY            a long random value (at least 40 characters)
#   DATABASE_URL          PostgreSQL, e.g. postgres://user:password@127.0.0.1:5432/commonground
#                         (add ?connect_timeout=5 so a database that is unreachable fails fast)
#   ALLOWED_HOSTS         the site's host names, comma-separated
#   TRUSTED_PROXY_COUNT   proxies in front of the site that append to X-Forwarded-For (0: none)
# Optional:
#   GUNICORN_BIND         where gunicorn listens (default 127.0.0.1:8000)
#   WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS
#                         see config/gunicorn.conf.py
#   SECURE_SSL_REDIRECT   false to try it over plain HTTP with no HTTPS proxy in front
#   SEARCH_URL, REDIS_URL, EMAIL_*, ... (README.md, "Configuration")
#
# `--check-env` only checks the required variables (the Makefile runs it before installing).
set -euo pipefail

cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.production
BIN=${VENV:-.venv}/bin

missing=()
for name in SECRET_KEY DATABASE_URL ALLOWED_HOSTS TRUSTED_PROXY_COUNT; do
    if [ -z "${!name:-}" ]; then
        missing+=("$name")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    list=$(printf '%s, ' "${missing[@]}")
    echo "serve-production: refusing to start: set ${list%, } (see the top of $0)." >&2
    exit 2
fi
if [ "${1:-}" = "--check-env" ]; then
    exit 0
fi

"$BIN/python" manage.py collectstatic --no-input --verbosity 0
"$BIN/python" manage.py migrate --no-input
# The shared cache's table when there is no REDIS_URL (does nothing when it exists).
"$BIN/python" manage.py createcachetable

# Each process in its own process group (set -m), so that Ctrl-C reaches this script alone
# and each process is asked to stop once: a second signal would make the worker abandon the
# task it is running.
set -m
"$BIN/gunicorn" --config config/gunicorn.conf.py &
web=$!
"$BIN/python" manage.py db_worker --queue-name '*' --worker-id "${HOSTNAME:0:50}-$$" &
worker=$!
set +m

stop() {
    trap - INT TERM
    kill -TERM "$web" "$worker" 2>/dev/null || true
    wait "$web" "$worker" 2>/dev/null || true
}
trap 'echo "serve-production: stopping" >&2; stop; exit 0' INT TERM

status=0
wait -n "$web" "$worker" || status=$?
echo "serve-production: a process stopped (exit status $status); stopping the other" >&2
stop
exit "$status"
