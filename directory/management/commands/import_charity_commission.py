from django.core.management.base import BaseCommand, CommandError

from directory.imports.charity_commission import Selection, import_charity_commission
from directory.imports.charity_extract import CharityImportError
from directory.imports.json_stream import JSONStreamError


class Command(BaseCommand):
    help = (
        "Import criminal justice charities from the Charity Commission for England and Wales "
        "register extract (a folder holding publicextract.charity.json, "
        "publicextract.charity_classification.json and "
        "publicextract.charity_area_of_operation.json, or their .zip files). New charities "
        "become public, unclaimed listings; listed ones are updated where nobody has edited "
        "them since the last import. Idempotent: safe to run again on the same extract."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder holding the extract's JSON files.")
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
        if options["limit"] is not None and options["limit"] < 0:
            raise CommandError("--limit must be zero or more.")
        selection = Selection.from_settings(
            keywords=options["keywords"], classification_codes=options["classification_codes"]
        )
        try:
            report = import_charity_commission(
                options["folder"],
                selection=selection,
                dry_run=options["dry_run"],
                limit=options["limit"],
            )
        except (CharityImportError, JSONStreamError) as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
