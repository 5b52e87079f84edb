"""Search in the admin: editable synonyms, and the report of searches that found nothing."""

import datetime

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from core.exports import SafeSpreadsheetExportMixin
from search.log import london_day
from search.models import SearchLogEntry, SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 350
    add_to_admin_menu = True
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)


PERIODS = [
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("365", _("Last 12 months")),
]
DEFAULT_PERIOD = "30"


class NoResultSearchesFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=PERIODS,
        empty_label=None,
        initial=DEFAULT_PERIOD,
        method="filter_period",
    )

    class Meta:
        model = SearchLogEntry
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # With no period (or an unknown one) the report covers the default, and says so.
        if data is not None and data.get("period") not in dict(PERIODS):
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)

    def filter_period(self, queryset, name, value):
        """The last `value` days, today included."""
        return queryset.since(london_day() - datetime.timedelta(days=int(value) - 1))


class SearchesPaginator(WagtailPaginator):
    # Each row is one distinct search, however many log entries it adds up.
    verbose_name = _("different search")
    verbose_name_plural = _("different searches")


class NoResultSearchesReportView(SafeSpreadsheetExportMixin, ReportView):
    """The most frequent searches that found nothing: what people need and cannot find.

    Anyone can search, so its CSV and XLSX exports hold what strangers typed: every cell is
    cleaned (no formulas, nothing an XLSX cannot hold)."""

    model = SearchLogEntry
    permission_required = "view"
    page_title = _("Searches with no results")
    header_icon = "search"
    filterset_class = NoResultSearchesFilterSet
    paginator_class = SearchesPaginator
    index_url_name = "search_no_results_report"
    index_results_url_name = "search_no_results_report_results"
    columns = [
        Column("query", label=_("Search text")),
        Column("filters_text", label=_("Filters")),
        Column("times", label=_("Times searched")),
        Column("last_seen", label=_("Last searched")),
        Column("index_name", label=_("Index")),
    ]
    list_export = ["query", "filters_text", "times", "last_seen", "index_name"]
    export_headings = {
        "query": _("Search text"),
        "filters_text": _("Filters"),
        "times": _("Times searched"),
        "last_seen": _("Last searched"),
        "index_name": _("Index"),
    }
    no_results_message = _("Every search in this period found something.")

    def get_queryset(self):
        return self.filter_queryset(SearchLogEntry.objects.without_results()).totals()

    def decorate_paginated_queryset(self, object_list):
        return [{**row, "filters_text": readable_filters(row["filters"])} for row in object_list]

    def get_table(self, object_list):
        # ReportView builds the table before it decorates the rows (for the export).
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def get_filename(self):
        return f"searches-with-no-results-{london_day().isoformat()}"


def readable_filters(filters):
    """{"region": ["london"], "category": ["debt", "housing"]} as
    "category=debt, category=housing, region=london"."""
    return ", ".join(
        f"{param}={value}" for param, values in sorted(filters.items()) for value in values
    )


class NoResultSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(SearchLogEntry).user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "reports/searches-with-no-results/",
            NoResultSearchesReportView.as_view(),
            name="search_no_results_report",
        ),
        path(
            "reports/searches-with-no-results/results/",
            NoResultSearchesReportView.as_view(results_only=True),
            name="search_no_results_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return NoResultSearchesMenuItem(
        _("Searches with no results"),
        reverse("search_no_results_report"),
        name="searches-with-no-results",
        icon_name="search",
        order=1300,
    )
