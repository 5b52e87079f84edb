"""The import_charity_commission command: the import and its printed report, selection by
classification code and keyword, a dry run, a limit, and a missing file explained."""

import io

from django.core.management import call_command

import pytest

from directory.imports.charity_commission import (
    ImportReport,
)
from directory.models import OrganisationPage
from tests.directory.charity_commission_fixture import FIXTURE


def test_the_command_imports_and_prints_the_report(tree):
    out = io.StringIO()

    call_command("import_charity_commission", str(FIXTURE), stdout=out)

    output = out.getvalue()
    assert "Created: 5" in output
    assert "Updated: 0" in output
    assert "Unchanged: 0" in output
    assert "Marked as removed from the register: 0" in output
    assert "Skipped: 4" in output
    assert "subsidiary: 1" in output
    assert "not selected: 2" in output
    assert OrganisationPage.objects.count() == 5

    out = io.StringIO()
    call_command("import_charity_commission", str(FIXTURE), stdout=out)
    assert "Created: 0" in out.getvalue()
    assert "Unchanged: 5" in out.getvalue()


def test_the_command_selects_by_classification_code_and_keyword(tree):
    out = io.StringIO()

    call_command(
        "import_charity_commission",
        str(FIXTURE),
        "--classification-code",
        "105",
        "--keyword",
        "gardening",
        stdout=out,
    )

    assert set(OrganisationPage.objects.values_list("charity_number", flat=True)) == {
        "9100004",
        "9100008",
    }
    assert "Created: 2" in out.getvalue()


def test_the_command_dry_run_and_limit(tree):
    out = io.StringIO()
    call_command("import_charity_commission", str(FIXTURE), "--dry-run", stdout=out)
    assert "Created: 5" in out.getvalue()
    assert "Dry run: nothing was saved." in out.getvalue()
    assert OrganisationPage.objects.count() == 0

    call_command("import_charity_commission", str(FIXTURE), "--limit", "2", stdout=io.StringIO())
    assert OrganisationPage.objects.count() == 2


def test_the_command_explains_a_missing_file(tree, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="publicextract.charity.json"):
        call_command("import_charity_commission", str(tmp_path), stdout=io.StringIO())


def test_the_report_lists_its_counts():
    report = ImportReport(created=2, dry_run=True)
    report.skip("subsidiary")

    assert "Created: 2" in report.lines()
    assert "  subsidiary: 1" in report.lines()
    assert report.lines()[-1] == "Dry run: nothing was saved."
