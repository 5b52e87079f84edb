"""The pipeline index's parts: the filtered listing by quarter (it depends on the visitor's
filters, so it comes from a tag, not the page model) and what changed recently. The rules
are in pipeline/opportunities/listing.py; each tag renders an include in
templates/pipeline/includes/."""

from django import template
from django.urls import reverse

from core.page_urls import absolute_url
from pipeline.models import OpportunityStatus
from pipeline.opportunities.filters import valid_filters
from pipeline.opportunities.listing import (
    by_quarter,
    describe_change,
    listed_opportunities,
    recent_changes,
    regions_text,
    value_text,
)

register = template.Library()

STATUS_COLOURS = {
    OpportunityStatus.PLANNED: "grey",
    OpportunityStatus.MARKET_ENGAGEMENT: "light-blue",
    OpportunityStatus.OPEN: "green",
    OpportunityStatus.CLOSED: "blue",
    OpportunityStatus.EVALUATING: "purple",
    OpportunityStatus.AWARDED: "turquoise",
    OpportunityStatus.DELAYED: "orange",
    OpportunityStatus.CANCELLED: "red",
}


@register.filter
def status_colour(status):
    """The GOV.UK tag colour of a status: `govuk-tag--{{ status|status_colour }}`."""
    return STATUS_COLOURS.get(status, "grey")


@register.inclusion_tag("pipeline/includes/pipeline_listing.html", takes_context=True)
def pipeline_listing(context, index_page):
    """The filter form and the opportunities by quarter, for the visitor's filters."""
    request = context["request"]
    form, filters = valid_filters(request.GET)
    opportunities = list(listed_opportunities(index_page, filters))
    for opportunity in opportunities:
        opportunity.regions_text = regions_text(opportunity)
        opportunity.value_text = value_text(opportunity)
    quarters = by_quarter(opportunities)
    return {
        "request": request,
        "page": index_page,
        "form": form,
        "is_filtered": bool(filters),
        "quarters": quarters,
        "shown": sum(len(quarter["opportunities"]) for quarter in quarters),
    }


@register.inclusion_tag("pipeline/includes/recent_changes.html", takes_context=True)
def pipeline_recent_changes(context, index_page=None):
    """The latest history entries, each in words. History is kept on the default language's
    pages, so a translated index lists the same entries (the pipeline has one index)."""
    return {
        "request": context.get("request"),
        "changes": [describe_change(entry) for entry in recent_changes()],
    }


@register.inclusion_tag("pipeline/includes/feeds.html")
def pipeline_feeds():
    """Links to the key dates calendar and the changes feed, on the configured root URL."""
    return {"changes_feed_url": absolute_url(reverse("pipeline_changes_feed"))}
