from django.core.management.base import BaseCommand

from forums.events.jobs import nag_about_unclosed_events
from forums.management.commands._clock import add_now_argument, now_from


class Command(BaseCommand):
    help = (
        "Email forum managers about past events not yet closed (at most weekly per event). "
        "Idempotent. Production runs it daily."
    )

    def add_arguments(self, parser):
        add_now_argument(parser)

    def handle(self, *args, **options):
        sent = nag_about_unclosed_events(now_from(options))
        self.stdout.write(f"events nagged about: {sent}")
