#!/usr/bin/env bash
# Back up the site: the database (pg_dump, custom format) and the uploaded files (a tar of
# MEDIA_ROOT), with the date and time in their names.
#
#   tools/backup.sh [DESTINATION]        # default DESTINATION: ./backups
#
# It reads DATABASE_URL and MEDIA_ROOT from the environment, as the site does. From cron,
# load the site's environment file first:
#
#   15 2 * * * cd /srv/commonground && set -a && . ./.env && set +a && tools/backup.sh /var/backups/commonground
#
# It writes DESTINATION/commonground-YYYYMMDD-HHMMSS.dump and
# DESTINATION/commonground-media-YYYYMMDD-HHMMSS.tar.gz, deletes this script's own backups
# older than KEEP_DAYS (default 14), and prints the command that checks the new backup:
#
#   .venv/bin/python manage.py check_backup DUMP --media ARCHIVE
#
# When media live in object storage (S3) there is no MEDIA_ROOT folder to copy: turn on the
# bucket's versioning (and a lifecycle rule for old versions) instead; see docs/deploy.md.
# Copy DESTINATION to another machine or bucket: a backup on the same disk as the database
# does not survive that disk.
set -euo pipefail

destination="${1:-backups}"
keep_days="${KEEP_DAYS:-14}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
: "${DATABASE_URL:?Set DATABASE_URL (postgres://user:password@host:port/name)}"

# pg_dump must be at least as new as the server: take the newest installed.
pg_dump="$(ls -1d /usr/lib/postgresql/*/bin/pg_dump 2>/dev/null | sort -V | tail -n 1 || true)"
pg_dump="${pg_dump:-$(command -v pg_dump || true)}"
if [ -z "$pg_dump" ]; then
    echo "pg_dump is not installed (apt-get install postgresql-client)" >&2
    exit 1
fi

mkdir -p "$destination"
dump="$destination/commonground-$stamp.dump"
# libpq reads postgres:// addresses itself; the password stays out of the process list's
# arguments only if it is not in the URL, so prefer a ~/.pgpass file on shared machines.
"$pg_dump" --format=custom --no-owner --file="$dump.partial" "$DATABASE_URL"
mv "$dump.partial" "$dump"
echo "database: $dump ($(du -h "$dump" | cut -f1))"

media_root="${MEDIA_ROOT:-media}"
archive=""
if [ -d "$media_root" ]; then
    archive="$destination/commonground-media-$stamp.tar.gz"
    tar -czf "$archive.partial" -C "$media_root" .
    mv "$archive.partial" "$archive"
    echo "media: $archive ($(du -h "$archive" | cut -f1))"
else
    echo "media: no folder at $media_root (object storage? see docs/deploy.md); not archived"
fi

find "$destination" -maxdepth 1 -type f \
    \( -name 'commonground-*.dump' -o -name 'commonground-media-*.tar.gz' \) \
    -mtime +"$keep_days" -delete

echo "check it: .venv/bin/python manage.py check_backup $dump${archive:+ --media $archive}"
