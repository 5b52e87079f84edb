"""Helper R's: moments for the alert tests, and publishing opportunities then."""

import datetime

from django.core.management import call_command

import time_machine

from pipeline.models import AlertSubscription
from tests.factories import OpportunityPageFactory, PipelineIndexPageFactory, build_site_tree
from tests.factories import publish as publish_page
from tests.factories.core import region, term

UTC = datetime.UTC
MONDAY = datetime.datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


def day(days, hours=0):
    return MONDAY + datetime.timedelta(days=days, hours=hours)


def runner_at(django_capture_on_commit_callbacks):
    """`at(moment, action, ...)`: do something at a moment, running what happens on commit
    (for an `at` fixture)."""

    def at(moment, action, *args, **kwargs):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return action(*args, **kwargs)

    return at


def make_pipeline():
    tree = build_site_tree()
    return PipelineIndexPageFactory(parent=tree.home)


def opportunity(pipeline, title, **fields):
    """A draft opportunity, published (so first published and in the history) when called
    through `at`."""
    page = OpportunityPageFactory(parent=pipeline, title=title, live=False, **fields)
    return publish_page(page)


def change(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return publish_page(page)


def alerts(at, moment):
    at(moment, call_command, "send_pipeline_alerts", now=moment.isoformat())


def subscribe(user, regions=(), categories=(), kinds=(), organisation=None):
    from core.models import ServiceCategory

    subscription = AlertSubscription.objects.create(
        user=user, organisation=organisation, kinds=list(kinds)
    )
    subscription.regions.set([region(slug) for slug in regions])
    subscription.categories.set([term(ServiceCategory, slug) for slug in categories])
    return subscription
