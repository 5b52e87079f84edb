from django.core.management.base import BaseCommand

from core.outbox import delete_finished, deliver_due
from core.progress import command_progress


class Command(BaseCommand):
    help = (
        "Send the outbox's emails that are due: retries whose time has come, emails whose "
        "delivery was never asked of the task queue (the process stopped just after the "
        "commit), and emails a worker was sending when it died (its lease ran out). Then "
        "delete sent and failed emails older than EMAIL_OUTBOX_KEEP_DAYS. Safe to run "
        "often and side by side: each email is claimed before it is sent. Production runs "
        "it every minute."
    )

    def handle(self, *args, **options):
        with command_progress(self, options, "Queued emails", unit="emails") as progress:
            sent, not_sent = deliver_due(progress=progress)
        deleted = delete_finished()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"emails sent: {sent}, not sent (retried later or given up): {not_sent}, "
                f"old emails deleted: {deleted}"
            )
