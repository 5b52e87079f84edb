"""CSV exports for forum managers, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in
Excel or LibreOffice (CSV injection); such cells get a leading apostrophe."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename, header, rows):
    """The same rows as a spreadsheet; every cell is written as text after `safe_cell`, so
    nothing is evaluated as a formula."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([safe_cell(value) for value in header])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def registration_rows(event):
    registrations = event.registrations.select_related("user", "organisation").order_by(
        "created_at", "pk"
    )
    for registration in registrations:
        user = registration.user
        yield [
            user.get_full_name() or user.email,
            user.email,
            registration.organisation.title if registration.organisation else "Individual",
            registration.get_status_display(),
            registration.created_at,
            registration.access_needs,
        ]


REGISTRATION_HEADER = ["Name", "Email", "Organisation", "Status", "Registered", "Access needs"]


def member_rows(forum):
    memberships = forum.memberships.select_related("organisation").order_by("organisation__title")
    for membership in memberships:
        organisation = membership.organisation
        yield [
            organisation.title,
            organisation.email,
            getattr(organisation, "phone", ""),
            getattr(organisation, "website", ""),
            membership.created_at,
        ]


MEMBER_HEADER = ["Organisation", "Email", "Telephone", "Website", "Joined"]
