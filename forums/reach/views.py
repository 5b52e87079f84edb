"""The reach report in the admin: a forum's managers see their own regions, site admins see
every region and the whole of England and Wales. The report and each of its downloads (CSV
and XLSX) are built from the same figures."""

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
from forums.models import RegionalForumPage
from forums.reach.charts import breakdown_chart, trend_chart
from forums.reach.exports import (
    OUTREACH_HEADER,
    SUMMARY_HEADER,
    download,
    outreach_rows,
    summary_rows,
)
from forums.reach.headline import headline
from forums.reach.invitations import invitation_effect
from forums.reach.report import (
    OUTREACH_SORTS,
    current_quarter,
    outreach_list,
    parse_period,
    period_choices,
    reach_report,
)
from forums.reach.searches import searches_that_found_nothing
from forums.reach.unlisted import people_not_listed
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
    return f"reach-{place}-{period.slug}-{what}"


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
        query = {"region": form.data["region"], "period": period.slug}
        context.update(
            {
                "form": form,
                "report": report,
                "region_name": region.name if region else _("England and Wales"),
                **_at_a_glance(report),
                **_outreach(self.request, report, query, sort),
                "no_result_searches": searches_that_found_nothing(region, period),
                "site_wide_searches_url": reverse("search_no_results_report")
                if self.request.user.is_superuser
                else "",
                "not_listed": people_not_listed(region, period),
                "invitations": invitation_effect(region, period),
                **_outreach_links(region),
                "downloads": {
                    f"{what}_{fmt}": _url(f"reach:{what}_{fmt}", query_for)
                    for what, query_for in (
                        ("summary", query),
                        ("outreach", {**query, "sort": sort}),
                    )
                    for fmt in ("csv", "xlsx")
                },
            }
        )
        return context


def _at_a_glance(report):
    """The headline and a chart beside each table (breakdowns, then the trend)."""
    return {
        "headline": headline(report),
        "breakdown_charts": [
            (breakdown, breakdown_chart(breakdown, f"breakdown-chart-{number}"))
            for number, breakdown in enumerate(report.breakdowns, start=1)
        ],
        "trend_chart": trend_chart(report.trend, "trend-chart") if report.trend else None,
    }


def _outreach_links(region):
    """Where the region's forum managers invite organisations from the outreach list, and
    see the invitations sent (forums/outreach/); none for every region at once."""
    forum = (
        RegionalForumPage.objects.filter(region=region).order_by("pk").only("pk").first()
        if region is not None
        else None
    )
    if forum is None:
        return {"invite_url": "", "invitations_sent_url": ""}
    return {
        "invite_url": reverse("forum_outreach:invite", args=[forum.pk]),
        "invitations_sent_url": reverse("forum_outreach:sent", args=[forum.pk]),
    }


def _outreach(request, report, query, sort):
    """A page of the outreach list, with the links that sort it and turn its pages."""
    outreach = Paginator(outreach_list(report, sort=sort), OUTREACH_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page_url = {
        name: _url("reach:index", {**query, "sort": sort, "page": number})
        for name, number in (
            ("previous", outreach.previous_page_number() if outreach.has_previous() else 0),
            ("next", outreach.next_page_number() if outreach.has_next() else 0),
        )
        if number
    }
    return {
        "outreach": outreach,
        "sort": sort,
        "sort_links": _sort_links(query, sort),
        "page_url": page_url,
    }


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


def reach_summary(request, fmt):
    """The report's total, breakdowns and trend, as a CSV or XLSX (`fmt`)."""
    _form, region, period = _report_request(request)
    report = reach_report(region, period)
    return download(fmt, _filename(region, period, "summary"), SUMMARY_HEADER, summary_rows(report))


def reach_outreach(request, fmt):
    """The whole outreach list, in the order the report shows it, as a CSV or XLSX."""
    _form, region, period = _report_request(request)
    report = reach_report(region, period)
    rows = outreach_list(report, sort=request.GET.get("sort", "name"))
    return download(
        fmt, _filename(region, period, "outreach"), OUTREACH_HEADER, outreach_rows(rows)
    )
