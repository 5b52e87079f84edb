"""Every CSV and XLSX the site produces goes through one rule, `clean_cell`, so a download is
always valid and safe to open in a spreadsheet.

- Characters XML 1.0 forbids (control characters other than tab, newline and carriage return,
  U+FFFE, U+FFFF, lone surrogates) are removed: an XLSX is XML, and one such character in a
  free-text answer would otherwise make the whole export fail.
- A cell that a spreadsheet would run as a formula (CSV injection, see OWASP's "CSV
  Injection" page) gets a leading apostrophe: one that starts with = + - @, a tab or a carriage
  return, their full-width forms (＝ ＋ － ＠), or any of those after leading whitespace.
- Dates are ISO dates; times are shown in Europe/London as "YYYY-MM-DD HH:MM".

`csv_response` and `xlsx_response` build downloads from a header and rows;
`SafeSpreadsheetExportMixin` applies the same rule to Wagtail's generic exports (report
views and listings with `list_export`).
"""

import csv
import datetime
import io
import re
import zoneinfo

from django.http import HttpResponse
from django.utils.encoding import force_str

LONDON = zoneinfo.ZoneInfo("Europe/London")

# Excel opens a CSV as UTF-8 (rather than the Windows code page, which garbles "£") only
# when it starts with a byte-order mark.
BOM = "\ufeff"

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The most characters Excel keeps in one cell; a longer one makes it report the file damaged.
XLSX_CELL_LIMIT = 32767

# Not allowed anywhere in an XML 1.0 document.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def as_text(value):
    """A value as the text a cell shows, before cleaning."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LONDON)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return force_str(value)


def clean_cell(value):
    """`value` as text that is valid in XML and that no spreadsheet runs as a formula."""
    text = XML_FORBIDDEN.sub("", as_text(value))
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    """A CSV download: UTF-8 with a byte-order mark, every cell through `clean_cell`."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([clean_cell(value) for value in header])
    for row in rows:
        writer.writerow([clean_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_cell(value):
    """`clean_cell`, cut to the length Excel accepts in a cell."""
    return clean_cell(value)[:XLSX_CELL_LIMIT]


def xlsx_response(filename, header, rows):
    """The same rows as a spreadsheet; every cell is written as text, so nothing is
    evaluated as a formula or turned into a number or date."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()

    def text_cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, xlsx_cell(value))
            cell.data_type = "s"
            yield cell

    sheet.append(text_cells(header))
    for row in rows:
        sheet.append(text_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


class SafeSpreadsheetExportMixin:
    """Put before a Wagtail view that exports with `list_export` (a `ReportView`, a generic
    `IndexView`): every heading and value goes through `clean_cell`, XLSX cells are all text,
    and the CSV starts with a byte-order mark.

    A field's own function in `custom_field_preprocess` still runs first; lists are joined
    with ", "; Wagtail's per-type preprocessing (which would write times in UTC) is replaced.
    """

    def preprocess_field_value(self, field, value, export_format):
        own = self.custom_field_preprocess.get(field, {}).get(export_format)
        if own is not None:
            value = own(value)
        elif isinstance(value, (list, tuple)):
            value = ", ".join(as_text(item) for item in value)
        if export_format == self.FORMAT_XLSX:
            return xlsx_cell(value)
        return clean_cell(value)

    def get_heading(self, queryset, field):
        return clean_cell(super().get_heading(queryset, field))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # Every value is text now: no date format, and nothing typed as a number or formula.
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=None):
            cell.data_type = "s"
            yield cell

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)
