"""The commissioning pipeline: its index and opportunities.

Taxonomy fields accept seeded terms or their slugs, so a test can say
`OpportunityPageFactory(regions=["london"], categories=["accommodation"])`.
Pages are live unless the test passes `live=False`; factories skip publishing, so use
`publish(page, user)` when a test needs `page_published` (and so the history) to fire.
"""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from core.models import LedByAndFor, Region, ServiceCategory
from pipeline.models import OpportunityPage, PipelineIndexPage

from .directory import TermFieldsMixin
from .home import site_home_page


def _pipeline_index():
    index = PipelineIndexPage.objects.first()
    return index if index is not None else PipelineIndexPageFactory()


def _in_days(days):
    return lambda: timezone.localdate() + datetime.timedelta(days=days)


class PipelineIndexPageFactory(wagtail_factories.PageFactory):
    title = "Commissioning pipeline"
    slug = "pipeline"
    introduction = "Grants and contracts on the horizon, and every change to them."
    parent = factory.LazyFunction(site_home_page)
    live = True

    class Meta:
        model = PipelineIndexPage


class OpportunityPageFactory(TermFieldsMixin, wagtail_factories.PageFactory):
    """A planned grant in London for accommodation services, opening in 30 days, closing in
    60, decided in 90 and starting in 180."""

    _term_fields = {
        "regions": Region,
        "categories": ServiceCategory,
        "led_by_and_for_only": LedByAndFor,
    }

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    summary = "Funding for specialist services for people on probation."
    kind = "grant"
    funder = "Example Probation Region"
    parent = factory.LazyFunction(_pipeline_index)
    live = True
    status = "planned"
    regions = factory.LazyFunction(lambda: ["london"])
    categories = factory.LazyFunction(lambda: ["accommodation"])
    opens_on = factory.LazyFunction(_in_days(30))
    closes_on = factory.LazyFunction(_in_days(60))
    decision_on = factory.LazyFunction(_in_days(90))
    starts_on = factory.LazyFunction(_in_days(180))
    contact_email = "commissioning@example.org"

    class Meta:
        model = OpportunityPage


def publish(page, user=None):
    """Publish a revision of `page` as `user`, so `page_published` fires; returns the page
    as now stored."""
    page.save_revision(user=user).publish(user=user)
    return page.specific_class.objects.get(pk=page.pk)
