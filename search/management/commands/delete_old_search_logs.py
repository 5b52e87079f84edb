import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime

from search.log import RETENTION_DAYS, delete_old_entries, retention_cutoff


class Command(BaseCommand):
    help = (
        f"Delete search log entries older than {RETENTION_DAYS} days (12 months). "
        "Idempotent: safe to run more than once. Production runs it daily from cron or a "
        "systemd timer, e.g. `15 3 * * * manage.py delete_old_search_logs`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Act as if it were this date or time (ISO 8601, London time if no offset).",
        )

    def handle(self, *args, now=None, **options):
        now = _parse_now(now)
        deleted = delete_old_entries(now)
        self.stdout.write(
            f"Deleted {deleted} search log "
            f"{'entry' if deleted == 1 else 'entries'} from before {retention_cutoff(now)}."
        )


def _parse_now(value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        parsed = parse_datetime(value) or parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise CommandError(f"--now must be an ISO date or date and time, not {value!r}.")
    return parsed
