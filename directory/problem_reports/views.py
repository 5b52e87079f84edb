"""Reporting a problem with a listing, from its public page (no account needed)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.ratelimit import allow
from core.text import parse_id
from directory.models import OrganisationPage, ServicePage
from directory.problem_reports.rules import REPORTS_PER_HOUR, ProblemReportForm, report_problem


def report_problem_view(request, organisation_id):
    """Report a problem with an organisation or one of its services (no account needed)."""

    organisation = get_object_or_404(OrganisationPage.objects.live(), pk=organisation_id)
    service = None
    service_id = request.GET.get("service") or request.POST.get("service")
    if service_id:
        service_pk = parse_id(service_id)
        if service_pk is None:
            raise Http404
        service = ServicePage.objects.public().filter(organisation=organisation, pk=service_pk)
        service = service.first()
        if service is None:
            raise Http404
    listing = service or organisation
    context = {"organisation": organisation, "service": service, "listing": listing}
    if request.method == "POST":
        form = ProblemReportForm(request.POST)
        if form.is_valid():
            if not allow(request, "report-problem", REPORTS_PER_HOUR, 3600):
                context["form"] = form
                context["rate_limited"] = True
                return render(request, "directory/report_problem.html", context, status=429)
            if not form.is_spam():
                report_problem(
                    organisation,
                    service,
                    form.cleaned_data["what_is_wrong"],
                    form.cleaned_data["contact_email"],
                )
            return render(request, "directory/report_problem_done.html", context)
    else:
        form = ProblemReportForm()
    context["form"] = form
    return render(request, "directory/report_problem.html", context)
