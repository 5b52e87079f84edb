from django.core.management.base import BaseCommand

from home.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Create the home page, directory, regional forums and footer pages where they are "
        "missing, and point the default site at the home page. Safe to run on every deploy."
    )

    def handle(self, *args, **options):
        structure = ensure_site_structure()
        for change in structure.changes:
            self.stdout.write(change)
        if not structure.changes:
            self.stdout.write("The site structure is already in place; nothing to do.")
