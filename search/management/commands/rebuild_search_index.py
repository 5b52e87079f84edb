from django.core.management.base import BaseCommand, CommandError

from core.progress import command_progress
from search.backends import engine_url
from search.indexes import registered_indexes


class Command(BaseCommand):
    help = (
        "Rebuild the search engine's indexes: fill a new index in bulk, then swap the alias "
        "to it atomically, so searches never see a half-built index. Needs SEARCH_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--index", help="Only this index (by name), e.g. services.")

    def handle(self, *args, **options):
        from search.engine import rebuild

        if not engine_url():
            raise CommandError("SEARCH_URL is not set: the database backend needs no index.")
        names = [index.name for index in registered_indexes(engine_only=True)]
        if options["index"]:
            if options["index"] not in names:
                raise CommandError(f"No index named {options['index']!r}: choose from {names}.")
            names = [options["index"]]
        for name in names:
            with command_progress(self, options, f"Indexing {name}", unit="documents") as progress:
                new_index, count, seconds = rebuild(name, progress=progress)
            if options["verbosity"] >= 1:
                self.stdout.write(f"{name}: {count} documents into {new_index} in {seconds:.1f}s")
