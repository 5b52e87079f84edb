from django.core.management.base import BaseCommand

from core.progress import command_progress
from opendata.downloads.build import build_open_data


class Command(BaseCommand):
    help = (
        "Write the open data downloads (directory.csv and directory.json, Open Referral UK) "
        "to OPEN_DATA_ROOT from what the public directory shows now. Each file is replaced "
        "whole, so it is safe to run while the site serves them. Production runs it nightly "
        "(cron or a systemd timer); run it by hand after a large import."
    )

    def handle(self, *args, **options):
        summary = build_open_data(
            lambda label, unit: command_progress(self, options, label, unit=unit)
        )
        if options["verbosity"] >= 1:
            self.stdout.write(str(summary))
