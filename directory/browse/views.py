"""Public views reached from a listing: confirming it is current, reporting a problem."""

from django.http import Http404

from core.text import parse_id


def confirm_listing_view(request, token):
    """The one-click link from the reminder email: no sign-in needed.

    A GET only shows the button (mail scanners follow links); the POST confirms.
    """
    from django.shortcuts import render

    from directory.staleness.rules import (
        InvalidConfirmLink,
        confirm_listing,
        organisation_for_token,
    )

    try:
        organisation = organisation_for_token(token)
    except InvalidConfirmLink:
        return render(request, "directory/confirm_listing_invalid.html", status=400)
    if request.method == "POST":
        confirm_listing(organisation, user=request.user)
        return render(
            request, "directory/confirm_listing_done.html", {"organisation": organisation}
        )
    return render(request, "directory/confirm_listing.html", {"organisation": organisation})


def report_problem_view(request, organisation_id):
    """Report a problem with an organisation or one of its services (no account needed)."""
    from django.shortcuts import get_object_or_404, render

    from core.ratelimit import allow
    from directory.models import OrganisationPage, ServicePage
    from directory.problem_reports.rules import REPORTS_PER_HOUR, ProblemReportForm, report_problem

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
