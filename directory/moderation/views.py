"""The moderation queue in the Wagtail admin: new listings, changes, claims, problem reports.

Each decision is taken once (see `listings.take_decision`), records who, when and why, and
is emailed to the person who asked.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.claims.rules import approve_claim, reject_claim
from directory.listings.rules import DecisionAlreadyTaken, approve_submission, reject_submission
from directory.models import (
    ListingClaim,
    ListingProblemReport,
    ListingSubmission,
    ProblemReportStatus,
    ReviewStatus,
)
from directory.permissions import is_moderator
from directory.problem_reports.rules import ReportAlreadyDecided, decide_problem_report

ALREADY_DECIDED = _("Someone else has already decided on this. Nothing was changed.")


def pending_counts():
    """How many items wait in each part of the queue (the dashboard shows these)."""
    return {
        "submissions": ListingSubmission.objects.filter(status=ReviewStatus.PENDING).count(),
        "claims": ListingClaim.objects.filter(status=ReviewStatus.PENDING).count(),
        "reports": ListingProblemReport.objects.filter(status=ProblemReportStatus.OPEN).count(),
    }


def field_changes(revision, request):
    """Field-by-field differences between a submitted revision and what is public now
    (or an empty page, for something never published)."""
    submitted = revision.as_object()
    page = revision.content_object
    live = page if page.live else type(submitted)()
    panel = (
        type(submitted)
        .get_edit_handler()
        .get_bound_panel(instance=page, request=request, form=None)
    )
    changes = []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(live, submitted)
        if comparison.has_changed():
            changes.append(comparison)
    return changes


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Sent to the person who asked. Required when rejecting."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == "reject" and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: it is sent to the person who asked."))
        return cleaned_data


class ReportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ProblemReportStatus.RESOLVED, _("Resolved: the listing has been put right")),
            (ProblemReportStatus.DISMISSED, _("Dismissed: nothing needs to change")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModeratorView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("moderation:queue"), "label": _("Moderation")},
            {"label": self.get_page_title()},
        ]


class QueueView(ModeratorView):
    page_title = _("Moderation")
    template_name = "directory/moderation/queue.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submissions"] = ListingSubmission.objects.filter(
            status=ReviewStatus.PENDING
        ).select_related("organisation", "submitted_by")
        context["claims"] = ListingClaim.objects.filter(status=ReviewStatus.PENDING).select_related(
            "organisation", "user"
        )
        context["reports"] = ListingProblemReport.objects.filter(
            status=ProblemReportStatus.OPEN
        ).select_related("organisation", "service")
        context["recent_submissions"] = (
            ListingSubmission.objects.exclude(status=ReviewStatus.PENDING)
            .select_related("organisation", "decided_by")
            .order_by("-decided_at")[:10]
        )
        context["recent_claims"] = (
            ListingClaim.objects.exclude(status=ReviewStatus.PENDING)
            .select_related("organisation", "decided_by", "user")
            .order_by("-decided_at")[:10]
        )
        return context


class DecisionView(ModeratorView):
    """Shared by submissions and claims: show the item, take one decision on POST."""

    model = None
    form_class = DecisionForm

    def get_object(self):
        return get_object_or_404(self.model, pk=self.kwargs["pk"])

    def get_page_title(self):
        return str(self.object)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.form_class()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.decide(form.cleaned_data["decision"], form.cleaned_data["reason"].strip())
        except (DecisionAlreadyTaken, ReportAlreadyDecided):
            messages.warning(request, ALREADY_DECIDED)
        else:
            messages.success(
                request, _("Decision recorded and sent: %(item)s") % {"item": self.object}
            )
        return redirect("moderation:queue")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class SubmissionView(DecisionView):
    model = ListingSubmission
    template_name = "directory/moderation/submission.html"

    def decide(self, decision, reason):
        if decision == "approve":
            approve_submission(self.object, self.request.user, reason)
        else:
            reject_submission(self.object, self.request.user, reason)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revisions = sorted(
            self.object.revisions.select_related("content_type"),
            key=lambda revision: (revision.content_object.depth, revision.object_str),
        )
        context["pages"] = [
            {
                "revision": revision,
                "page": revision.content_object,
                "is_new": revision.content_object.first_published_at is None,
                "changes": field_changes(revision, self.request),
            }
            for revision in revisions
        ]
        return context


class ClaimView(DecisionView):
    model = ListingClaim
    template_name = "directory/moderation/claim.html"

    def decide(self, decision, reason):
        if decision == "approve":
            approve_claim(self.object, self.request.user, reason)
        else:
            reject_claim(self.object, self.request.user, reason)


class ProblemReportView(DecisionView):
    model = ListingProblemReport
    form_class = ReportDecisionForm
    template_name = "directory/moderation/report.html"

    def decide(self, decision, reason):
        decide_problem_report(self.object, self.request.user, decision, reason)
