from django.core.management.base import BaseCommand, CommandError

from core.progress import command_progress
from search import text_table
from search.backends import engine_url
from search.indexes import registered_indexes


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes: the database's search table (always), then, when "
        "SEARCH_URL is set, the search engine's indexes (each filled in bulk as a new index, "
        "then the alias swapped to it, so searches never see a half-built index)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--index", help="Only this index (by name), e.g. services.")
        parser.add_argument(
            "--database-only",
            action="store_true",
            help="Rebuild the database's search table only, not the engine's indexes.",
        )

    def handle(self, *args, **options):
        indexes = registered_indexes()
        names = [index.name for index in indexes]
        if options["index"]:
            if options["index"] not in names:
                raise CommandError(f"No index named {options['index']!r}: choose from {names}.")
            indexes = [index for index in indexes if index.name == options["index"]]
        for index in indexes:
            self.rebuild_text(index, options)
        if engine_url() and not options["database_only"]:
            for index in indexes:
                if index.uses_engine:
                    self.rebuild_engine(index.name, options)

    def rebuild_text(self, index, options):
        total = index.get_text_search_queryset().model.objects.count()
        label = f"Search table: {index.name}"
        with command_progress(self, options, label, total=total, unit="entries") as progress:
            count = text_table.rebuild(index, progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write(f"{index.name}: {count} entries in the database's search table")

    def rebuild_engine(self, name, options):
        from search.engine import rebuild

        with command_progress(self, options, f"Indexing {name}", unit="documents") as progress:
            new_index, count, seconds = rebuild(name, progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write(f"{name}: {count} documents into {new_index} in {seconds:.1f}s")
