"""Anyone can say a listing is wrong: the report reaches moderators (the admin queue) and the
organisation's owners."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.emails import send_templated_email

from .models import ListingProblemReport
from .staleness import owners_emails

REPORTS_PER_HOUR = 5


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
    report = ListingProblemReport.objects.create(
        organisation=organisation,
        service=service,
        what_is_wrong=what_is_wrong.strip(),
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
    from django.utils import timezone

    from .models import ProblemReportStatus

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
