"""What forum managers download: the rows of an event's registrations and of a forum's
members, the same rows in the CSV and the XLSX. The files are built by `core.exports`, which
starts every CSV with a byte-order mark (so Excel reads it as UTF-8) and makes every cell safe
to open in a spreadsheet (no formulas, nothing an XLSX cannot hold)."""

from core.exports import csv_response, xlsx_response

__all__ = [
    "MEMBER_HEADER",
    "REGISTRATION_HEADER",
    "csv_response",
    "member_rows",
    "registration_rows",
    "xlsx_response",
]


def registration_rows(event):
    registrations = event.registrations.select_related("user", "organisation").order_by(
        "created_at", "pk"
    )
    for registration in registrations:
        user = registration.user
        yield [
            user.get_full_name() or user.email,
            user.email,
            organisation_cell(registration),
            registration.get_status_display(),
            registration.created_at,
            registration.access_needs,
        ]


def organisation_cell(registration):
    if registration.organisation:
        return registration.organisation.title
    if registration.unlisted_organisation_name:
        return f"{registration.unlisted_organisation_name} (not listed)"
    return "Individual"


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
