from django.core.management.base import BaseCommand

from forums.events.jobs import delete_old_access_needs
from forums.management.commands._clock import add_now_argument, now_from


class Command(BaseCommand):
    help = (
        "Delete attendees' access needs 30 days after their event. Idempotent. "
        "Production runs it daily."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)

    def handle(self, *args, **options):
        deleted = delete_old_access_needs(now_from(options))
        self.stdout.write(f"access needs deleted: {deleted}")
