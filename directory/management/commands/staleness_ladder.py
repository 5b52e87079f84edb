import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.progress import command_progress
from directory.staleness.rules import LADDER, run_staleness_ladder


def parse_now(value):
    """An ISO 8601 date and time (or date), in UK time unless it says otherwise."""
    parsed = parse_datetime(value)
    if parsed is None:
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--now is not a date and time: {value!r}") from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = (
        "The freshness ladder: remind owners of listings nobody has confirmed for 6 months, "
        "show them as possibly out of date at 9, remind a last time 14 days before hiding "
        "them at 12. One step per listing per run, at least 14 days apart, each step once. "
        "Production runs it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Run as if it were this moment (ISO 8601), for tests.")

    def handle(self, *args, **options):
        now = parse_now(options["now"]) if options["now"] else timezone.now()
        with command_progress(self, options, "Listings", unit="listings") as progress:
            moves = run_staleness_ladder(now, progress=progress)
        if options["verbosity"] < 1:
            return
        for organisation, step in moves:
            self.stdout.write(f"{organisation.title} (#{organisation.pk}): {step.label}")
        counts = dict.fromkeys(LADDER[1:], 0)
        for _organisation, step in moves:
            counts[step] += 1
        for step, count in counts.items():
            self.stdout.write(f"{step}: {count}")
