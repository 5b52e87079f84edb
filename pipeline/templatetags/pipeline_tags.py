"""The pipeline on other sections' pages: a regional forum page lists its region's live
opportunities with `{% region_opportunities page %}` (forums never import the pipeline;
their templates load this library)."""

from django import template
from django.db.models import Case, IntegerField, Value, When

from pipeline.models import OpportunityPage, OpportunityStatus, PipelineIndexPage
from pipeline.opportunities.listing import in_region, with_last_updated

register = template.Library()

# Opportunities no longer open to bids: listed after the rest.
FINISHED = (OpportunityStatus.CLOSED, OpportunityStatus.AWARDED, OpportunityStatus.CANCELLED)
FORUM_PAGE_LIMIT = 10


def region_opportunities_for(region, limit=FORUM_PAGE_LIMIT):
    """The live opportunities for `region` (any language version of it), national ones
    included: those still to come or open first, then closed, awarded and cancelled ones;
    soonest closing first within each. A fixed number of queries."""
    finished_last = Case(
        When(status__in=FINISHED, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    queryset = in_region(OpportunityPage.objects.live(), region.slug)
    queryset = with_last_updated(queryset).annotate(finished=finished_last)
    return list(queryset.order_by("finished", "closes_on", "title", "pk")[:limit])


@register.inclusion_tag("pipeline/includes/region_opportunities.html", takes_context=True)
def region_opportunities(context, forum):
    index = PipelineIndexPage.objects.live().filter(locale_id=forum.locale_id).first()
    index = index or PipelineIndexPage.objects.live().first()
    request = context.get("request")
    return {
        "request": request,
        "region": forum.region,
        "opportunities": region_opportunities_for(forum.region),
        "pipeline_url": index.get_url(request) if index is not None else None,
    }
