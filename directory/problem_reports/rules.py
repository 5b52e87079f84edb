"""Anyone can say a listing is wrong: the report reaches moderators (the admin queue) and the
organisation's owners."""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import send_templated_email
from directory.models import ListingProblemReport, OrganisationPage
from directory.staleness.rules import owners_emails

REPORTS_PER_HOUR = 5
# An identical report (same listing, text and email address) within this time is the same one.
DUPLICATE_WINDOW = datetime.timedelta(minutes=30)


class ProblemReportForm(forms.Form):
    what_is_wrong = forms.CharField(
        label=_("What is wrong with this listing?"),
        help_text=_("For example, the phone number no longer works or the service has closed."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us what is wrong with this listing"),
            "max_length": _("What is wrong must be 2,000 characters or fewer"),
        },
    )
    contact_email = forms.EmailField(
        label=_("Your email address (optional)"),
        help_text=_("Only if you are happy for us to ask you about it."),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(required=False)

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


@transaction.atomic
def report_problem(organisation, service, what_is_wrong, contact_email=""):
    """Store a report and tell the listing's owners; a report identical to one made in the
    last `DUPLICATE_WINDOW` (a double-clicked form, or the same person sending it again, with
    or without an account) returns that one and emails nobody again."""
    what_is_wrong = what_is_wrong.strip()
    # Reports on one organisation are taken one at a time (a row lock on PostgreSQL; SQLite has
    # none), so two identical ones sent at the same moment cannot both miss each other.
    lock = OrganisationPage.objects.select_for_update(of=("self",)).filter(pk=organisation.pk)
    list(lock.values_list("pk", flat=True))
    duplicate = (
        ListingProblemReport.objects.filter(
            organisation=organisation,
            service=service,
            what_is_wrong=what_is_wrong,
            contact_email=contact_email,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("created_at", "pk")
        .first()
    )
    if duplicate is not None:
        return duplicate
    report = ListingProblemReport.objects.create(
        organisation=organisation,
        service=service,
        what_is_wrong=what_is_wrong,
        contact_email=contact_email,
    )
    send_templated_email(
        owners_emails(organisation),
        "directory/emails/problem_reported",
        {"report": report, "listing": service or organisation},
    )
    return report


class ReportAlreadyDecided(Exception):
    pass


@transaction.atomic
def decide_problem_report(report, moderator, status, note=""):
    """Resolve or dismiss an open report, once; who, when and why are kept."""
    from directory.models import ProblemReportStatus

    updated = ListingProblemReport.objects.filter(
        pk=report.pk, status=ProblemReportStatus.OPEN
    ).update(status=status, decided_by=moderator, decided_at=timezone.now(), decision_note=note)
    if not updated:
        raise ReportAlreadyDecided
    report = ListingProblemReport.objects.select_related("organisation", "service").get(
        pk=report.pk
    )
    if report.contact_email:
        send_templated_email(
            [report.contact_email],
            "directory/emails/problem_report_decided",
            {"report": report, "listing": report.service or report.organisation},
        )
    return report
