from django.core.management.base import BaseCommand

from core.progress import command_progress
from forums.events.jobs import send_feedback_invitations
from forums.management.commands._clock import add_now_argument, now_from


class Command(BaseCommand):
    help = (
        "Email attendees a link to their event's feedback survey once it is open and the "
        "event's outcomes are published, once each. Idempotent. Production runs it hourly."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)

    def handle(self, *args, **options):
        with command_progress(self, options, "Feedback surveys", unit="surveys") as progress:
            sent = send_feedback_invitations(now_from(options), progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write(f"feedback invitations sent: {sent}")
