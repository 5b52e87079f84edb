"""The reach report in the admin: a forum's managers see their own regions, site admins see
every region and the whole of England and Wales."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.models import Region
from core.text import without_nul
from forums.reach.report import (
    OUTREACH_HEADER,
    OUTREACH_SORTS,
    SUMMARY_HEADER,
    current_quarter,
    outreach_csv_rows,
    outreach_list,
    parse_period,
    period_choices,
    reach_report,
    summary_csv_rows,
)
from forums.registrations.exports import csv_response
from forums.roles import reach_regions

EVERY_REGION = "all"
OUTREACH_PER_PAGE = 50


class ReachFilterForm(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("Region"))
    period = forms.ChoiceField(label=gettext_lazy("Period"))

    def __init__(self, data, *, regions, site_wide, today):
        super().__init__(data)
        choices = [(region.slug, region.name) for region in regions]
        if site_wide:
            choices.insert(0, (EVERY_REGION, _("All regions (England and Wales)")))
        self.fields["region"].choices = choices
        self.fields["period"].choices = [
            (period.slug, period.label) for period in period_choices(today)
        ]


def _report_request(request):
    """The filter form, the region (None for every region) and the period asked for. A
    region the user does not run is refused, never silently swapped for another."""
    user = request.user
    regions = reach_regions(user)
    site_wide = user.is_superuser
    if not regions and not site_wide:
        raise PermissionDenied
    today = timezone.localdate()
    slug = without_nul(request.GET.get("region")) or (
        EVERY_REGION if site_wide else regions[0].slug
    )
    if slug == EVERY_REGION and site_wide:
        region = None
    else:
        region = next((r for r in regions if r.slug == slug), None)
        if region is None and (slug == EVERY_REGION or Region.objects.filter(slug=slug).exists()):
            raise PermissionDenied
        if region is None:  # an unknown slug: the default view
            region = None if site_wide else regions[0]
    period = parse_period(request.GET.get("period")) or current_quarter(today)
    form = ReachFilterForm(
        {"region": region.slug if region else EVERY_REGION, "period": period.slug},
        regions=regions,
        site_wide=site_wide,
        today=today,
    )
    return form, region, period


def _filename(region, period, what):
    place = region.slug if region else "england-and-wales"
    return f"reach-{place}-{period.slug}-{what}.csv"


class ReachReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Reach report")
    header_icon = "site"
    template_name = "forums/admin/reach_report.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, region, period = _report_request(self.request)
        report = reach_report(region, period)
        sort = self.request.GET.get("sort", "name")
        if sort.lstrip("-") not in OUTREACH_SORTS:
            sort = "name"
        outreach = Paginator(outreach_list(report, sort=sort), OUTREACH_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        query = {"region": form.data["region"], "period": period.slug}
        page_url = {
            name: _url("reach:index", {**query, "sort": sort, "page": number})
            for name, number in (
                ("previous", outreach.previous_page_number() if outreach.has_previous() else 0),
                ("next", outreach.next_page_number() if outreach.has_next() else 0),
            )
            if number
        }
        context.update(
            {
                "form": form,
                "report": report,
                "region_name": region.name if region else _("England and Wales"),
                "outreach": outreach,
                "sort": sort,
                "sort_links": _sort_links(query, sort),
                "page_url": page_url,
                "summary_csv_url": _url("reach:summary_csv", query),
                "outreach_csv_url": _url("reach:outreach_csv", {**query, "sort": sort}),
            }
        )
        return context


def _url(name, query):
    return f"{reverse(name)}?{urlencode(query)}"


def _sort_links(query, current):
    """For each sortable column: the link that sorts by it (flipping the order when it is
    already the sort) and its aria-sort value."""
    links = {}
    for key in OUTREACH_SORTS:
        aria = {key: "ascending", f"-{key}": "descending"}.get(current, "none")
        next_sort = f"-{key}" if current == key else key
        links[key] = {"url": _url("reach:index", {**query, "sort": next_sort}), "aria": aria}
    return links


def reach_summary_csv(request):
    _form, region, period = _report_request(request)
    report = reach_report(region, period)
    return csv_response(
        _filename(region, period, "summary"), SUMMARY_HEADER, summary_csv_rows(report)
    )


def reach_outreach_csv(request):
    _form, region, period = _report_request(request)
    report = reach_report(region, period)
    rows = outreach_list(report, sort=request.GET.get("sort", "name"))
    return csv_response(
        _filename(region, period, "outreach"), OUTREACH_HEADER, outreach_csv_rows(rows)
    )
