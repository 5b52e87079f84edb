import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def add_now_argument(parser):
    parser.add_argument("--now", help="Run as if it were this moment (ISO 8601), for tests.")


def now_from(options):
    if not options.get("now"):
        return timezone.now()
    parsed = parse_datetime(options["now"])
    if parsed is None:
        try:
            parsed = datetime.datetime.fromisoformat(options["now"])
        except ValueError:
            raise CommandError(f"--now is not a date and time: {options['now']!r}") from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
