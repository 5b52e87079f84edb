import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core.progress import command_progress
from directory import demo as directory_demo
from forums import demo as forums_demo
from home.site_structure import ensure_site_structure
from pipeline import demo as pipeline_demo

# Wagtail logs every page saved and django-tasks every index update: thousands of lines here.
CHATTY_LOGGERS = ["wagtail", "django_tasks"]


class Command(BaseCommand):
    help = (
        "Load a realistic, clearly fictional directory (about 150 organisations and 300+ "
        "services) and a demo admin account. The same data on every run; a second run adds "
        "nothing. For development and demonstrations only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(
                    f"DEBUG is off. This command creates a superuser "
                    f"({directory_demo.DEMO_ADMIN_EMAIL}) with a published password if none "
                    "exists: do not run it on a live site."
                )
            )
        if options["verbosity"] < 2:
            for name in CHATTY_LOGGERS:
                logging.getLogger(name).setLevel(logging.WARNING)

        started = time.monotonic()
        structure = ensure_site_structure()

        def progress(label, total=None, unit="records"):
            return command_progress(self, options, label, total=total, unit=unit)

        report = directory_demo.load(structure.directory, progress=progress)
        with progress("Forums", unit="regions") as forums:
            forums_demo.load(structure.forums, progress=forums)
        with progress("Pipeline", unit="opportunities created") as pipeline:
            pipeline.advance(pipeline_demo.load(structure.pipeline))
        elapsed = time.monotonic() - started
        if options["verbosity"] < 1:
            return

        for change in structure.changes:
            self.stdout.write(change)
        self._report(report)
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f}s. In the database now:"))
        for label, count in directory_demo.demo_data_counts().items():
            self.stdout.write(f"  {label}: {count}")

    def _report(self, report):
        email, password = directory_demo.DEMO_ADMIN_EMAIL, directory_demo.DEMO_ADMIN_PASSWORD
        if report.admin_created:
            self.stdout.write(f"Created the demo admin: {email} / {password}")
        else:
            self.stdout.write(f"The admin account {email} already exists; unchanged.")
        self.stdout.write(
            f"Organisations: {report.organisations_created} created "
            f"({report.drafts_created} left as drafts), "
            f"{report.organisations_present} already present."
        )
        self.stdout.write(
            f"Services: {report.services_created} created, "
            f"{report.services_present} already present."
        )
