from django.core.management.base import BaseCommand

from core.progress import command_progress
from forums.management.commands._clock import add_now_argument, now_from
from forums.notifications.jobs import send_notification_digests


class Command(BaseCommand):
    help = (
        "Email each weekly subscriber, one email per forum, what the forum published in the "
        "topics they chose since their last digest. Nothing is sent when there is nothing "
        "new, and at most one digest per person and forum in six days. Idempotent. "
        "Production runs it weekly."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)

    def handle(self, *args, **options):
        with command_progress(self, options, "Weekly digests", unit="subscriptions") as progress:
            sent = send_notification_digests(now_from(options), progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write(f"digests sent: {sent}")
