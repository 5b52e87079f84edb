from django.core.management.base import BaseCommand, CommandError

from core.progress import command_progress
from directory.imports.charity_commission import Selection, import_charity_commission
from directory.imports.charity_extract import CharityImportError
from directory.imports.fetch import DownloadError, prepared_extract, register_urls
from directory.imports.json_stream import JSONStreamError
from directory.imports.runs import ImportReport, finish_run, start_run


class Command(BaseCommand):
    help = (
        "Import criminal justice charities from the Charity Commission for England and Wales "
        "register extract: a folder holding publicextract.charity.json, "
        "publicextract.charity_classification.json and "
        "publicextract.charity_area_of_operation.json (or their .zip files); or those files, "
        "or their URLs, one per table; or, with --fetch, the addresses in "
        "settings.CHARITY_REGISTER_URLS (by default the Commission's own). Downloads are "
        "checked and resumed, and nothing is imported unless every table arrived whole. New "
        "charities become public, unclaimed listings; listed ones are updated where nobody "
        "has edited them since the last import. Idempotent: safe to run again on the same "
        "extract."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources",
            nargs="*",
            metavar="SOURCE",
            help=(
                "A folder holding the extract, or the three tables' files (.json or .zip) or "
                "URLs (http or https), named as the Commission names them."
            ),
        )
        parser.add_argument(
            "--fetch",
            action="store_true",
            help="Download the three tables from settings.CHARITY_REGISTER_URLS, then import.",
        )
        parser.add_argument(
            "--keyword",
            action="append",
            dest="keywords",
            default=[],
            help=(
                "Import charities whose name or activities contain this (repeatable). Any "
                "--keyword or --classification-code replaces the configured selection."
            ),
        )
        parser.add_argument(
            "--classification-code",
            action="append",
            dest="classification_codes",
            default=[],
            help="Import charities with this Commission classification code (repeatable).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would happen, and save nothing.",
        )
        parser.add_argument(
            "--limit",
            type=int,
            help="Stop after this many selected or already listed charities.",
        )

    def handle(self, *args, **options):
        sources = options["sources"]
        if options["limit"] is not None and options["limit"] < 0:
            raise CommandError("--limit must be zero or more.")
        if sources and options["fetch"]:
            raise CommandError("Give either a folder, files or URLs, or --fetch, not both.")
        if not sources and not options["fetch"]:
            raise CommandError(
                "Give a folder holding the extract, its three files or URLs, or --fetch."
            )
        selection = Selection.from_rules(
            keywords=options["keywords"], classification_codes=options["classification_codes"]
        )

        def progress_for(label, total):
            return command_progress(self, options, label, total=total, unit="bytes")

        try:
            with (
                prepared_extract(
                    sources, fetch=options["fetch"], progress_for=progress_for
                ) as folder,
                command_progress(self, options, "Charity records") as progress,
            ):
                report = import_charity_commission(
                    folder,
                    selection=selection,
                    dry_run=options["dry_run"],
                    limit=options["limit"],
                    progress=progress,
                    source=describe_sources(sources, options["fetch"]),
                )
        except DownloadError as error:
            record_failed_download(describe_sources(sources, options["fetch"]), options, error)
            raise CommandError(str(error)) from error
        except (CharityImportError, JSONStreamError) as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            for line in report.lines():
                self.stdout.write(line)


def describe_sources(sources, fetch):
    """Where the extract came from, for the run's record (not the temporary folder)."""
    return "\n".join(register_urls().values() if fetch else sources)


def record_failed_download(source, options, error):
    """A run whose extract never arrived is recorded too, so moderators see it failed."""
    run = start_run(source, options["dry_run"])
    finish_run(run, ImportReport(dry_run=options["dry_run"]), error=error)
