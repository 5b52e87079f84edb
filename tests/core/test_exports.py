"""The one rule every CSV and XLSX download follows: valid, and no cell runs as a formula."""

import csv
import datetime
import io
import zoneinfo

from django.utils.translation import gettext_lazy

import openpyxl
import pytest

from core.exports import XLSX_CELL_LIMIT, clean_cell, csv_response, xlsx_response

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("Mentoring", "Mentoring"),
        (12, "12"),
        (0, "0"),
        (gettext_lazy("Anonymous"), "Anonymous"),
        (datetime.date(2026, 3, 31), "2026-03-31"),
        # Summer time: 11:30 UTC is 12:30 in London; in winter the two agree.
        (datetime.datetime(2026, 6, 15, 11, 30, tzinfo=datetime.UTC), "2026-06-15 12:30"),
        (datetime.datetime(2026, 1, 15, 11, 30, tzinfo=datetime.UTC), "2026-01-15 11:30"),
        # Just before midnight UTC in summer is the next day in London.
        (datetime.datetime(2026, 6, 15, 23, 30, tzinfo=datetime.UTC), "2026-06-16 00:30"),
        (datetime.datetime(2026, 6, 15, 9, 5, tzinfo=LONDON), "2026-06-15 09:05"),
    ],
)
def test_values_become_the_text_a_person_expects(value, expected):
    assert clean_cell(value) == expected


@pytest.mark.parametrize(
    "formula",
    [
        '=HYPERLINK("http://x","click")',
        "+1+2",
        "-1+2",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "\n=1+1",
        '＝HYPERLINK("http://x")',
        "＋1",
        "－1",
        "＠SUM(A1)",
    ],
)
def test_anything_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(formula):
    assert clean_cell(formula) == "'" + formula


@pytest.mark.parametrize("text", ["a=b", "Housing - and work", "email@example.org", "'quoted"])
def test_formula_characters_after_the_start_are_left_alone(text):
    assert clean_cell(text) == text


def test_characters_xml_forbids_are_removed_and_tab_newline_return_kept():
    assert clean_cell("x\x01\x0b\x1by") == "xy"
    assert clean_cell("\x00nul\x08\x0c\x0e\x1f") == "nul"
    assert clean_cell("a\ufffeb\uffffc") == "abc"
    assert clean_cell("lone \ud800surrogate") == "lone surrogate"
    assert clean_cell("line one\nline two\ttab") == "line one\nline two\ttab"
    assert clean_cell("café £5 — ✓") == "café £5 — ✓"


def test_a_formula_hidden_behind_forbidden_characters_is_still_neutralised():
    assert clean_cell("\x01=1+1") == "'=1+1"


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf8():
    response = csv_response("fees.csv", ["Item", "Cost"], [["Room hire", "£40"]])

    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="fees.csv"'
    assert csv_rows(response) == [["Item", "Cost"], ["Room hire", "£40"]]


def test_every_csv_cell_header_included_is_cleaned():
    response = csv_response(
        "answers.csv",
        ["=Heading", "Submitted"],
        [['=HYPERLINK("http://x")', datetime.date(2026, 4, 1)], ["x\x01\x0b\x1by", None]],
    )

    assert csv_rows(response) == [
        ["'=Heading", "Submitted"],
        ['\'=HYPERLINK("http://x")', "2026-04-01"],
        ["xy", ""],
    ]


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_an_xlsx_with_control_characters_and_formulas_opens_with_every_cell_as_text():
    response = xlsx_response(
        "answers.xlsx",
        ["Response", "Answer", "Submitted"],
        [[7, "x\x01\x0b\x1by", datetime.date(2026, 4, 1)], [8, "=1+1", None]],
    )

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="answers.xlsx"'
    rows, sheet = xlsx_rows(response)
    assert rows == [
        ["Response", "Answer", "Submitted"],
        ["7", "xy", "2026-04-01"],
        ["8", "'=1+1", None],  # an empty string cell reads back as empty
    ]
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s"}


def test_an_xlsx_cell_longer_than_excel_allows_is_cut_to_fit():
    response = xlsx_response("long.xlsx", ["Answer"], [["a" * (XLSX_CELL_LIMIT + 10)]])

    rows, _sheet = xlsx_rows(response)
    assert rows[1] == ["a" * XLSX_CELL_LIMIT]
