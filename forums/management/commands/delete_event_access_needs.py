from django.core.management.base import BaseCommand

from forums.events.jobs import delete_old_access_needs
from forums.management.commands._clock import add_now_argument, now_from
from forums.registrations.guests import delete_old_guest_requests


class Command(BaseCommand):
    help = (
        "Delete attendees' access needs 30 days after their event, and requests to register "
        "without an account 7 days after they were made. Idempotent. Production runs it daily."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)

    def handle(self, *args, **options):
        now = now_from(options)
        deleted = delete_old_access_needs(now)
        self.stdout.write(f"access needs deleted: {deleted}")
        self.stdout.write(f"guest registration requests deleted: {delete_old_guest_requests(now)}")
