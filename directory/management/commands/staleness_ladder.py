import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from directory.staleness.rules import run_staleness_ladder


class Command(BaseCommand):
    help = (
        "Remind, flag and hide listings nobody has confirmed for 6, 9 and 12 months. "
        "Idempotent: each step happens once. Production runs it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Run as if it were this moment (ISO 8601), for tests.")

    def handle(self, *args, **options):
        now = timezone.now()
        if options["now"]:
            parsed = parse_datetime(options["now"])
            if parsed is None:
                try:
                    parsed = datetime.datetime.fromisoformat(options["now"])
                except ValueError:
                    raise CommandError(
                        f"--now is not a date and time: {options['now']!r}"
                    ) from None
            now = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        moved = run_staleness_ladder(now)
        for stage, count in moved.items():
            self.stdout.write(f"{stage}: {count}")
