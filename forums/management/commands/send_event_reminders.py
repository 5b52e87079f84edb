from django.core.management.base import BaseCommand

from core.progress import command_progress
from forums.events.jobs import REMINDER_HOURS, send_event_reminders
from forums.management.commands._clock import add_now_argument, now_from


class Command(BaseCommand):
    help = (
        "Email registered attendees of events starting within --hours (default 24), once "
        "each. Idempotent. Production runs it hourly."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)
        parser.add_argument("--hours", type=int, default=REMINDER_HOURS)

    def handle(self, *args, **options):
        with command_progress(self, options, "Event reminders", unit="registrations") as progress:
            sent = send_event_reminders(
                now_from(options), hours=options["hours"], progress=progress
            )
        if options["verbosity"] >= 1:
            self.stdout.write(f"reminders sent: {sent}")
