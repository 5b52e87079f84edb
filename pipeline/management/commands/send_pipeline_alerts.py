from django.core.management.base import BaseCommand

from core.progress import command_progress
from forums.management.commands._clock import add_now_argument, now_from
from pipeline.alerts.jobs import send_pipeline_alerts


class Command(BaseCommand):
    help = (
        "Email each pipeline alert the new opportunities and changes that match it since its "
        "last digest: one email per alert and day at most, none when nothing matches. "
        "Idempotent. Production runs it daily."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)

    def handle(self, *args, **options):
        with command_progress(self, options, "Pipeline alerts", unit="alerts") as progress:
            sent = send_pipeline_alerts(now_from(options), progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write(f"alert digests sent: {sent}")
